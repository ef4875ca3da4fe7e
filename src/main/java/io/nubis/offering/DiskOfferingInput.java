package io.nubis.offering;

/** Fields of a disk offering a client sets on create and update; a missing size is reported as required. */
public record DiskOfferingInput(String name, String description, Integer sizeGib) {
}
