package io.nubis.iam;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every IAM action Nubis knows, {@code <resource type>:<verb>} (issue 9). Each is declared by at least one API
 * operation or portal page ({@link io.nubis.platform.Action}); {@code ActionCatalogTest} keeps the two in step.
 * Policies may name these, {@code <type>:*} or {@code *}; the effective-permissions view lists them.
 */
public final class ActionCatalog {

    /** Sorted by name. */
    public static final List<String> ACTIONS = List.of(
            "account:create",
            "account:delete",
            "account:disable",
            "account:enable",
            "account:read",
            "account:update",
            "api-token:create",
            "api-token:delete",
            "api-token:read",
            "attention:dismiss",
            "attention:read",
            "attention:retry",
            "audit:read",
            "backup-storage:accept-host-key",
            "backup-storage:attach-zone",
            "backup-storage:create",
            "backup-storage:delete",
            "backup-storage:detach-zone",
            "backup-storage:read",
            "backup-storage:reconnect",
            "backup-storage:update",
            "cluster:create",
            "cluster:delete",
            "cluster:disable",
            "cluster:enable",
            "cluster:read",
            "cluster:update",
            "dashboard:read",
            "disk-offering:create",
            "disk-offering:delete",
            "disk-offering:disable",
            "disk-offering:enable",
            "disk-offering:read",
            "disk-offering:update",
            "elastic-ip:allocate",
            "elastic-ip:attach",
            "elastic-ip:detach",
            "elastic-ip:read",
            "elastic-ip:release",
            "group:add-member",
            "group:create",
            "group:delete",
            "group:read",
            "group:remove-member",
            "host:accept-host-key",
            "host:create",
            "host:delete",
            "host:disable",
            "host:enable",
            "host:maintenance",
            "host:read",
            "host:reconnect",
            "host:update",
            "image:copy",
            "image:create",
            "image:delete",
            "image:read",
            "instance-offering:create",
            "instance-offering:delete",
            "instance-offering:disable",
            "instance-offering:enable",
            "instance-offering:read",
            "instance-offering:update",
            "job:read",
            "l2-network:attach",
            "l2-network:create",
            "l2-network:delete",
            "l2-network:detach",
            "l2-network:read",
            "l2-network:update",
            "l3-network:add-ip-range",
            "l3-network:add-load-balancer",
            "l3-network:add-port-forward",
            "l3-network:create",
            "l3-network:delete",
            "l3-network:disable",
            "l3-network:enable",
            "l3-network:read",
            "l3-network:remove-ip-range",
            "l3-network:remove-load-balancer",
            "l3-network:remove-port-forward",
            "l3-network:update",
            "policy:attach",
            "policy:create",
            "policy:delete",
            "policy:detach",
            "policy:read",
            "policy:update",
            "primary-storage:attach",
            "primary-storage:clean-cache",
            "primary-storage:create",
            "primary-storage:delete",
            "primary-storage:detach",
            "primary-storage:maintenance",
            "primary-storage:read",
            "primary-storage:refresh",
            "primary-storage:update",
            "quota:read",
            "quota:update",
            "router:read",
            "router:recreate",
            "security-group:add-rule",
            "security-group:create",
            "security-group:delete",
            "security-group:read",
            "security-group:remove-rule",
            "security-group:update",
            "sharing:read",
            "sharing:update",
            "snapshot:create-image",
            "snapshot:create-volume",
            "snapshot:delete",
            "snapshot:read",
            "snapshot:revert",
            "user:create",
            "user:delete",
            "user:disable",
            "user:enable",
            "user:read",
            "user:reset-password",
            "user:update",
            "vm:add-volume",
            "vm:attach-volume",
            "vm:console",
            "vm:create",
            "vm:destroy",
            "vm:detach-volume",
            "vm:eject-iso",
            "vm:insert-iso",
            "vm:join-security-group",
            "vm:leave-security-group",
            "vm:migrate",
            "vm:read",
            "vm:reboot",
            "vm:resize-root",
            "vm:resize-volume",
            "vm:start",
            "vm:stop",
            "vni-pool:add-cluster",
            "vni-pool:create",
            "vni-pool:delete",
            "vni-pool:read",
            "vni-pool:remove-cluster",
            "vni-pool:update",
            "volume:create-image",
            "volume:create-snapshot",
            "volume:delete",
            "volume:read",
            "volume:resize",
            "zone:create",
            "zone:delete",
            "zone:disable",
            "zone:enable",
            "zone:read",
            "zone:update");

    private static final Set<String> TYPES = types();

    private ActionCatalog() {
    }

    /** True for a known action. */
    public static boolean known(String action) {
        return ACTIONS.contains(action);
    }

    /** True for a pattern a statement may hold: a known action, {@code <known type>:*} or {@code *}. */
    public static boolean validPattern(String pattern) {
        if ("*".equals(pattern) || known(pattern)) {
            return true;
        }
        return pattern.endsWith(":*") && TYPES.contains(pattern.substring(0, pattern.length() - 2));
    }

    private static Set<String> types() {
        Set<String> t = new LinkedHashSet<>();
        for (String a : ACTIONS) {
            t.add(a.substring(0, a.indexOf(':')));
        }
        return t;
    }
}
