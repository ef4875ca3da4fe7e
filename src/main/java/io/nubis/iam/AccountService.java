package io.nubis.iam;

import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Accounts and the users acting for them. An account named by a user's Keycloak group {@code /accounts/<name>} is
 * created on that user's first login (just-in-time provisioning, audited); full account management comes with IAM.
 */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    private static final Duration SEEN_RESOLUTION = Duration.ofMinutes(5);

    @Inject
    AuditLog audit;

    /** Maps a logged-in Keycloak user to a {@link Caller}, creating the account and user rows on first sight. */
    public Caller login(String subject, String username, String accountName) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> upsert(subject, username, accountName));
        } catch (PersistenceException raceOnFirstLogin) {
            LOG.debugf("concurrent first login of %s, retrying", username);
            return QuarkusTransaction.requiringNew().call(() -> upsert(subject, username, accountName));
        }
    }

    private Caller upsert(String subject, String username, String accountName) {
        Account account = Account.find("name", accountName).firstResult();
        if (account == null) {
            account = new Account();
            account.id = Ids.newId();
            account.name = accountName;
            account.type = AccountType.NORMAL;
            account.description = "Created on first login of " + username;
            account.createdAt = Instant.now();
            account.persistAndFlush();
            Caller self = new Caller(null, username, account.id, account.name, false);
            audit.success(self, "account.create", AuditTarget.of("account", account.id, account.name, account.id),
                    "just-in-time on first login");
        }
        IamUser user = IamUser.find("subject", subject).firstResult();
        Instant now = Instant.now();
        if (user == null) {
            user = new IamUser();
            user.id = Ids.newId();
            user.subject = subject;
            user.createdAt = now;
            user.username = username;
            user.accountId = account.id;
            user.lastSeenAt = now;
            user.persistAndFlush();
        } else if (!user.accountId.equals(account.id) || !user.username.equals(username)
                || user.lastSeenAt == null || user.lastSeenAt.isBefore(now.minus(SEEN_RESOLUTION))) {
            user.accountId = account.id;
            user.username = username;
            user.lastSeenAt = now;
        }
        return new Caller(user.id, username, account.id, account.name, account.type == AccountType.ADMIN);
    }

    public Account get(String id) {
        Account a = Account.findById(id);
        if (a == null) {
            throw new NotFoundException("account", id);
        }
        return a;
    }

    public List<Account> listAll() {
        return Account.listAll();
    }
}
