package io.nubis.iam;

import java.util.List;

/**
 * What a user may do with one action: {@code allowed} on every resource (with the deciding reason and policy), and the
 * resources named by resource-scoped statements: {@code allowedOn} (not denied) and {@code deniedOn}.
 */
public record EffectivePermission(String action, boolean allowed, String reason, String policy,
        List<String> allowedOn, List<String> deniedOn) {

    /** The message key naming the reason, for pages. */
    public String reasonKey() {
        return "permission_reason_" + reason.replace('-', '_');
    }
}
