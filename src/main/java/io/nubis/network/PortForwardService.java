package io.nubis.network;

import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Port forwarding of private networks (issue 10): the router's public address and a port range go to a VM NIC address
 * of the network and ports. Ranges of one network and protocol never overlap: a second rule on a forwarded port is a
 * 409 (checked under the network's row lock). Each change is written, then a {@code router.apply} job replaces the
 * router's rule set in one atomic change, so other flows are untouched.
 */
@ApplicationScoped
@Transactional
public class PortForwardService {

    static final String TYPE = "port-forward";
    static final int MAX_PORT = 65535;
    /** Rules per network: each is a line of the router's nft table, applied as a whole on every change. */
    static final int MAX_RULES = 128;

    @Inject
    NetworkServiceRules rules;
    @Inject
    L3NetworkService networks;
    @Inject
    AuditLog audit;

    /** A change and the job that applies it (null: no router yet). */
    public record Change(PortForwardView rule, String jobId) {
    }

    public List<PortForwardView> list(Caller caller, String l3Id) {
        networks.get(caller, l3Id);
        String publicIp = publicIp(l3Id);
        return PortForward.<PortForward>list("l3Id = ?1 order by protocol, publicStart", l3Id).stream()
                .map(p -> view(p, publicIp)).toList();
    }

    @Audited("port-forward.create")
    public Change create(Caller caller, String l3Id, PortForwardInput in) {
        L3Network n = rules.ownPrivate(caller, l3Id, null);
        long count = PortForward.count("l3Id", n.id);
        if (count >= MAX_RULES) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_port_forwards_limit(MAX_RULES)));
        }
        Validation v = Validation.start();
        if (in == null) {
            v.add("protocol", Text.msg(m -> m.error_required())).throwIfAny();
        }
        String protocol = in.protocol() == null ? null : in.protocol().trim().toLowerCase(Locale.ROOT);
        v.required("protocol", protocol);
        v.check(protocol == null || protocol.equals("tcp") || protocol.equals("udp"), "protocol",
                Text.of(NetworkMessages.class, m -> m.error_protocol()));
        v.required("publicStart", in.publicStart());
        Integer start = in.publicStart();
        Integer end = in.publicEnd() == null ? start : in.publicEnd();
        Integer privateStart = in.privateStart() == null ? start : in.privateStart();
        port(v, "publicStart", start);
        port(v, "publicEnd", end);
        port(v, "privateStart", privateStart);
        if (!v.hasError("publicStart") && !v.hasError("publicEnd") && start != null) {
            v.check(end >= start, "publicEnd", Text.of(NetworkMessages.class, m -> m.error_port_order(start)));
            if (end >= start && privateStart != null && !v.hasError("privateStart")) {
                int width = end - start;
                v.check(privateStart + width <= MAX_PORT, "privateStart",
                        Text.of(NetworkMessages.class, m -> m.error_port_range(1, MAX_PORT - width)));
                v.check(privateStart.equals(start) || width < 256, "publicEnd",
                        Text.of(NetworkMessages.class, m -> m.error_port_width(256)));
            }
        }
        String ip = Validation.blankToNull(in.privateIp());
        v.required("privateIp", ip);
        if (ip != null) {
            v.check(Ipv4.isValid(ip) && rules.isNicAddress(n.id, ip), "privateIp",
                    Text.of(NetworkMessages.class, m -> m.error_not_a_nic_address(ip)));
        }
        v.throwIfAny();
        if (protocol.equals("tcp")
                && LoadBalancer.count("l3Id = ?1 and port >= ?2 and port <= ?3", n.id, start, end) > 0) {
            throw new ConflictException(Text.of(NetworkMessages.class, m -> m.error_lb_port_taken(start)));
        }
        PortForward clash = PortForward.<PortForward>find("l3Id = ?1 and protocol = ?2 and publicStart <= ?3"
                + " and publicEnd >= ?4", n.id, protocol, end, start).firstResult();
        if (clash != null) {
            throw new ConflictException(Text.of(NetworkMessages.class,
                    m -> m.error_port_forward_conflict(clash.protocol, clash.publicStart, clash.publicEnd)));
        }
        PortForward p = new PortForward();
        p.id = Ids.newId();
        p.accountId = n.accountId;
        p.l3Id = n.id;
        p.protocol = protocol;
        p.publicStart = start;
        p.publicEnd = end;
        p.privateIp = ip;
        p.privateStart = privateStart;
        p.createdAt = Instant.now();
        p.persist();
        String job = rules.applyRouter(caller, n);
        audit.success(caller, "port-forward.create", target(p, n),
                protocol + " " + start + "-" + end + " -> " + ip + ":" + privateStart);
        return new Change(view(p, publicIp(n.id)), job);
    }

    @Audited("port-forward.delete")
    public String delete(Caller caller, String l3Id, String ruleId) {
        L3Network n = rules.ownPrivate(caller, l3Id, null);
        PortForward p = ruleId == null ? null : PortForward.findById(ruleId);
        if (p == null || !p.l3Id.equals(n.id)) {
            throw new NotFoundException(TYPE, ruleId);
        }
        p.delete();
        String job = rules.applyRouter(caller, n);
        audit.success(caller, "port-forward.delete", target(p, n),
                p.protocol + " " + p.publicStart + "-" + p.publicEnd);
        return job;
    }

    private static void port(Validation v, String field, Integer port) {
        v.check(port == null || (port >= 1 && port <= MAX_PORT), field,
                Text.of(NetworkMessages.class, m -> m.error_port_range(1, MAX_PORT)));
    }

    /** The public address of the network's router (the port forwards' and load balancers' address), or null. */
    static String publicIp(String l3Id) {
        VirtualRouter r = VirtualRouter.find("l3Id", l3Id).firstResult();
        return r == null ? null : r.publicIp;
    }

    static AuditTarget target(PortForward p, L3Network n) {
        return AuditTarget.of(TYPE, p.id, n.name + " " + p.protocol + "/" + p.publicStart, n.accountId);
    }

    private static PortForwardView view(PortForward p, String publicIp) {
        return new PortForwardView(p.id, p.l3Id, p.protocol, publicIp, p.publicStart, p.publicEnd, p.privateIp,
                p.privateStart, p.createdAt);
    }

}
