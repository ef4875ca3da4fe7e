package io.nubis.platform.web;

import io.nubis.platform.Text;
import io.nubis.platform.FieldError;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Messages;
import io.nubis.platform.NubisException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the layout and the page controllers need to know about the current portal request: its language, who is signed
 * in, the flash message to show once. Templates reach it as {@code {inject:portal.*}}. Never throws: a layout rendered
 * for an error page must not fail itself.
 */
@RequestScoped
@Named("portal")
public class PortalRequest {

    @Inject
    HttpServerRequest request;
    @Inject
    Instance<SignedInUsers> users;

    private Locale locale;
    private Optional<SignedInUser> user;
    private Optional<FlashMessage> flash;

    /** A flash message ready to show: its Bootstrap level and its text in the reader's language. */
    public record FlashMessage(String level, String text) {
    }

    @Inject
    Instance<io.quarkus.vertx.http.runtime.CurrentVertxRequest> current;

    /**
     * The CSRF token of this request for scripts ({@code <meta name="csrf-token">}, {@link PortalCsrfGuard}), or an
     * empty string where the CSRF filter did not run (an error page rendered outside the REST layer): unlike
     * {@code inject:csrf.token}, never throws.
     */
    public String csrfToken() {
        try {
            io.vertx.ext.web.RoutingContext ctx = current.get().getCurrent();
            Object token = ctx == null ? null : ctx.get("csrf_token");
            return token == null ? "" : token.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Name of the cookie that says the first-run setup (issue 13, {@code /admin/setup}) is in progress. */
    public static final String SETUP_COOKIE = "nubis_setup";

    /** Whether this browser is going through the first-run setup: the layout then links back to its checklist. */
    public boolean setupActive() {
        try {
            Cookie c = request.getCookie(SETUP_COOKIE);
            return c != null && "1".equals(c.getValue());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Locale locale() {
        if (locale == null) {
            Cookie c = request.getCookie(LocaleResolver.COOKIE);
            locale = LocaleResolver.resolve(c == null ? null : c.getValue(), request.getHeader("Accept-Language"));
        }
        return locale;
    }

    /** BCP 47 tag of the page language ({@code en}, {@code zh-CN}), for {@code <html lang>} and the switcher. */
    public String lang() {
        return LocaleResolver.tag(locale());
    }

    public boolean chinese() {
        return LocaleResolver.CHINESE.equals(locale());
    }

    /** The signed-in user, or null when anonymous. */
    public SignedInUser user() {
        if (user == null) {
            user = users.isResolvable() ? users.get().current() : Optional.empty();
        }
        return user.orElse(null);
    }

    public boolean signedIn() {
        return user() != null;
    }

    public boolean admin() {
        SignedInUser u = user();
        return u != null && u.admin();
    }

    /** Whether the side navigation applies (a user with an account). */
    public boolean hasAccount() {
        SignedInUser u = user();
        return u != null && u.hasAccount();
    }

    public String username() {
        SignedInUser u = user();
        return u == null ? "" : u.username();
    }

    public String accountName() {
        SignedInUser u = user();
        return u == null || u.accountName() == null ? "" : u.accountName();
    }

    /** Path and query of this request, URL-encoded, for the language switcher's way back. */
    public String returnPath() {
        String uri = request.uri();
        return URLEncoder.encode(uri == null || uri.isBlank() ? "/" : uri, StandardCharsets.UTF_8);
    }

    /** The flash message of this request, read once from its cookie, which is cleared in this response. */
    public FlashMessage flash() {
        if (flash == null) {
            flash = Optional.empty();
            Cookie c = request.getCookie(Flash.COOKIE);
            if (c != null) {
                clearFlashCookie();
                Flash f = Flash.decode(c.getValue());
                if (f != null) {
                    flash = Optional
                            .of(new FlashMessage(f.level().name(), text(new Text(f.key(), List.copyOf(f.args())))));
                }
            }
        }
        return flash.orElse(null);
    }

    private void clearFlashCookie() {
        try {
            if (!request.response().headWritten()) {
                request.response().addCookie(Cookie.cookie(Flash.COOKIE, "").setPath("/").setMaxAge(0)
                        .setHttpOnly(true).setSameSite(CookieSameSite.LAX));
            }
        } catch (RuntimeException tooLate) {
            // the message shows again on the next page at worst
        }
    }

    /** A text in the request's language. */
    public String text(Text text) {
        return text.in(locale());
    }

    /** A service error's message in the request's language. */
    public String text(NubisException e) {
        return text(e.text());
    }

    /**
     * Options of a select for enum constants, labelled in the request's language with their {@code value_<name>} text
     * (the platform bundle's state and status labels, also used by the badge tag).
     */
    public List<Option> options(Enum<?>[] values) {
        return options("value_", values);
    }

    /** Options labelled with the texts {@code <keyPrefix><name>} (e.g. {@code vm_state_}, the VM bundle's labels). */
    public List<Option> options(String keyPrefix, Enum<?>[] values) {
        return Arrays.stream(values)
                .map(v -> new Option(v.name(), Messages.text(locale(), keyPrefix + v.name(), List.of()))).toList();
    }

    /** First error of each field, as text in the request's language, keyed by field name (form re-rendering). */
    public Map<String, String> fieldErrors(InvalidInputException e) {
        Map<String, String> m = new LinkedHashMap<>();
        for (FieldError f : e.errors()) {
            m.putIfAbsent(f.field(), text(f.text()));
        }
        return m;
    }
}
