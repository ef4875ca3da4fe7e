/** REST resources of the storage feature under {@code /v1}: thin, they call the storage services. */
package io.nubis.storage.api;
