package io.nubis.securitygroup;

import io.nubis.iam.Caller;
import io.nubis.job.JobRequest;
import io.nubis.job.JobService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which NICs a change of a group affects, and the job that rewrites their filters: the group's members, the members of
 * every group with a rule naming it (their peer set changed) and the NICs given (one that just left).
 */
@ApplicationScoped
class SecurityGroupApply {

    static final String NICS = "nics";

    @Inject
    JobService jobs;

    /** Submits {@code security-group.apply} for the group, or returns null when no NIC is affected. */
    String submit(Caller caller, SecurityGroup g, Collection<String> extraNics) {
        if (affected(g.id, extraNics).isEmpty()) {
            return null;
        }
        return jobs.submit(caller, new JobRequest(SecurityGroupApplyWorkflow.TYPE, SecurityGroupService.TYPE, g.id,
                g.name, g.accountId, Map.of(NICS, String.join(",", extraNics))));
    }

    /** {@link #affected} in a transaction of its own (for the job's step). */
    @jakarta.transaction.Transactional
    Set<String> affectedNow(String groupId, Collection<String> extraNics) {
        return affected(groupId, extraNics);
    }

    static Set<String> affected(String groupId, Collection<String> extraNics) {
        Set<String> nics = new LinkedHashSet<>(extraNics);
        SecurityGroupMember.<SecurityGroupMember>list("groupId", groupId).forEach(m -> nics.add(m.nicId));
        List<String> referring = SecurityGroupRule.<SecurityGroupRule>list("remoteGroupId = ?1 and groupId <> ?1",
                groupId).stream().map(r -> r.groupId).distinct().toList();
        if (!referring.isEmpty()) {
            SecurityGroupMember.<SecurityGroupMember>list("groupId in ?1", referring).forEach(m -> nics.add(m.nicId));
        }
        return nics;
    }
}
