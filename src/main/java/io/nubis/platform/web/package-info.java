/**
 * The portal shell every page uses: the layout's view of the request ({@link io.nubis.platform.web.PortalRequest}:
 * language, signed-in user, flash message), post-redirect-get with {@link io.nubis.platform.web.Flash}, friendly error
 * pages, pagination parameters, template helpers. Knows no feature: the signed-in user comes through
 * {@link io.nubis.platform.web.SignedInUsers}, which iam implements.
 */
package io.nubis.platform.web;
