package io.nubis.driver;

/** Capacity of a file system holding storage, in bytes. */
public record StorageCapacity(long totalBytes, long availableBytes) {
}
