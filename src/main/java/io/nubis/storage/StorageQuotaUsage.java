package io.nubis.storage;

import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * Storage's count for quotas: data volumes, the capacity of all the account's volumes (GiB, rounded up), snapshots and
 * images.
 */
@ApplicationScoped
public class StorageQuotaUsage implements QuotaUsage {

    @Inject
    EntityManager em;

    @Override
    public Map<QuotaKind, Long> usage(String accountId) {
        Object[] r = (Object[]) em.createNativeQuery("SELECT"
                + " (SELECT COUNT(*) FROM volume WHERE account_id = ?1 AND type = 'Data'),"
                + " (SELECT COALESCE(SUM(size_bytes), 0) FROM volume WHERE account_id = ?1),"
                + " (SELECT COUNT(*) FROM volume_snapshot WHERE account_id = ?1),"
                + " (SELECT COUNT(*) FROM image WHERE account_id = ?1)").setParameter(1, accountId).getSingleResult();
        long bytes = ((Number) r[1]).longValue();
        return Map.of(QuotaKind.DATA_VOLUMES, ((Number) r[0]).longValue(), QuotaKind.VOLUME_GIB,
                QuotaKind.gib(bytes), QuotaKind.SNAPSHOTS, ((Number) r[2]).longValue(), QuotaKind.IMAGES,
                ((Number) r[3]).longValue());
    }
}
