package io.nubis.securitygroup;

import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditTarget;
import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaService;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.UniqueViolation;
import io.nubis.platform.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Security groups of accounts (issue 11): create (with the default rules: everything in from members of the same group,
 * everything out), rename, delete (409 while NICs are in it or other groups' rules name it), add and remove rules. A
 * rule change is written first, then a {@code security-group.apply} job rewrites the filters of every NIC it affects.
 * Tenants see and change their own account's groups (others: 404); admins every group.
 */
@ApplicationScoped
@Transactional
public class SecurityGroupService {

    static final String TYPE = "security-group";
    /** Rules per group: each is a line in the filter of every member NIC. */
    static final int MAX_RULES = 100;

    @Inject
    AuditLog audit;
    @Inject
    SecurityGroupViews views;
    @Inject
    SecurityGroupApply apply;
    @Inject
    QuotaService quotas;

    /** A change and the job that applies it on the hosts (null: no NIC is affected). */
    public record Change(SecurityGroupView group, String jobId) {
    }

    public List<SecurityGroupView> list(Caller caller) {
        List<SecurityGroup> groups = caller.admin()
                ? SecurityGroup.list("order by name")
                : SecurityGroup.list("accountId = ?1 order by name", caller.accountId());
        return views.of(groups);
    }

    public SecurityGroupView get(Caller caller, String id) {
        return views.of(List.of(find(caller, id))).get(0);
    }

    /** One member NIC of a group, with its VM's name. */
    public record Member(String vmId, String vmName, String nicId, String ip) {
    }

    /** The group's member NICs, by VM name. */
    public List<Member> members(Caller caller, String id) {
        find(caller, id);
        List<SecurityGroupMember> members = SecurityGroupMember.list("groupId", id);
        Map<String, String> names = views.vmNamesById(members.stream().map(m -> m.vmId).distinct().toList());
        return members.stream().map(m -> new Member(m.vmId, names.getOrDefault(m.vmId, m.vmId), m.nicId, m.ip))
                .sorted(java.util.Comparator.comparing(Member::vmName).thenComparing(Member::ip)).toList();
    }

    /** Creates a group of the caller's account with the default rules. */
    @Audited("security-group.create")
    public SecurityGroupView create(Caller caller, SecurityGroupInput in) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.name("name", in.name()).maxLength("description", in.description(), 255).throwIfAny();
        quotas.require(caller.accountId(), Map.of(QuotaKind.SECURITY_GROUPS, 1L));
        SecurityGroup g = new SecurityGroup();
        g.id = Ids.newId();
        g.accountId = caller.accountId();
        g.name = in.name().trim();
        g.description = Validation.blankToNull(in.description());
        g.createdAt = Instant.now();
        g.updatedAt = g.createdAt;
        persistUnique(g);
        rule(g.id, new RuleCheck.Canonical("ingress", "all", null, null, null, g.id)).persist();
        rule(g.id, new RuleCheck.Canonical("egress", "all", null, null, "0.0.0.0/0", null)).persist();
        audit.success(caller, "security-group.create", target(g), g.name);
        return get(caller, g.id);
    }

    @Audited("security-group.update")
    public SecurityGroupView update(Caller caller, String id, SecurityGroupInput in) {
        SecurityGroup g = find(caller, id);
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.name("name", in.name()).maxLength("description", in.description(), 255).throwIfAny();
        g.name = in.name().trim();
        g.description = Validation.blankToNull(in.description());
        g.updatedAt = Instant.now();
        persistUnique(g);
        audit.success(caller, "security-group.update", target(g), g.name);
        return get(caller, id);
    }

    /** Deletes a group without members that no other group's rule names (409 naming them), with its rules. */
    @Audited("security-group.delete")
    public void delete(Caller caller, String id) {
        SecurityGroup g = locked(caller, id);
        List<String> vms = SecurityGroupMember.<SecurityGroupMember>list("groupId", id).stream().map(m -> m.vmId)
                .distinct().toList();
        List<String> groups = SecurityGroup.<SecurityGroup>list("id in (select r.groupId from SecurityGroupRule r"
                + " where r.remoteGroupId = ?1 and r.groupId <> ?1) order by name", id).stream().map(x -> x.name)
                .toList();
        if (!vms.isEmpty() || !groups.isEmpty()) {
            String members = vms.isEmpty() ? "-" : String.join(", ", views.vmNames(vms));
            String named = groups.isEmpty() ? "-" : String.join(", ", groups);
            throw new ConflictException(
                    Text.of(SecurityGroupMessages.class, m -> m.error_sg_in_use(g.name, members, named)));
        }
        SecurityGroupRule.delete("groupId", id);
        g.delete();
        audit.success(caller, "security-group.delete", target(g), g.name);
    }

    /** Adds a rule (400 per field, 404 for a remote group of another account, 409 for a duplicate or the 101st). */
    @Audited("security-group.add-rule")
    public Change addRule(Caller caller, String id, SecurityGroupRuleInput in) {
        SecurityGroup g = locked(caller, id);
        RuleCheck.Canonical c = RuleCheck.check(in);
        if (c.remoteGroupId() != null) {
            SecurityGroup remote = SecurityGroup.findById(c.remoteGroupId());
            if (remote == null || !remote.accountId.equals(g.accountId)) {
                throw new NotFoundException(TYPE, c.remoteGroupId());
            }
        }
        if (SecurityGroupRule.count("groupId", id) >= MAX_RULES) {
            throw new ConflictException(Text.of(SecurityGroupMessages.class, m -> m.error_sg_rules_limit(MAX_RULES)));
        }
        boolean exists = SecurityGroupRule.<SecurityGroupRule>list("groupId", id).stream()
                .anyMatch(r -> same(r, c));
        if (exists) {
            throw new ConflictException(Text.of(SecurityGroupMessages.class, m -> m.error_sg_rule_exists()));
        }
        SecurityGroupRule r = rule(id, c);
        r.persist();
        g.updatedAt = Instant.now();
        audit.success(caller, "security-group.add-rule", target(g), describe(r));
        return new Change(get(caller, id), apply.submit(caller, g, List.of()));
    }

    @Audited("security-group.remove-rule")
    public Change removeRule(Caller caller, String id, String ruleId) {
        SecurityGroup g = locked(caller, id);
        SecurityGroupRule r = ruleId == null ? null : SecurityGroupRule.findById(ruleId);
        if (r == null || !r.groupId.equals(id)) {
            throw new NotFoundException("security-group-rule", ruleId);
        }
        r.delete();
        g.updatedAt = Instant.now();
        audit.success(caller, "security-group.remove-rule", target(g), describe(r));
        return new Change(get(caller, id), apply.submit(caller, g, List.of()));
    }

    static String describe(SecurityGroupRule r) {
        String ports = r.portStart == null
                ? ""
                : " " + r.portStart + (r.portEnd.equals(r.portStart) ? "" : "-" + r.portEnd);
        String other = r.cidr != null ? r.cidr : "group " + r.remoteGroupId;
        return r.direction + " " + r.protocol + ports + (r.direction.equals("ingress") ? " from " : " to ") + other;
    }

    private static boolean same(SecurityGroupRule r, RuleCheck.Canonical c) {
        return r.direction.equals(c.direction()) && r.protocol.equals(c.protocol())
                && java.util.Objects.equals(r.portStart, c.portStart())
                && java.util.Objects.equals(r.portEnd, c.portEnd())
                && java.util.Objects.equals(r.cidr, c.cidr())
                && java.util.Objects.equals(r.remoteGroupId, c.remoteGroupId());
    }

    private static SecurityGroupRule rule(String groupId, RuleCheck.Canonical c) {
        SecurityGroupRule r = new SecurityGroupRule();
        r.id = Ids.newId();
        r.groupId = groupId;
        r.direction = c.direction();
        r.protocol = c.protocol();
        r.portStart = c.portStart();
        r.portEnd = c.portEnd();
        r.cidr = c.cidr();
        r.remoteGroupId = c.remoteGroupId();
        r.createdAt = Instant.now();
        return r;
    }

    SecurityGroup find(Caller caller, String id) {
        SecurityGroup g = id == null || !Ids.isValid(id) ? null : SecurityGroup.findById(id);
        if (g == null || !caller.canAccess(g.accountId)) {
            throw new NotFoundException(TYPE, id);
        }
        return g;
    }

    /** The group, row-locked: changes to one group's rules and members are serialised. */
    SecurityGroup locked(Caller caller, String id) {
        SecurityGroup g = find(caller, id);
        // native: Hibernate's MySQL dialect writes FOR UPDATE OF, which MariaDB lacks
        SecurityGroup.getEntityManager().createNativeQuery("SELECT id FROM security_group WHERE id = :id FOR UPDATE")
                .setParameter("id", id).getResultList();
        SecurityGroup.getEntityManager().refresh(g);
        return g;
    }

    private static void persistUnique(SecurityGroup g) {
        try {
            g.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.is(e)) {
                throw new InvalidInputException("name", Text.msg(m -> m.error_name_taken(g.name)));
            }
            throw e;
        }
    }

    static AuditTarget target(SecurityGroup g) {
        return AuditTarget.of(TYPE, g.id, g.name, g.accountId);
    }
}
