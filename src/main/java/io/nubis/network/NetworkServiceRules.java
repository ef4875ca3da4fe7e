package io.nubis.network;

import io.nubis.iam.AccessControl;
import io.nubis.iam.Caller;
import io.nubis.job.JobRequest;
import io.nubis.job.JobService;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Rows;
import io.nubis.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * What elastic IPs and port forwards share: the private network they belong to (the caller's own, else 404), the check
 * that an address is a VM NIC's on it, and the {@code router.apply} job that brings the router in line.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class NetworkServiceRules {

    @Inject
    AccessControl access;
    @Inject
    JobService jobs;
    @Inject
    EntityManager em;

    /** The caller's private network, its row locked until the transaction ends (rule changes of one network queue). */
    L3Network ownPrivate(Caller caller, String l3Id, String field) {
        L3Network n = l3Id == null ? null : L3Network.findById(l3Id);
        if (n == null || n.kind != L3Kind.Private || !caller.canAccess(n.accountId)) {
            if (field != null && (n == null || !caller.canAccess(n.accountId))) {
                throw new InvalidInputException(field,
                        Text.of(NetworkMessages.class, m -> m.error_unknown_private_network(l3Id)));
            }
            throw new NotFoundException(L3NetworkService.TYPE, l3Id);
        }
        em.createNativeQuery("SELECT id FROM l3_network WHERE id = :id FOR UPDATE").setParameter("id", l3Id)
                .getResultList();
        return n;
    }

    /** Whether {@code ip} is the address of a VM NIC (an allocation with a MAC) on the network. */
    boolean isNicAddress(String l3Id, String ip) {
        return ip != null && Rows.count(IpAllocation.class, "l3Id = ?1 and ip = ?2 and mac is not null", l3Id, ip) > 0;
    }

    /** Submits {@code router.apply} when the network has a router; the job id, or null. */
    String applyRouter(Caller caller, L3Network n) {
        List<VirtualRouter> r = VirtualRouter.list("l3Id = ?1 and state <> ?2", n.id, RouterState.Deleting);
        if (r.isEmpty()) {
            return null;
        }
        return jobs.submit(caller, new JobRequest(RouterApplyWorkflow.TYPE, RouterViews.TYPE, r.get(0).id, n.name,
                n.accountId, Map.of()));
    }
}
