package io.nubis.compute;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts of clusters and hosts per zone or cluster, one grouped query each (list pages stay fast). */
@ApplicationScoped
class InventoryCounts {

    @Inject
    EntityManager em;

    Map<String, Long> clustersByZone() {
        return grouped("select c.zoneId, count(c) from Cluster c group by c.zoneId");
    }

    Map<String, Long> hostsByZone() {
        return grouped("select h.zoneId, count(h) from Host h group by h.zoneId");
    }

    Map<String, Long> hostsByCluster() {
        return grouped("select h.clusterId, count(h) from Host h group by h.clusterId");
    }

    private Map<String, Long> grouped(String jpql) {
        List<Object[]> rows = em.createQuery(jpql, Object[].class).getResultList();
        Map<String, Long> m = new HashMap<>();
        for (Object[] r : rows) {
            m.put((String) r[0], (Long) r[1]);
        }
        return m;
    }
}
