package io.nubis.platform.web;

import io.nubis.platform.NoAction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The language switcher: remembers the choice in the {@code lang} cookie and goes back to the page it came from. */
@Path("/lang")
public class LocalePages {

    private static final int ONE_YEAR = 365 * 24 * 3600;

    @NoAction("choosing the portal language changes nothing but a cookie")
    @GET
    @Path("{tag}")
    public Response choose(@RestPath String tag, @RestQuery String next) {
        Locale locale = LocaleResolver.supported(tag);
        Response.ResponseBuilder r = Response.seeOther(URI.create(safeNext(next)));
        if (locale != null) {
            r.cookie(new NewCookie.Builder(LocaleResolver.COOKIE).value(LocaleResolver.tag(locale)).path("/")
                    .maxAge(ONE_YEAR).sameSite(NewCookie.SameSite.LAX).build());
        }
        return r.build();
    }

    /** Only a path on this server: no scheme, no host, no {@code //evil.example}. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(ch -> ch <= 0x20 || ch == '\\' || ch == 0x7f)) {
            return "/";
        }
        try {
            URI u = new URI(next);
            return u.getScheme() == null && u.getRawAuthority() == null ? next : "/";
        } catch (java.net.URISyntaxException e) {
            return "/";
        }
    }
}
