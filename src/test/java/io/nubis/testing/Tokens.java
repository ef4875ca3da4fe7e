package io.nubis.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Real access tokens from the running Keycloak (password grant, public client nubis-cli), cached for a minute. Users
 * come from dev/keycloak/nubis-realm.json.
 */
public final class Tokens {

    /** Member of /accounts/admin. */
    public static final String ADMIN = "admin";
    /** Tenant in account acme. */
    public static final String ALICE = "alice";
    /** Tenant in account globex. */
    public static final String BOB = "bob";
    /** A user in no account group. */
    public static final String NOMAD = "nomad";

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, long until) {
    }

    private Tokens() {
    }

    public static String keycloakUrl() {
        return ConfigProvider.getConfig().getValue("nubis.keycloak.url", String.class);
    }

    /** Access token of a realm user whose password equals its name. */
    public static String of(String user) {
        long now = System.currentTimeMillis();
        Cached c = CACHE.get(user);
        if (c != null && c.until > now) {
            return c.token;
        }
        String token = given().baseUri(keycloakUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "nubis-cli").formParam("username", user)
                .formParam("password", user).formParam("scope", "openid")
                .post("/realms/nubis/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
        CACHE.put(user, new Cached(token, now + 60_000));
        return token;
    }

    /** A fresh access token for a user with its own password (users the tests create); never cached. */
    public static String fresh(String user, String password) {
        return given().baseUri(keycloakUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "nubis-cli").formParam("username", user)
                .formParam("password", password).formParam("scope", "openid")
                .post("/realms/nubis/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
    }

    /** The HTTP status Keycloak answers a password login with (200, or 401 for a disabled or unknown user). */
    public static int loginStatus(String user, String password) {
        return given().baseUri(keycloakUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "nubis-cli").formParam("username", user)
                .formParam("password", password).post("/realms/nubis/protocol/openid-connect/token").statusCode();
    }
}
