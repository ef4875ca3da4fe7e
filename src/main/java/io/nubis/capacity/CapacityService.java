package io.nubis.capacity;

import io.nubis.compute.InventoryService;
import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.network.L3NetworkService;
import io.nubis.platform.CapacityRow;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import io.nubis.storage.PrimaryStorageService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Current capacity and its history (issue 13). Current figures come from the features' faces (compute: zones, clusters,
 * hosts; storage: primary storage; network: L3 networks) plus the whole cloud ({@code scope=cloud}, id empty); the
 * history from {@code capacity_sample}. Admins only.
 */
@ApplicationScoped
public class CapacityService {

    public static final List<String> SCOPES = List.of("cloud", "zone", "cluster", "host", "primary-storage",
            "l3-network");
    public static final List<String> METRICS = List.of("cpu", "memory", "storage", "ips");

    /** A history range: how far back, at which resolution. */
    public enum Range {

        H1("1h", Duration.ofHours(1), "m"), H24("24h", Duration.ofHours(24), "m"), D7("7d", Duration.ofDays(7),
                "h"), D30("30d", Duration.ofDays(30), "h");

        public final String label;
        final Duration span;
        final String resolution;

        Range(String label, Duration span, String resolution) {
            this.label = label;
            this.span = span;
            this.resolution = resolution;
        }

        static Range of(String label) {
            for (Range r : values()) {
                if (r.label.equals(label)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** One point of a history: the time (epoch seconds), used and total. */
    public record Point(long at, long used, long total) {
    }

    /** A scope's history of one metric, for a chart. */
    public record History(String scope, String id, String metric, String range, List<Point> points) {
    }

    @Inject
    AccessControl access;
    @Inject
    InventoryService inventory;
    @Inject
    PrimaryStorageService primaryStorage;
    @Inject
    L3NetworkService l3s;
    @Inject
    EntityManager em;

    public List<CapacityRow> current(Caller caller) {
        access.requireAdmin(caller);
        return current();
    }

    /** Every scope's figures now, the whole cloud first. */
    List<CapacityRow> current() {
        Caller system = Caller.system();
        List<CapacityRow> parts = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            parts.addAll(inventory.capacity(system));
            parts.addAll(primaryStorage.capacity(system));
            parts.addAll(l3s.capacity(system));
        });
        Map<String, long[]> cloud = new LinkedHashMap<>();
        for (String m : METRICS) {
            cloud.put(m, new long[2]);
        }
        for (CapacityRow r : parts) {
            // the cloud is the sum of the zones (compute) and of every storage and network
            if (r.scope().equals("zone") || r.scope().equals("primary-storage") || r.scope().equals("l3-network")) {
                long[] sum = cloud.get(r.metric());
                sum[0] += r.used();
                sum[1] += r.total();
            }
        }
        List<CapacityRow> rows = new ArrayList<>();
        cloud.forEach((m, s) -> rows.add(new CapacityRow("cloud", "", "cloud", "", m, s[0], s[1])));
        rows.addAll(parts);
        return rows;
    }

    /** The history of one scope's metric over a range (400 per field on a bad scope, metric or range). */
    public History history(Caller caller, String scope, String id, String metric, String range) {
        access.requireAdmin(caller);
        Range r = Range.of(range == null ? "24h" : range);
        String scopeId = id == null ? "" : id.trim();
        Validation v = Validation.start();
        v.check(SCOPES.contains(scope), "scope", Text.msg(m -> m.error_enum(String.join(", ", SCOPES))));
        v.check(METRICS.contains(metric), "metric", Text.msg(m -> m.error_enum(String.join(", ", METRICS))));
        v.check(r != null, "range", Text.msg(m -> m.error_enum("1h, 24h, 7d, 30d")));
        v.check("cloud".equals(scope) ? scopeId.isEmpty() : scopeId.matches("[0-9a-f-]{36}"), "id",
                Text.msg(m -> m.error_id_format()));
        v.throwIfAny();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT at, used, total FROM capacity_sample WHERE scope = ?1 AND scope_id = ?2 AND metric = ?3"
                        + " AND resolution = ?4 AND at >= ?5 ORDER BY at")
                .setParameter(1, scope).setParameter(2, scopeId).setParameter(3, metric).setParameter(4, r.resolution)
                .setParameter(5, Instant.now().minus(r.span)).getResultList());
        List<Point> points = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            points.add(new Point(instant(row[0]).getEpochSecond(), ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue()));
        }
        return new History(scope, scopeId, metric, r.label, points);
    }

    private static Instant instant(Object o) {
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        return (Instant) o;
    }
}
