package io.nubis.compute;

import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Read-only overview of the compute inventory for the admin dashboard. Admin-only. */
@ApplicationScoped
@Transactional
public class InventoryService {

    @Inject
    AccessControl access;
    @Inject
    EntityManager em;

    public InventorySummary summary(Caller caller) {
        access.requireAdmin(caller);
        long zones = Zone.count();
        long clusters = Cluster.count();
        Map<HostStatus, Long> byStatus = new EnumMap<>(HostStatus.class);
        List<Object[]> rows = em.createQuery("select h.status, count(h) from Host h group by h.status", Object[].class)
                .getResultList();
        long hosts = 0;
        for (Object[] r : rows) {
            byStatus.put((HostStatus) r[0], (Long) r[1]);
            hosts += (Long) r[1];
        }
        Object[] capacity = em.createQuery("select coalesce(sum(h.cpuTotal), 0), coalesce(sum(h.cpuAvailable), 0),"
                + " coalesce(sum(h.memoryTotal), 0), coalesce(sum(h.memoryAvailable), 0) from Host h", Object[].class)
                .getSingleResult();
        return new InventorySummary(zones, clusters, hosts, byStatus, number(capacity[0]), number(capacity[1]),
                number(capacity[2]), number(capacity[3]));
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
