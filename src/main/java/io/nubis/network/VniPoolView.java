package io.nubis.network;

import java.time.Instant;
import java.util.List;

/**
 * A VNI pool as the API and the portal show it: its range, the clusters its networks reach and how many of its VNIs
 * private networks use.
 */
public record VniPoolView(String id, String zoneId, String zoneName, String name, String description, int vniStart,
        int vniEnd, long size, long used, List<ClusterLine> clusters, String publicL3Id, String publicL3Name,
        Instant createdAt, Instant updatedAt) {

    /** A cluster the pool's networks reach. */
    public record ClusterLine(String clusterId, String clusterName) {
    }
}
