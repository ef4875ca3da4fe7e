package io.nubis.securitygroup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link SecurityGroupView}s (rules with remote group names, member counts) in few queries. */
@ApplicationScoped
class SecurityGroupViews {

    @Inject
    Instance<NicOwner> owner;

    List<SecurityGroupView> of(List<SecurityGroup> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        List<String> ids = groups.stream().map(g -> g.id).toList();
        List<SecurityGroupRule> rules = SecurityGroupRule.list("groupId in ?1 order by direction desc, createdAt, id",
                ids);
        Set<String> remoteIds = new HashSet<>();
        rules.stream().filter(r -> r.remoteGroupId != null).forEach(r -> remoteIds.add(r.remoteGroupId));
        Map<String, String> names = new HashMap<>();
        if (!remoteIds.isEmpty()) {
            SecurityGroup.<SecurityGroup>list("id in ?1", remoteIds).forEach(g -> names.put(g.id, g.name));
        }
        Map<String, Long> members = new HashMap<>();
        for (Object[] row : SecurityGroupMember.getEntityManager().createQuery(
                "select m.groupId, count(m) from SecurityGroupMember m where m.groupId in :ids group by m.groupId",
                Object[].class).setParameter("ids", ids).getResultList()) {
            members.put((String) row[0], (Long) row[1]);
        }
        return groups.stream().map(g -> new SecurityGroupView(g.id, g.accountId, g.name, g.description,
                rules.stream().filter(r -> r.groupId.equals(g.id))
                        .map(r -> new SecurityGroupView.Rule(r.id, r.direction, r.protocol, r.portStart, r.portEnd,
                                r.cidr, r.remoteGroupId, names.get(r.remoteGroupId)))
                        .toList(),
                members.getOrDefault(g.id, 0L), g.createdAt, g.updatedAt)).toList();
    }

    /** Names of VMs by id (those the vm feature knows). */
    Map<String, String> vmNamesById(Collection<String> vmIds) {
        return owner.isResolvable() && !vmIds.isEmpty() ? owner.get().vmNames(vmIds) : Map.of();
    }

    /** Names of VMs for messages (the id where the vm feature does not know it). */
    List<String> vmNames(Collection<String> vmIds) {
        Map<String, String> names = vmNamesById(vmIds);
        return vmIds.stream().map(id -> names.getOrDefault(id, id)).sorted().toList();
    }
}
