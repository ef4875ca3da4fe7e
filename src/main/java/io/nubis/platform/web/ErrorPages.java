package io.nubis.platform.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import io.nubis.platform.Messages;

/** Friendly error pages for the portal: a message in the user's language and a way back, never a stack trace. */
@ApplicationScoped
public class ErrorPages {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance error(int status, String message);
    }

    public Response render(int status, String key, List<Object> args) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, Messages.english(key, args))).build();
    }
}
