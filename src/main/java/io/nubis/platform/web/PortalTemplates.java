package io.nubis.platform.web;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Renders every template of a portal request in the reader's language: each new template instance gets the locale of
 * {@link PortalRequest}, so {@code {msg:...}} picks the right bundle without each controller remembering to set it.
 * Code that renders for another locale (e.g. {@code Messages.english}) sets its own afterwards.
 */
@ApplicationScoped
public class PortalTemplates {

    void configure(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(PortalTemplates::useRequestLocale);
    }

    static void useRequestLocale(TemplateInstance instance) {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return;
        }
        try {
            instance.setLocale(container.instance(PortalRequest.class).get().locale());
        } catch (RuntimeException noHttpRequest) {
            // rendered outside an HTTP request (a job, a test): the default locale applies
        }
    }
}
