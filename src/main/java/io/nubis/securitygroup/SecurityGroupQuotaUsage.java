package io.nubis.securitygroup;

import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaUsage;
import io.nubis.platform.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The security group feature's count for quotas: the account's groups. */
@ApplicationScoped
public class SecurityGroupQuotaUsage implements QuotaUsage {

    @Override
    public Map<QuotaKind, Long> usage(String accountId) {
        return Map.of(QuotaKind.SECURITY_GROUPS, Rows.count(SecurityGroup.class, "accountId = ?1", accountId));
    }
}
