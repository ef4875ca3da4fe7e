package io.nubis.network;

/**
 * Fields of an L2 network. On create all apply; on update only name and description (the bridge and uplink are what
 * hosts already carry). {@code type} defaults to NoVlan; {@code bridgeName} defaults to one derived from the id.
 * {@code vlanId} (1-4094) with type Vlan, which also needs {@code physicalInterface}; {@code vni} (1-16777214) with
 * type Vxlan, which has no physical interface.
 */
public record L2NetworkInput(String zoneId, String name, String description, String type, String physicalInterface,
        String bridgeName, Integer vlanId, Integer vni) {

    /** A NoVlan (or, refused, other) network without VLAN id or VNI. */
    public L2NetworkInput(String zoneId, String name, String description, String type, String physicalInterface,
            String bridgeName) {
        this(zoneId, name, description, type, physicalInterface, bridgeName, null, null);
    }
}
