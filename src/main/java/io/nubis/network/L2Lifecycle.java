package io.nubis.network;

import io.nubis.compute.HostAccess;
import io.nubis.driver.BridgeSpec;
import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;

/**
 * What an L2 network is on a given host ({@link #bridgeFor}), and the reads network workflows need, each in its own
 * short transaction. Not for controllers.
 */
@ApplicationScoped
class L2Lifecycle {

    @Inject
    HostAccess hosts;

    /**
     * An L2 network as hosts carry it.
     *
     * @param clusterIds the clusters it is attached to (or being attached to): their hosts are its VXLAN peers
     * @param attachedClusterIds those of them where the attachment is done ({@code Attached}): VMs may use it there
     */
    record Segment(String l2Id, String name, L2Type type, String bridge, String uplink, Integer vlanId, Integer vni,
            List<String> clusterIds, List<String> attachedClusterIds) {
    }

    @Transactional
    Segment segment(String l2Id) {
        L2Network n = l2Id == null ? null : L2Network.findById(l2Id);
        if (n == null) {
            throw new NotFoundException(L2NetworkService.TYPE, l2Id);
        }
        List<L2Attachment> attachments = L2Attachment.list("l2Id = ?1 order by clusterId", l2Id);
        return new Segment(n.id, n.name, n.type, n.bridgeName, n.physicalInterface, n.vlanId, n.vni,
                attachments.stream().map(a -> a.clusterId).toList(),
                attachments.stream().filter(a -> a.state == AttachmentState.Attached).map(a -> a.clusterId).toList());
    }

    /**
     * The bridge of the segment on this host. For VXLAN: the tunnel endpoint is the address Nubis reaches the host at
     * (resolved on the host when it is a name) and the flood list every other host of the attached clusters (whatever
     * their status: a host that comes back is reached without another update).
     */
    BridgeSpec bridgeFor(Segment s, HostAccess.HostRef host) {
        if (s.vni() == null) {
            return new BridgeSpec(s.bridge(), s.uplink(), s.vlanId(), null);
        }
        String local = host.endpoint().address();
        List<String> peers = new java.util.ArrayList<>();
        for (HostAccess.HostRef h : hosts.hostsIn(s.clusterIds())) {
            String a = h.endpoint().address();
            if (!h.id().equals(host.id()) && !a.equals(local) && !peers.contains(a)) {
                peers.add(a);
            }
        }
        peers.sort(null);
        return new BridgeSpec(s.bridge(), null, null, new BridgeSpec.Vxlan(s.vni(), local, peers));
    }

    /**
     * The hosts that carry the segment now: those running DHCP for one of its L3 networks (they have its VMs). They
     * need a new flood list when a host joins a VXLAN segment.
     */
    @Transactional
    List<String> carriers(String l2Id) {
        List<String> l3 = L3Network.<L3Network>list("l2Id", l2Id).stream().map(n -> n.id).toList();
        if (l3.isEmpty()) {
            return List.of();
        }
        return IpAllocation.<IpAllocation>list("l3Id in ?1 and ownerType = ?2", l3, NetworkProvisioner.DHCP_OWNER)
                .stream().map(a -> a.hostId).filter(Objects::nonNull).distinct().sorted().toList();
    }
}
