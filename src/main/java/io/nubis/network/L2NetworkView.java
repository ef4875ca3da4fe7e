package io.nubis.network;

import java.time.Instant;
import java.util.List;

/** An L2 network as the API and the portal show it, with the clusters it is attached to and its L3 count. */
public record L2NetworkView(String id, String zoneId, String zoneName, String name, String description, L2Type type,
        String physicalInterface, Integer vlanId, Integer vni, String vniPoolId, String bridgeName,
        List<AttachedCluster> clusters, long l3Count, Instant createdAt, Instant updatedAt) {

    /** One cluster the L2 network is attached to (or being attached to). */
    public record AttachedCluster(String clusterId, String clusterName, AttachmentState state) {
    }
}
