package io.nubis.iam;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a caller may perform an action (issue 9), for the request filter and the effective-permissions view.
 * Admins (owners in the admin account) and account owners are allowed everything their account's rights reach; a member
 * gets what the policies attached to it and to its groups allow, an explicit Deny overriding any Allow
 * ({@link PolicyEvaluator}). The services still apply the account rules (tenant isolation, admin-only inventory).
 */
@ApplicationScoped
public class Authorizer {

    @Inject
    EntityManager em;

    /** The decision for {@code action} on {@code resourceId} (null: no single resource). */
    @Transactional
    public Decision decide(Caller caller, String action, String resourceId) {
        if (!caller.member()) {
            return new Decision(true, caller.admin() ? Decision.ADMIN : Decision.OWNER, null);
        }
        return PolicyEvaluator.evaluate(statements(caller.userId()), action, resourceId);
    }

    /** Every statement that applies to the user: its own policies' and its groups' policies'. */
    @Transactional
    public List<PolicyEvaluator.Named> statements(String userId) {
        List<Object[]> rows = em.createNativeQuery("SELECT p.name, p.statements FROM iam_policy p "
                + "JOIN iam_policy_attachment a ON a.policy_id = p.id "
                + "WHERE (a.principal_type = 'USER' AND a.principal_id = :u) OR (a.principal_type = 'GROUP' AND "
                + "a.principal_id IN (SELECT m.group_id FROM iam_group_member m WHERE m.user_id = :u)) "
                + "ORDER BY p.name", Object[].class).setParameter("u", userId).getResultList();
        List<PolicyEvaluator.Named> out = new ArrayList<>();
        for (Object[] r : rows) {
            for (PolicyStatement s : PolicyJson.readStored((String) r[1])) {
                out.add(new PolicyEvaluator.Named((String) r[0], s));
            }
        }
        return out;
    }
}
