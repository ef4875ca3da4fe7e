package io.nubis.vm;

import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * The VM feature's count for quotas: VMs not destroyed, their vCPUs and memory; and, for VMs still being created, the
 * volume capacity they will take (their volumes may not exist yet: storage counts them once they do, so a create in
 * flight is counted twice for a moment, never not at all).
 */
@ApplicationScoped
public class VmQuotaUsage implements QuotaUsage {

    @Inject
    EntityManager em;

    @Override
    public Map<QuotaKind, Long> usage(String accountId) {
        Object[] r = (Object[]) em.createNativeQuery("SELECT COUNT(*), COALESCE(SUM(cpus), 0),"
                + " COALESCE(SUM(memory_mib), 0), COALESCE(SUM(CASE WHEN state = 'Creating' THEN planned_volume_bytes"
                + " ELSE 0 END), 0) FROM vm_instance WHERE account_id = ?1 AND state <> 'Destroyed'")
                .setParameter(1, accountId).getSingleResult();
        return Map.of(QuotaKind.VMS, n(r[0]), QuotaKind.VCPUS, n(r[1]), QuotaKind.MEMORY_MIB, n(r[2]),
                QuotaKind.VOLUME_GIB, QuotaKind.gib(n(r[3])));
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }
}
