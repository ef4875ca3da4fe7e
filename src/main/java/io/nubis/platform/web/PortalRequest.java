package io.nubis.platform.web;

import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.FieldError;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Messages;
import io.nubis.platform.NubisException;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

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
    SecurityIdentity identity;
    @Inject
    CallerResolver callers;

    private Locale locale;
    private Optional<Caller> caller;
    private Optional<FlashMessage> flash;

    /** A flash message ready to show: its Bootstrap level and its text in the reader's language. */
    public record FlashMessage(String level, String text) {
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

    /**
     * The signed-in caller, or null when anonymous, without an account, or when this runs on an I/O thread (error pages
     * for unrouted paths), where resolving the caller could block.
     */
    public Caller caller() {
        if (caller == null) {
            caller = Optional.empty();
            if (!identity.isAnonymous() && BlockingOperationControl.isBlockingAllowed()) {
                try {
                    caller = Optional.of(callers.caller());
                } catch (NubisException noAccount) {
                    caller = Optional.empty();
                }
            }
        }
        return caller.orElse(null);
    }

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public boolean admin() {
        Caller c = caller();
        return c != null && c.admin();
    }

    /** Whether the side navigation applies (a caller with an account). */
    public boolean hasAccount() {
        return caller() != null;
    }

    public String username() {
        Caller c = caller();
        if (c != null) {
            return c.username();
        }
        if (identity.isAnonymous()) {
            return "";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("preferred_username") != null) {
            return String.valueOf(jwt.<Object>getClaim("preferred_username")).replace("\"", "");
        }
        return identity.getPrincipal().getName();
    }

    public String accountName() {
        Caller c = caller();
        return c == null ? "" : c.accountName();
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
                    flash = Optional.of(new FlashMessage(f.level().name(), text(f.key(), List.copyOf(f.args()))));
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

    /** A message-bundle key with arguments in the request's language. */
    public String text(String key, List<Object> args) {
        return Messages.text(locale(), key, args);
    }

    /** A service error's message in the request's language. */
    public String text(NubisException e) {
        return text(e.key(), e.args());
    }

    /** First error of each field, as text in the request's language, keyed by field name (form re-rendering). */
    public Map<String, String> fieldErrors(InvalidInputException e) {
        Map<String, String> m = new LinkedHashMap<>();
        for (FieldError f : e.errors()) {
            m.putIfAbsent(f.field(), text(f.key(), f.args()));
        }
        return m;
    }
}
