package io.nubis.platform.web;

import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opens Keycloak's login page in the portal's language (issue 13): the redirect to Keycloak carries {@code ui_locales}
 * with the language the portal would show (the {@code lang} cookie of the language switch, else the browser's
 * Accept-Language, see {@link LocaleResolver}). The realm lists English and Simplified Chinese
 * ({@code dev/keycloak/nubis-realm.json}).
 */
@ApplicationScoped
@io.quarkus.arc.Unremovable // looked up by quarkus-oidc, never injected
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
public class LoginLocale implements OidcRedirectFilter {

    @Override
    public void filter(OidcRedirectContext ctx) {
        var cookie = ctx.routingContext().request().getCookie(LocaleResolver.COOKIE);
        String lang = LocaleResolver.tag(LocaleResolver.resolve(cookie == null ? null : cookie.getValue(),
                ctx.routingContext().request().getHeader("Accept-Language")));
        ctx.additionalQueryParams().add("ui_locales", lang);
    }
}
