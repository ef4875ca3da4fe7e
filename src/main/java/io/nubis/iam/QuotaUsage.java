package io.nubis.iam;

import java.util.Map;

/**
 * A feature's count of what an account holds, for its quotas (issue 9): each feature publishes a bean for the kinds it
 * owns (the VM feature: VMs, vCPUs, memory; storage: volumes, snapshots, images). Called inside the quota check's
 * transaction, with the account locked.
 */
public interface QuotaUsage {

    /** The account's usage of the kinds this feature counts (others are left out). */
    Map<QuotaKind, Long> usage(String accountId);
}
