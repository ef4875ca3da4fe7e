/**
 * REST resources of offerings under {@code /v1/instance-offerings}: thin, over
 * {@link io.nubis.offering.OfferingService}.
 */
package io.nubis.offering.api;
