package io.nubis.platform.web;

import io.nubis.platform.Text;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.nubis.platform.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Friendly error pages for the portal: the layout, a title and a message in the reader's language, a way home. Never a
 * stack trace; if rendering the page fails itself, a plain page with the same message is sent instead.
 */
@ApplicationScoped
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);
    private static final String NOT_FOUND = Text.msg(m -> m.error_not_found(null, null)).key();
    private static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance error(int status, String title, String message);
    }

    public Response render(int status, Text text) {
        return Response.status(status).type(HTML).entity(html(status, text)).build();
    }

    /** The page as HTML, rendered now so that a failure here cannot turn into another error. */
    public String html(int status, Text text) {
        Locale locale = locale();
        String title = title(status).in(locale);
        String message = Messages.text(locale, text.key(), localizedArgs(locale, text));
        try {
            return Templates.error(status, title, message).setLocale(locale).render();
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not render the error page for %d", status);
            return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                    + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(message)
                    + "</p><p><a href=\"/\">Home</a></p></body></html>";
        }
    }

    static Text title(int status) {
        return switch (status) {
            case 400 -> Text.msg(m -> m.error_title_400());
            case 403 -> Text.msg(m -> m.error_title_403());
            case 404 -> Text.msg(m -> m.error_title_404());
            case 409 -> Text.msg(m -> m.error_title_409());
            case 500 -> Text.msg(m -> m.error_title_500());
            default -> Text.msg(m -> m.error_title_other());
        };
    }

    /** Resource types in "zone X was not found" read better in the reader's language. */
    private static List<Object> localizedArgs(Locale locale, Text text) {
        List<Object> args = text.args();
        if (!NOT_FOUND.equals(text.key()) || args.isEmpty()) {
            return args;
        }
        List<Object> out = new ArrayList<>(args);
        String typeKey = "resource_" + args.get(0);
        String type = Messages.text(locale, typeKey, List.of());
        if (!type.startsWith(typeKey)) {
            out.set(0, type);
        }
        return out;
    }

    private static Locale locale() {
        ArcContainer c = Arc.container();
        try {
            if (c != null && c.requestContext().isActive()) {
                return c.instance(PortalRequest.class).get().locale();
            }
        } catch (RuntimeException noRequest) {
            // fall through
        }
        return LocaleResolver.ENGLISH;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
