package io.nubis.network;

import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaUsage;
import io.nubis.platform.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The network feature's count for quotas: the account's private networks, elastic IPs and load balancers. */
@ApplicationScoped
public class NetworkQuotaUsage implements QuotaUsage {

    @Override
    public Map<QuotaKind, Long> usage(String accountId) {
        return Map.of(QuotaKind.PRIVATE_NETWORKS,
                Rows.count(L3Network.class, "accountId = ?1 and kind = ?2", accountId, L3Kind.Private),
                QuotaKind.ELASTIC_IPS, Rows.count(ElasticIp.class, "accountId = ?1", accountId),
                QuotaKind.LOAD_BALANCERS, Rows.count(LoadBalancer.class, "accountId = ?1", accountId));
    }
}
