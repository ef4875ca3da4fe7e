package io.nubis.network;

/** How an L2 network separates its traffic on the wire. */
public enum L2Type {
    /** A plain bridge, optionally enslaving a physical interface: one broadcast domain per uplink. */
    NoVlan,
    /** An 802.1Q sub-interface of the uplink plus its own bridge. Recognised but refused for now (see docs). */
    Vlan
}
