package io.nubis.iam;

import io.nubis.platform.ForbiddenException;
import io.nubis.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may read and manage an account's users, groups and policies: admins any account's, owners their own account's
 * (others' answer 404). Members may read what their policies allow, never change anything here: a member able to edit
 * policies or memberships could grant itself anything.
 */
@ApplicationScoped
class IamAccess {

    @Inject
    AccountService accounts;

    Account readable(Caller caller, String accountId) {
        return accounts.visible(caller, accountId);
    }

    Account manageable(Caller caller, String accountId) {
        Account a = accounts.visible(caller, accountId);
        if (caller.member()) {
            throw new ForbiddenException(Text.of(IamMessages.class, m -> m.error_owner_only()));
        }
        return a;
    }
}
