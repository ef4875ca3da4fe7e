package io.nubis.securitygroup;

import io.nubis.driver.FirewallRule;
import io.nubis.driver.NicFirewall;
import io.nubis.iam.AuditLog;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The face security groups publish to the feature that owns VM NICs (vm): which groups a NIC is in, NICs joining and
 * leaving (each followed by a {@code security-group.apply} job), a destroyed VM's NICs leaving all their groups, and
 * the firewall a NIC's filter carries ({@link #firewallFor}).
 */
@ApplicationScoped
@Transactional
public class SecurityGroups {

    /** Groups per NIC. */
    static final int MAX_GROUPS_PER_NIC = 5;

    @Inject
    SecurityGroupService groups;
    @Inject
    SecurityGroupApply apply;
    @Inject
    AuditLog audit;
    @Inject
    io.nubis.platform.Sql sql;

    /** One membership: a NIC of the VM in a group. */
    public record Membership(String nicId, String groupId, String groupName) {
    }

    /** The groups the VM's NICs are in. */
    public List<Membership> of(String vmId) {
        List<SecurityGroupMember> members = SecurityGroupMember.list("vmId = ?1 order by createdAt", vmId);
        Map<String, String> names = names(members.stream().map(m -> m.groupId).toList());
        return members.stream().map(m -> new Membership(m.nicId, m.groupId, names.get(m.groupId))).toList();
    }

    /**
     * Puts a NIC of a VM of {@code accountId} into a group of the same account (404 otherwise; 409 when it is in it
     * already or in {@value #MAX_GROUPS_PER_NIC} groups). The caller's access to the VM is checked by the vm feature.
     *
     * @return the job that writes the affected filters, or null
     */
    public String join(Caller caller, String accountId, String vmId, String nicId, String ip, String groupId) {
        SecurityGroup g = groups.locked(caller, groupId);
        if (!g.accountId.equals(accountId)) {
            throw new NotFoundException(SecurityGroupService.TYPE, groupId);
        }
        if (SecurityGroupMember.count("groupId = ?1 and nicId = ?2", groupId, nicId) > 0) {
            throw new ConflictException(Text.of(SecurityGroupMessages.class, m -> m.error_sg_member_exists(g.name)));
        }
        if (SecurityGroupMember.count("nicId", nicId) >= MAX_GROUPS_PER_NIC) {
            throw new ConflictException(
                    Text.of(SecurityGroupMessages.class, m -> m.error_sg_groups_per_nic(MAX_GROUPS_PER_NIC)));
        }
        SecurityGroupMember m = new SecurityGroupMember();
        m.id = Ids.newId();
        m.groupId = groupId;
        m.nicId = nicId;
        m.vmId = vmId;
        m.ip = ip;
        m.createdAt = Instant.now();
        m.persist();
        audit.success(caller, "security-group.add-member", SecurityGroupService.target(g), "NIC " + nicId + " (" + ip
                + ") of VM " + vmId);
        return apply.submit(caller, g, List.of(nicId));
    }

    /** A NIC and its address. */
    public record NicAddress(String nicId, String ip) {
    }

    /**
     * A new VM's NICs join the groups chosen at create (checked then; a group deleted since is skipped), before its
     * filters are written; the groups' other members and peers get the new addresses by jobs of the system caller.
     * Idempotent.
     */
    public void joinAtCreate(String accountId, String vmId, List<NicAddress> nics, List<String> groupIds) {
        for (String groupId : groupIds) {
            SecurityGroup g = SecurityGroup.findById(groupId);
            if (g == null || !g.accountId.equals(accountId)) {
                continue;
            }
            boolean added = false;
            for (NicAddress nic : nics) {
                if (nic.ip() != null
                        && SecurityGroupMember.count("groupId = ?1 and nicId = ?2", groupId, nic.nicId()) == 0) {
                    SecurityGroupMember m = new SecurityGroupMember();
                    m.id = Ids.newId();
                    m.groupId = groupId;
                    m.nicId = nic.nicId();
                    m.vmId = vmId;
                    m.ip = nic.ip();
                    m.createdAt = Instant.now();
                    m.persist();
                    added = true;
                }
            }
            if (added) {
                apply.submit(Caller.system(), g, List.of());
            }
        }
    }

    /** Takes a NIC out of a group (404 when the group is not visible, 409 when the NIC is not in it). */
    public String leave(Caller caller, String vmId, String nicId, String groupId) {
        SecurityGroup g = groups.locked(caller, groupId);
        SecurityGroupMember m = SecurityGroupMember.find("groupId = ?1 and nicId = ?2", groupId, nicId).firstResult();
        if (m == null || !m.vmId.equals(vmId)) {
            throw new ConflictException(Text.of(SecurityGroupMessages.class, x -> x.error_sg_not_member(g.name)));
        }
        m.delete();
        audit.success(caller, "security-group.remove-member", SecurityGroupService.target(g), "NIC " + nicId + " ("
                + m.ip + ") of VM " + vmId);
        return apply.submit(caller, g, List.of(nicId));
    }

    /**
     * A destroyed VM's NICs leave every group; the groups naming those groups get their peer sets rewritten (jobs of
     * the system caller). Idempotent.
     */
    public void forgetVm(String vmId) {
        List<SecurityGroupMember> members = SecurityGroupMember.list("vmId", vmId);
        if (members.isEmpty()) {
            return;
        }
        SecurityGroupMember.delete("vmId", vmId);
        for (String groupId : members.stream().map(m -> m.groupId).distinct().toList()) {
            SecurityGroup g = SecurityGroup.findById(groupId);
            if (g != null) {
                apply.submit(Caller.system(), g, List.of());
            }
        }
    }

    /**
     * The firewall of a NIC: the union of the rules of its groups, with the members' addresses of every group a rule
     * names; null when the NIC is in no group (then nothing it receives is filtered).
     */
    public NicFirewall firewallFor(String nicId) {
        // every VM start asks, and most NICs are in no group: one plain statement (issue 7)
        List<String> groupIds = sql.flushedColumn("SELECT group_id FROM security_group_member WHERE nic_id = ?", nicId);
        if (groupIds.isEmpty()) {
            return null;
        }
        List<FirewallRule> in = new ArrayList<>();
        List<FirewallRule> out = new ArrayList<>();
        Map<String, List<String>> peers = new TreeMap<>();
        for (SecurityGroupRule r : SecurityGroupRule.<SecurityGroupRule>list("groupId in ?1 order by createdAt, id",
                groupIds)) {
            String set = null;
            if (r.remoteGroupId != null) {
                set = peerSet(r.remoteGroupId);
                if (!peers.containsKey(set)) {
                    peers.put(set, SecurityGroupMember.<SecurityGroupMember>list("groupId", r.remoteGroupId).stream()
                            .map(m -> m.ip).distinct().sorted().toList());
                }
            }
            FirewallRule f = new FirewallRule(r.protocol, r.portStart, r.portEnd, r.cidr, set);
            List<FirewallRule> side = r.direction.equals("ingress") ? in : out;
            if (!side.contains(f)) {
                side.add(f);
            }
        }
        return new NicFirewall(in, out, peers);
    }

    /** The peer set of a group on hosts: {@code g} and the first 12 hex digits of its id. */
    static String peerSet(String groupId) {
        return "g" + groupId.replace("-", "").substring(0, 12);
    }

    private static Map<String, String> names(List<String> ids) {
        Map<String, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            SecurityGroup.<SecurityGroup>list("id in ?1", ids).forEach(g -> names.put(g.id, g.name));
        }
        return names;
    }
}
