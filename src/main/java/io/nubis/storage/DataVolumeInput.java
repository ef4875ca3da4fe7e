package io.nubis.storage;

/**
 * A new data volume as a client asks for it: a name, an optional description, and its size either in GiB or as a disk
 * offering (exactly one of the two).
 */
public record DataVolumeInput(String name, String description, Integer sizeGib, String diskOfferingId) {
}
