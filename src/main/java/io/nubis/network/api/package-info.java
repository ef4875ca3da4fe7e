/** REST resources of networks under {@code /v1/l2-networks} and {@code /v1/l3-networks}: thin, over the services. */
package io.nubis.network.api;
