package io.nubis.compute;

import io.nubis.platform.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Compute's published face for zones and clusters: what network and storage check when they attach to them, and the
 * names their views show. Values only; the {@code Zone} and {@code Cluster} entities stay inside compute.
 */
@ApplicationScoped
public class Topology {

    public record ZoneRef(String id, String name, ZoneState state) {
    }

    public record ClusterRef(String id, String name, String zoneId, ZoneState state) {
    }

    @Transactional
    public Optional<ZoneRef> zone(String id) {
        Zone z = id == null ? null : Zone.findById(id);
        return z == null ? Optional.empty() : Optional.of(new ZoneRef(z.id, z.name, z.state));
    }

    /**
     * Locks the zone's row until the caller's transaction ends, for a feature that keeps an invariant across the zone
     * (no two overlapping VNI pools): such changes of one zone then run one at a time. Plain SQL because Hibernate's
     * MySQL dialect writes {@code FOR UPDATE OF}, which MariaDB lacks.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockZone(String zoneId) {
        Zone.getEntityManager().createNativeQuery("SELECT id FROM zone WHERE id = :id FOR UPDATE")
                .setParameter("id", zoneId).getResultList();
    }

    @Transactional
    public Optional<ClusterRef> cluster(String id) {
        Cluster c = id == null ? null : Cluster.findById(id);
        return c == null ? Optional.empty() : Optional.of(new ClusterRef(c.id, c.name, c.zoneId, c.state));
    }

    /** Zone names by id; unknown ids are left out. */
    @Transactional
    public Map<String, String> zoneNames(Collection<String> ids) {
        return Rows.valueById(Zone.class, ids, z -> z.name);
    }

    /** Cluster names by id; unknown ids are left out. */
    @Transactional
    public Map<String, String> clusterNames(Collection<String> ids) {
        return Rows.valueById(Cluster.class, ids, c -> c.name);
    }
}
