package io.nubis.network;

/** Who an L3 network is for. */
public enum L3Kind {
    /** An administrator's network on an L2 network the admin made (flat, VLAN or VXLAN); shared or not. */
    Public,
    /** A tenant's own network on a VXLAN L2 network of its own, drawn from a VNI pool; visible to its account only. */
    Private
}
