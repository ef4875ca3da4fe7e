package io.nubis.storage;

/**
 * An image in a host's cache.
 *
 * @param path the cached file on the host ({@code <ps path>/images/<imageId>.<format>})
 * @param copied true when this call copied it; false when it was there already (or another caller copied it)
 */
public record CachedImage(String path, boolean copied) {
}
