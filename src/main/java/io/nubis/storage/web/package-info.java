/** Portal pages of the storage feature: thin controllers over the storage services, Qute templates. */
package io.nubis.storage.web;
