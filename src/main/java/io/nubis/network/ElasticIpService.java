package io.nubis.network;

import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Rows;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Elastic IPs (issue 10): an account allocates an address of the public network of one of its private networks, binds
 * it 1:1 to a VM NIC address of that network (the outside reaches the VM there, and the VM goes out as it), unbinds it
 * and releases it. Each change is written first, then a {@code router.apply} job brings the router in line; the answer
 * carries the job id (null while the network has no router yet: it gets the rules when it is created).
 */
@ApplicationScoped
@Transactional
public class ElasticIpService {

    static final String TYPE = "elastic-ip";
    /** Owner type of elastic IPs' addresses in the public network's IPAM. */
    public static final String OWNER = "eip";

    @Inject
    NetworkServiceRules rules;
    @Inject
    RouterStore routers;
    @Inject
    IpamService ipam;
    @Inject
    AuditLog audit;
    @Inject
    io.nubis.iam.QuotaService quotas;

    /** A change and the job that applies it (null: no router yet). */
    public record Change(ElasticIpView eip, String jobId) {
    }

    /** The caller's elastic IPs (admins: all). */
    public List<ElasticIpView> list(Caller caller) {
        List<ElasticIp> all = caller.admin()
                ? ElasticIp.list("order by createdAt")
                : ElasticIp.list("accountId = ?1 order by createdAt", caller.accountId());
        return views(all);
    }

    public ElasticIpView get(Caller caller, String id) {
        return views(List.of(find(caller, id))).get(0);
    }

    @Audited("elastic-ip.allocate")
    public Change allocate(Caller caller, String l3NetworkId) {
        Validation.start().id("l3NetworkId", l3NetworkId).throwIfAny();
        L3Network n = rules.ownPrivate(caller, l3NetworkId, "l3NetworkId");
        String publicL3 = routers.need(n.id).map(RouterStore.Need::publicL3Id)
                .orElseThrow(() -> new ConflictException(
                        Text.of(NetworkMessages.class, m -> m.error_no_public_network(n.name))));
        quotas.require(n.accountId, Map.of(io.nubis.iam.QuotaKind.ELASTIC_IPS, 1L));
        ElasticIp e = new ElasticIp();
        e.id = Ids.newId();
        e.accountId = n.accountId;
        e.l3Id = n.id;
        e.publicL3Id = publicL3;
        e.ip = ipam.allocate(publicL3, OWNER, e.id, null, null, null).ip();
        e.createdAt = Instant.now();
        e.updatedAt = e.createdAt;
        try {
            e.persistAndFlush();
        } catch (RuntimeException ex) {
            ipam.release(publicL3, e.id);
            throw ex;
        }
        audit.success(caller, "elastic-ip.allocate", target(e, n), e.ip);
        return new Change(views(List.of(e)).get(0), null);
    }

    @Audited("elastic-ip.attach")
    public Change attach(Caller caller, String id, String privateIp) {
        ElasticIp e = find(caller, id);
        L3Network n = rules.ownPrivate(caller, e.l3Id, null);
        String ip = Validation.blankToNull(privateIp);
        Validation v = Validation.start().required("privateIp", ip);
        v.check(ip == null || Ipv4.isValid(ip), "privateIp",
                Text.of(NetworkMessages.class, m -> m.error_ipv4_format()));
        v.throwIfAny();
        if (!rules.isNicAddress(n.id, ip)) {
            throw new InvalidInputException("privateIp",
                    Text.of(NetworkMessages.class, m -> m.error_not_a_nic_address(ip)));
        }
        ElasticIp other = ElasticIp.find("l3Id = ?1 and privateIp = ?2 and id <> ?3", n.id, ip, e.id).firstResult();
        if (other != null) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_eip_private_taken(ip)));
        }
        e.privateIp = ip;
        e.updatedAt = Instant.now();
        String job = rules.applyRouter(caller, n);
        audit.success(caller, "elastic-ip.attach", target(e, n), e.ip + " -> " + ip);
        return new Change(views(List.of(e)).get(0), job);
    }

    @Audited("elastic-ip.detach")
    public Change detach(Caller caller, String id) {
        ElasticIp e = find(caller, id);
        L3Network n = rules.ownPrivate(caller, e.l3Id, null);
        e.privateIp = null;
        e.updatedAt = Instant.now();
        String job = rules.applyRouter(caller, n);
        audit.success(caller, "elastic-ip.detach", target(e, n), e.ip);
        return new Change(views(List.of(e)).get(0), job);
    }

    /** Gives the address back to the public network (unbinding it first, if bound). */
    @Audited("elastic-ip.release")
    public String release(Caller caller, String id) {
        ElasticIp e = find(caller, id);
        L3Network n = rules.ownPrivate(caller, e.l3Id, null);
        boolean bound = e.privateIp != null;
        e.delete();
        ipam.release(e.publicL3Id, e.id);
        String job = bound ? rules.applyRouter(caller, n) : null;
        audit.success(caller, "elastic-ip.release", target(e, n), e.ip);
        return job;
    }

    private ElasticIp find(Caller caller, String id) {
        ElasticIp e = id == null ? null : ElasticIp.findById(id);
        if (e == null || !caller.canAccess(e.accountId)) {
            throw new NotFoundException(TYPE, id);
        }
        return e;
    }

    static AuditTarget target(ElasticIp e, L3Network n) {
        return AuditTarget.of(TYPE, e.id, e.ip, n.accountId);
    }

    private List<ElasticIpView> views(List<ElasticIp> eips) {
        Map<String, String> names = Rows.valueById(L3Network.class,
                eips.stream().map(e -> e.l3Id).collect(Collectors.toSet()), n -> n.name);
        return eips.stream().map(e -> new ElasticIpView(e.id, e.accountId, e.l3Id, names.get(e.l3Id), e.ip,
                e.privateIp, e.createdAt, e.updatedAt)).toList();
    }
}
