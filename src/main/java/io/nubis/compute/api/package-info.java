/** JSON API of the compute inventory under /v1: thin resources over the compute services, DTO records only. */
package io.nubis.compute.api;
