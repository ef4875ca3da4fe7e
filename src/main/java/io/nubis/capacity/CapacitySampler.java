package io.nubis.capacity;

import io.nubis.platform.CapacityRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Samples every scope's capacity once a minute ({@code nubis.capacity.sample-interval}) into {@code capacity_sample}:
 * one row per minute, and the hour's and the day's rows updated with the peak "used" and the latest "total". Keeps
 * minutes for 48 hours, hours for 35 days and days for 400 days, so the table stays bounded (about 2,900 + 840 + 400
 * rows per scope and metric). Several servers may sample the same minute: the rows are keyed by the minute, so the
 * second write only repeats the first.
 */
@ApplicationScoped
public class CapacitySampler {

    private static final Logger LOG = Logger.getLogger(CapacitySampler.class);
    static final Map<Resolution, Duration> KEEP = Map.of(Resolution.MINUTE, Duration.ofHours(48), Resolution.HOUR,
            Duration.ofDays(35), Resolution.DAY, Duration.ofDays(400));

    @Inject
    CapacityService capacity;
    @Inject
    EntityManager em;

    /** The resolutions kept, with their code in the table and their unit. */
    enum Resolution {

        MINUTE("m", ChronoUnit.MINUTES), HOUR("h", ChronoUnit.HOURS), DAY("d", ChronoUnit.DAYS);

        final String code;
        final ChronoUnit unit;

        Resolution(String code, ChronoUnit unit) {
            this.code = code;
            this.unit = unit;
        }
    }

    @Scheduled(every = "${nubis.capacity.sample-interval:60s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sample(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf(e, "sampling capacity failed; the next round tries again");
        }
    }

    /** Writes one sample of every scope at {@code now}; returns the number of figures sampled. */
    public int sample(Instant now) {
        List<CapacityRow> rows = capacity.current();
        QuarkusTransaction.requiringNew().run(() -> {
            for (Resolution r : Resolution.values()) {
                write(rows, r, now.truncatedTo(r.unit));
                em.createNativeQuery("DELETE FROM capacity_sample WHERE resolution = ?1 AND at < ?2")
                        .setParameter(1, r.code).setParameter(2, now.minus(KEEP.get(r))).executeUpdate();
            }
        });
        return rows.size();
    }

    private void write(List<CapacityRow> rows, Resolution r, Instant at) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(
                "INSERT INTO capacity_sample (scope, scope_id, metric, resolution, at, used, total) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        // the hour's and day's rows keep the peak; a minute written twice (two servers) keeps the same figures
        sql.append(" ON DUPLICATE KEY UPDATE used = GREATEST(used, VALUES(used)), total = VALUES(total)");
        Query q = em.createNativeQuery(sql.toString());
        int p = 1;
        for (CapacityRow row : rows) {
            q.setParameter(p++, row.scope()).setParameter(p++, row.id()).setParameter(p++, row.metric())
                    .setParameter(p++, r.code).setParameter(p++, at).setParameter(p++, row.used())
                    .setParameter(p++, row.total());
        }
        q.executeUpdate();
    }
}
