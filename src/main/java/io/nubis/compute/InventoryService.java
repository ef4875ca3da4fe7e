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

    /**
     * CPU (vCPUs) and memory (MiB) used and total per zone, cluster and host (issue 13), for the capacity dashboard and
     * its history; hosts being deleted are left out.
     */
    public List<io.nubis.platform.CapacityRow> capacity(Caller caller) {
        access.requireAdmin(caller);
        List<io.nubis.platform.CapacityRow> rows = new java.util.ArrayList<>();
        Map<String, String> zoneNames = new java.util.HashMap<>();
        for (Object[] z : em.createQuery("select z.id, z.name from Zone z", Object[].class).getResultList()) {
            zoneNames.put((String) z[0], (String) z[1]);
        }
        Map<String, String> clusterNames = new java.util.HashMap<>();
        for (Object[] c : em.createQuery("select c.id, c.name from Cluster c", Object[].class).getResultList()) {
            clusterNames.put((String) c[0], (String) c[1]);
        }
        Map<String, long[]> zones = new java.util.TreeMap<>();
        Map<String, long[]> clusters = new java.util.TreeMap<>();
        Map<String, String> clusterZone = new java.util.HashMap<>();
        for (Host h : em.createQuery("select h from Host h where h.status <> :deleting order by h.name", Host.class)
                .setParameter("deleting", HostStatus.Deleting).getResultList()) {
            long[] f = {h.cpuTotal - h.cpuAvailable, h.cpuTotal, h.memoryTotal - h.memoryAvailable, h.memoryTotal};
            add(zones.computeIfAbsent(h.zoneId, k -> new long[4]), f);
            add(clusters.computeIfAbsent(h.clusterId, k -> new long[4]), f);
            clusterZone.put(h.clusterId, h.zoneId);
            rows(rows, "host", h.id, h.name, h.zoneId, f);
        }
        zones.forEach((id, f) -> rows(rows, "zone", id, zoneNames.getOrDefault(id, id), id, f));
        clusters.forEach(
                (id, f) -> rows(rows, "cluster", id, clusterNames.getOrDefault(id, id), clusterZone.get(id), f));
        return rows;
    }

    private static void add(long[] sum, long[] f) {
        for (int i = 0; i < f.length; i++) {
            sum[i] += f[i];
        }
    }

    private static void rows(List<io.nubis.platform.CapacityRow> rows, String scope, String id, String name,
            String zoneId, long[] f) {
        rows.add(new io.nubis.platform.CapacityRow(scope, id, name, zoneId, "cpu", f[0], f[1]));
        rows.add(new io.nubis.platform.CapacityRow(scope, id, name, zoneId, "memory", f[2], f[3]));
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
