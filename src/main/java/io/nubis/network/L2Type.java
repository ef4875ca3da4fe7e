package io.nubis.network;

/** How an L2 network separates its traffic on the wire. */
public enum L2Type {
    /** A plain bridge, optionally enslaving a physical interface: one broadcast domain per uplink. */
    NoVlan,
    /** An 802.1Q sub-interface {@code <uplink>.<vlan id>} in its own bridge: needs hosts whose kernel has 802.1Q. */
    Vlan,
    /** A VXLAN device with its VNI in its own bridge, tunnelled between the hosts' management addresses. */
    Vxlan
}
