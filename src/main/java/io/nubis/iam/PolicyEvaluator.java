package io.nubis.iam;

import java.util.List;

/**
 * Deny overrides (issue 9): an explicit Deny in any of the caller's policies always wins, then any Allow, otherwise the
 * action is denied. Unlike a first-match rule, the order of policies and statements never matters.
 */
public final class PolicyEvaluator {

    /** A statement with the name of the policy it came from. */
    public record Named(String policy, PolicyStatement statement) {
    }

    private PolicyEvaluator() {
    }

    public static Decision evaluate(List<Named> statements, String action, String resourceId) {
        Named allow = null;
        for (Named n : statements) {
            if (n.statement().matches(action, resourceId)) {
                if (n.statement().deny()) {
                    return new Decision(false, Decision.EXPLICIT_DENY, n.policy());
                }
                if (allow == null) {
                    allow = n;
                }
            }
        }
        return allow != null
                ? new Decision(true, Decision.EXPLICIT_ALLOW, allow.policy())
                : new Decision(false, Decision.IMPLICIT_DENY, null);
    }
}
