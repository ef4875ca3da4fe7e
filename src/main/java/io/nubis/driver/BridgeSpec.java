package io.nubis.driver;

import java.util.List;

/**
 * A Linux bridge for an L2 network on a host, with what carries its traffic off the host: nothing (a host-local
 * bridge), the uplink itself (flat), an 802.1Q sub-interface of the uplink (VLAN), or a VXLAN device (overlay).
 *
 * @param name bridge name (validated: {@code ^[a-z][a-z0-9_-]{0,14}$}, at most 15 characters)
 * @param physicalInterface host interface to enslave (flat) or to tag on (VLAN); null for a host-local or VXLAN bridge
 * @param vlanId 802.1Q VLAN id 1-4094: the bridge enslaves {@code <physicalInterface>.<vlanId>}; null when untagged
 * @param vxlan the VXLAN device to enslave, or null
 */
public record BridgeSpec(String name, String physicalInterface, Integer vlanId, Vxlan vxlan) {

    /** Highest VXLAN network identifier (24 bits; 16777215 is reserved by some implementations). */
    public static final int MAX_VNI = 16_777_214;

    public BridgeSpec {
        if (vlanId != null && physicalInterface == null) {
            throw new IllegalArgumentException("a VLAN needs a physical interface");
        }
        if (vxlan != null && (physicalInterface != null || vlanId != null)) {
            throw new IllegalArgumentException("a VXLAN bridge has no uplink of its own");
        }
    }

    /** A flat (or host-local, when {@code physicalInterface} is null) bridge. */
    public BridgeSpec(String name, String physicalInterface) {
        this(name, physicalInterface, null, null);
    }

    /**
     * A VXLAN segment (UDP 4789): the device {@code nvx<vni>} with its tunnel endpoint on {@code local}, flooding
     * broadcast and unknown unicast to every address of {@code peers} (head-end replication, no multicast needed) and
     * learning where each MAC lives from what arrives.
     *
     * @param vni 1 to {@link #MAX_VNI}
     * @param local this host's VTEP address: the address Nubis reaches it at (IPv4, or a name the host resolves to
     *     IPv4)
     * @param peers the other hosts' VTEP addresses (same rules); exactly these end up in the flood list
     */
    public record Vxlan(int vni, String local, List<String> peers) {

        public Vxlan {
            peers = List.copyOf(peers);
        }
    }
}
