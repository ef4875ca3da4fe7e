package io.nubis.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A signed-in portal user, logged in through the real Keycloak authorization code flow without a browser: the app
 * redirects to Keycloak, the login form is read from Keycloak's HTML and posted, Keycloak redirects back with a code
 * and the app answers with its session cookie. Then pages can be read and forms posted with their CSRF token, like a
 * browser would, with redirects handled by hand so tests can look at each step.
 */
public final class PortalSession {

    private static final Pattern LOGIN_FORM = Pattern
            .compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern
            .compile("<input type=\"hidden\" name=\"csrf-token\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String acceptLanguage;

    private PortalSession(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Base URL of the app under test, on 127.0.0.1 (the Keycloak client accepts any local port). */
    public static String baseUrl() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        return "http://127.0.0.1:" + port;
    }

    /** Logs in a realm user whose password is its name (see {@link Tokens}). */
    /** A browser that has not logged in. */
    public static PortalSession anonymous() {
        return new PortalSession(baseUrl());
    }

    public static PortalSession login(String user) {
        return login(user, user);
    }

    public static PortalSession login(String user, String password) {
        return login(user, password, "/");
    }

    /**
     * Logs in starting from {@code startPath} (sent as is, not encoded); {@link #lastLoginRedirect()} then tells where
     * the portal sent the browser after the code exchange.
     */
    public static PortalSession login(String user, String password, String startPath) {
        PortalSession s = new PortalSession(baseUrl());
        // 1. a protected page sends us to Keycloak, setting the app's state cookie (q_auth_*)
        Response start = s.request().get(s.baseUrl + startPath);
        assertEquals(302, start.statusCode(), "an anonymous page request must redirect to Keycloak");
        String authUrl = start.header("Location");
        assertTrue(authUrl.startsWith(Tokens.keycloakUrl() + "/realms/nubis/protocol/openid-connect/auth"), authUrl);
        s.keep(start);

        // 2. Keycloak's login page, with its own cookies
        Map<String, String> kc = new LinkedHashMap<>();
        Response loginPage = given().urlEncodingEnabled(false).redirects().follow(false).get(authUrl);
        assertEquals(200, loginPage.statusCode(), "Keycloak login page");
        keep(kc, loginPage);
        Matcher m = LOGIN_FORM.matcher(loginPage.asString());
        assertTrue(m.find(), "no login form on Keycloak's page");
        String action = m.group(1).replace("&amp;", "&");

        // 3. post the credentials: Keycloak redirects back to the app with a code
        Response posted = given().urlEncodingEnabled(false).redirects().follow(false).cookies(kc)
                .contentType("application/x-www-form-urlencoded")
                .body(formBody(Map.of("username", user, "password", password, "credentialId", ""))).post(action);
        assertEquals(302, posted.statusCode(), "Keycloak did not accept the login of " + user);
        String callback = posted.header("Location");
        assertTrue(callback.startsWith(s.baseUrl) && callback.contains("code="), callback);

        // 4. the app exchanges the code and sets its session cookie (q_session*)
        Response back = s.request().get(callback);
        assertTrue(back.statusCode() == 302 || back.statusCode() == 200, "code exchange: " + back.statusCode());
        s.keep(back);
        s.lastLoginRedirect = back.header("Location");
        assertTrue(s.cookies.keySet().stream().anyMatch(k -> k.startsWith("q_session")),
                "no session cookie after login: " + s.cookies.keySet());
        return s;
    }

    private String lastLoginRedirect;

    /** The {@code Location} the portal answered the code exchange of the login with (null: none). */
    public String lastLoginRedirect() {
        return lastLoginRedirect;
    }

    /** Sends {@code Accept-Language} with every request from now on. */
    public PortalSession acceptLanguage(String value) {
        this.acceptLanguage = value;
        return this;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    /** GET a path without following redirects. */
    public Response get(String path) {
        Response r = request().get(url(path));
        keep(r);
        return r;
    }

    /** GET a path and follow redirects on this server (at most 5), keeping cookies on the way. */
    public Response page(String path) {
        return follow(get(path));
    }

    /** Follows the redirects of a response (at most 5). */
    public Response follow(Response r) {
        for (int i = 0; i < 5 && r.statusCode() >= 300 && r.statusCode() < 400; i++) {
            r = get(r.header("Location"));
        }
        return r;
    }

    /** The CSRF token of the form on a page, from its hidden field. */
    public static String csrfToken(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertTrue(m.find(), "no CSRF field in the page");
        return m.group(1);
    }

    /**
     * GETs {@code formPage}, takes the CSRF token from its form and POSTs {@code fields} to {@code action}, like a
     * browser submitting that form. Does not follow the answer's redirect.
     */
    public Response submit(String formPage, String action, Map<String, String> fields) {
        Response page = get(formPage);
        assertEquals(200, page.statusCode(), "form page " + formPage);
        return post(action, csrfToken(page.asString()), fields);
    }

    /** POSTs a form with the given CSRF token (null: none at all). */
    public Response post(String action, String csrfToken, Map<String, String> fields) {
        Map<String, String> body = new LinkedHashMap<>();
        if (csrfToken != null) {
            body.put("csrf-token", csrfToken);
        }
        body.putAll(fields);
        Response r = request().contentType("application/x-www-form-urlencoded; charset=UTF-8").body(formBody(body))
                .post(url(action));
        keep(r);
        return r;
    }

    /**
     * POSTs a raw body with any content type (null: no Content-Type header and no body at all) and no CSRF token, as a
     * cross-site page could make a browser send it with this session's cookies. Sent with the JDK's HTTP client, which
     * adds no content type of its own; returns the status code.
     */
    public int postRaw(String action, String contentType, String body) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(action)))
                .header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining("; ")));
        if (contentType != null) {
            b.header("Content-Type", contentType).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.POST(java.net.http.HttpRequest.BodyPublishers.noBody());
        }
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code application/x-www-form-urlencoded} body of some fields. */
    public static String formBody(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    /** A query-string value, encoded. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private RequestSpecification request() {
        RequestSpecification spec = given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies);
        if (acceptLanguage != null) {
            spec.header("Accept-Language", acceptLanguage);
        }
        return spec;
    }

    private String url(String path) {
        return path.startsWith("http") ? path : baseUrl + path;
    }

    private void keep(Response r) {
        keep(cookies, r);
    }

    private static void keep(Map<String, String> jar, Response r) {
        for (Cookie c : r.getDetailedCookies()) {
            boolean expired = c.getMaxAge() == 0
                    || (c.getExpiryDate() != null && c.getExpiryDate().before(new Date()));
            if (c.getValue() == null || c.getValue().isEmpty() || expired) {
                jar.remove(c.getName());
            } else {
                jar.put(c.getName(), c.getValue());
            }
        }
    }
}
