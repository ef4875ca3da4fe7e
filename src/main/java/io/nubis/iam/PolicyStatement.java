package io.nubis.iam;

import java.util.List;

/**
 * One statement of a policy: {@code effect} Allow or Deny, {@code actions} (names from {@link ActionCatalog},
 * {@code <type>:*} or {@code *}), {@code resources} ({@code *} or resource ids).
 */
public record PolicyStatement(String effect, List<String> actions, List<String> resources) {

    public static final String ALLOW = "Allow";
    public static final String DENY = "Deny";

    public boolean deny() {
        return DENY.equals(effect);
    }

    /** True when this statement speaks of {@code action} on {@code resourceId} (null: no single resource). */
    public boolean matches(String action, String resourceId) {
        return actions.stream().anyMatch(p -> actionMatches(p, action))
                && resources.stream().anyMatch(r -> "*".equals(r) || (resourceId != null && r.equals(resourceId)));
    }

    static boolean actionMatches(String pattern, String action) {
        if ("*".equals(pattern) || pattern.equals(action)) {
            return true;
        }
        return pattern.endsWith(":*") && action.startsWith(pattern.substring(0, pattern.length() - 1));
    }
}
