package io.nubis.network;

/**
 * Fields of a VNI pool: all on create; name, description and publicL3Id on update (the range and zone stay).
 * {@code publicL3Id}: a public L3 network of the zone the pool's private networks reach the outside through (each gets
 * a virtual router with an address there); blank for isolated networks without a router.
 */
public record VniPoolInput(String zoneId, String name, String description, Integer vniStart, Integer vniEnd,
        String publicL3Id) {

    /** A pool without a public network. */
    public VniPoolInput(String zoneId, String name, String description, Integer vniStart, Integer vniEnd) {
        this(zoneId, name, description, vniStart, vniEnd, null);
    }
}
