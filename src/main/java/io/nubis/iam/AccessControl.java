package io.nubis.iam;

import io.nubis.platform.ForbiddenException;
import io.nubis.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The one place that decides what a caller may see and do. Admins see everything; a normal account sees and touches
 * only what it owns; infrastructure (zones, clusters, hosts) is admin-only. Another account's resource answers 404, so
 * tenants never learn it exists. Policies and groups (full IAM) will be evaluated here too.
 */
@ApplicationScoped
public class AccessControl {

    /** Infrastructure operations: throws 403 for non-admins. */
    public void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw ForbiddenException.adminOnly();
        }
    }

    /** Read or change one owned resource: throws 404 when the caller may not see it. */
    public void requireAccess(Caller caller, String resourceType, String resourceId, String ownerAccountId) {
        if (!caller.canAccess(ownerAccountId)) {
            throw new NotFoundException(resourceType, resourceId);
        }
    }

    /** Account filter for list queries: empty for admins (all accounts), the caller's account otherwise. */
    public Optional<String> listScope(Caller caller) {
        return caller.admin() ? Optional.empty() : Optional.of(caller.accountId());
    }
}
