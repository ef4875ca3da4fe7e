package io.nubis.network;

/** Fields of a VNI pool: all on create; name and description on update (the range and zone stay). */
public record VniPoolInput(String zoneId, String name, String description, Integer vniStart, Integer vniEnd) {
}
