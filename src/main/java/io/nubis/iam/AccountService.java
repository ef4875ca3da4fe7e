package io.nubis.iam;

import io.nubis.platform.ConflictException;
import io.nubis.platform.ForbiddenException;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.UniqueViolation;
import io.nubis.platform.Validation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Accounts and the users acting for them (issue 9). Admins create, describe, disable, enable and delete accounts; each
 * is the Keycloak group {@code /accounts/<name>}. An account named by a user's group but unknown to Nubis is created on
 * that user's first login (just-in-time, audited), and such users are its owners; a subject Keycloak does not know (a
 * deleted user's token that has not expired) is refused instead. A disabled account's users, and disabled users, are
 * refused on every request; their resources stay as they are.
 */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    private static final Duration SEEN_RESOLUTION = Duration.ofMinutes(5);
    static final String TYPE = "account";

    @Inject
    AuditLog audit;
    @Inject
    AccessControl access;
    @Inject
    UserDirectory directory;
    @Inject
    EntityManager em;
    @Inject
    Sharing sharing;
    @Inject
    @Any
    Instance<QuotaUsage> usages;

    /**
     * Maps a logged-in Keycloak user to a {@link Caller}, creating the account and user rows on first sight (after
     * asking Keycloak that the subject exists and is enabled).
     */
    public Caller login(String subject, String username, String accountName) {
        return login(subject, username, accountName, directory::enabled);
    }

    /** As {@link #login(String, String, String)}, with the directory check given (tests give made-up subjects). */
    Caller login(String subject, String username, String accountName,
            java.util.function.Predicate<String> subjectExists) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> upsert(subject, username, accountName, subjectExists));
        } catch (PersistenceException raceOnFirstLogin) {
            LOG.debugf("concurrent first login of %s, retrying", username);
            return QuarkusTransaction.requiringNew().call(() -> upsert(subject, username, accountName, subjectExists));
        }
    }

    private Caller upsert(String subject, String username, String accountName,
            java.util.function.Predicate<String> subjectExists) {
        IamUser known = IamUser.find("subject", subject).firstResult();
        if (known == null && !subjectExists.test(subject)) {
            // first sight of a subject Keycloak does not have (any more): the still valid token of a deleted user
            // must not bring its user, or its deleted account, back
            throw new ForbiddenException(Text.of(IamMessages.class, m -> m.error_user_disabled()));
        }
        Account account = Account.find("name", accountName).firstResult();
        if (account == null) {
            account = new Account();
            account.id = Ids.newId();
            account.name = accountName;
            account.type = AccountType.NORMAL;
            account.state = AccountState.Enabled;
            account.description = "Created on first login of " + username;
            account.createdAt = Instant.now();
            account.persistAndFlush();
            Caller self = new Caller(null, username, account.id, account.name, false);
            audit.success(self, "account.create", target(account), "just-in-time on first login");
        }
        IamUser user = known;
        Instant now = Instant.now();
        if (user == null) {
            user = new IamUser();
            user.id = Ids.newId();
            user.subject = subject;
            user.createdAt = now;
            user.username = username;
            user.accountId = account.id;
            user.role = UserRole.OWNER;
            user.lastSeenAt = now;
            user.persistAndFlush();
        } else if (!user.accountId.equals(account.id) || !user.username.equals(username)
                || user.lastSeenAt == null || user.lastSeenAt.isBefore(now.minus(SEEN_RESOLUTION))) {
            user.accountId = account.id;
            user.username = username;
            user.lastSeenAt = now;
        }
        return checked(user, account);
    }

    private static Caller checked(IamUser user, Account account) {
        if (user.disabled) {
            throw new ForbiddenException(Text.of(IamMessages.class, m -> m.error_user_disabled()));
        }
        if (account.state == AccountState.Disabled) {
            String name = account.name;
            throw new ForbiddenException(Text.of(IamMessages.class, m -> m.error_account_disabled(name)));
        }
        return new Caller(user.id, user.username, account.id, account.name, account.type == AccountType.ADMIN,
                user.role == UserRole.MEMBER);
    }

    /** The caller a personal API token acts as: its user, refused when the user or its account is disabled. */
    public Caller callerOf(String userId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IamUser user = IamUser.findById(userId);
            if (user == null) {
                throw new ForbiddenException(Text.of(IamMessages.class, m -> m.error_no_account()));
            }
            return checked(user, get(user.accountId));
        });
    }

    @Transactional
    public Account get(String id) {
        Account a = Account.findById(id);
        if (a == null) {
            throw new NotFoundException(TYPE, id);
        }
        return a;
    }

    @Transactional
    public List<Account> listAll() {
        return Account.listAll();
    }

    /** Admins: every account; others: their own. */
    @Transactional
    public List<AccountView> list(Caller caller) {
        List<Account> rows = caller.admin()
                ? Account.listAll(Sort.ascending("name"))
                : List.of(get(caller.accountId()));
        Map<String, Long> users = new java.util.HashMap<>();
        for (Object[] r : em.createQuery("select u.accountId, count(u) from IamUser u group by u.accountId",
                Object[].class).getResultList()) {
            users.put((String) r[0], (Long) r[1]);
        }
        return rows.stream().map(a -> view(a, users.getOrDefault(a.id, 0L))).toList();
    }

    @Transactional
    public AccountView view(Caller caller, String id) {
        Account a = visible(caller, id);
        return view(a, IamUser.count("accountId", a.id));
    }

    @Audited("account.create")
    @Transactional
    public AccountView create(Caller caller, AccountInput in) {
        access.requireAdmin(caller);
        String name = in == null ? null : Validation.blankToNull(in.name());
        String description = in == null ? null : Validation.blankToNull(in.description());
        Validation.start().name("name", name).maxLength("description", description, Validation.MAX_DESCRIPTION)
                .throwIfAny();
        if (Account.count("name", name) > 0) {
            throw new ConflictException(Text.of(IamMessages.class, m -> m.error_account_exists(name)));
        }
        Account a = new Account();
        a.id = Ids.newId();
        a.name = name;
        a.type = AccountType.NORMAL;
        a.state = AccountState.Enabled;
        a.description = description;
        a.createdAt = Instant.now();
        try {
            a.persistAndFlush();
        } catch (PersistenceException e) {
            throw UniqueViolation.is(e)
                    ? new ConflictException(Text.of(IamMessages.class, m -> m.error_account_exists(name)))
                    : e;
        }
        directory.ensureGroup(groupPath(name));
        audit.success(caller, "account.create", target(a), null);
        return view(a, 0);
    }

    @Audited("account.update")
    @Transactional
    public AccountView update(Caller caller, String id, AccountInput in) {
        access.requireAdmin(caller);
        Account a = get(id);
        String description = in == null ? null : Validation.blankToNull(in.description());
        Validation.start().maxLength("description", description, Validation.MAX_DESCRIPTION).throwIfAny();
        a.description = description;
        audit.success(caller, "account.update", target(a), null);
        return view(a, IamUser.count("accountId", a.id));
    }

    /** Disabled: its users are refused at once (portal and API); its VMs keep running. */
    @Audited("account.state")
    @Transactional
    public AccountView setEnabled(Caller caller, String id, boolean enabled) {
        access.requireAdmin(caller);
        Account a = get(id);
        protect(caller, a);
        a.state = enabled ? AccountState.Enabled : AccountState.Disabled;
        CallerResolver.forgetAll();
        audit.success(caller, enabled ? "account.enable" : "account.disable", target(a), null);
        return view(a, IamUser.count("accountId", a.id));
    }

    /**
     * Deletes an account that holds nothing (409 naming what it holds otherwise): its users, groups, policies and
     * quotas, in Nubis and Keycloak. The account row is locked meanwhile, which holds back the quota checks that lock
     * it (accounts with a limit); a create for an account without limits is not held back and may slip in between the
     * check and the delete.
     */
    @Audited("account.delete")
    @Transactional
    public void delete(Caller caller, String id) {
        access.requireAdmin(caller);
        if (!Ids.isValid(id) || em.createNativeQuery("SELECT id FROM account WHERE id = :id FOR UPDATE")
                .setParameter("id", id).getResultList().isEmpty()) {
            throw new NotFoundException(TYPE, id);
        }
        Account a = get(id);
        protect(caller, a);
        String holdings = holdings(a.id);
        if (!holdings.isEmpty()) {
            throw new ConflictException(Text.of(IamMessages.class, m -> m.error_account_not_empty(a.name, holdings)));
        }
        List<IamUser> users = IamUser.list("accountId", a.id);
        em.createNativeQuery("DELETE m FROM iam_group_member m JOIN iam_group g ON g.id = m.group_id "
                + "WHERE g.account_id = :a").setParameter("a", a.id).executeUpdate();
        em.createNativeQuery("DELETE t FROM iam_policy_attachment t JOIN iam_policy p ON p.id = t.policy_id "
                + "WHERE p.account_id = :a").setParameter("a", a.id).executeUpdate();
        em.createNativeQuery("DELETE t FROM api_token t JOIN iam_user u ON u.id = t.user_id WHERE u.account_id = :a")
                .setParameter("a", a.id).executeUpdate();
        sharing.forgetAccount(a.id);
        IamPolicy.delete("accountId", a.id);
        IamGroup.delete("accountId", a.id);
        IamUser.delete("accountId", a.id);
        em.createNativeQuery("DELETE FROM quota_limit WHERE scope = :a").setParameter("a", a.id).executeUpdate();
        a.delete();
        em.flush();
        for (IamUser u : users) {
            directory.deleteUser(u.subject);
        }
        directory.deleteGroup(groupPath(a.name));
        CallerResolver.forgetAll();
        audit.success(caller, "account.delete", target(a), users.size() + " users removed");
    }

    /** "3 VMs, 1 image": what the account still holds, empty when nothing. */
    private String holdings(String accountId) {
        Map<QuotaKind, Long> held = new EnumMap<>(QuotaKind.class);
        for (QuotaUsage u : usages) {
            u.usage(accountId).forEach((k, v) -> held.merge(k, v, Long::sum));
        }
        List<String> parts = new ArrayList<>();
        for (QuotaKind k : List.of(QuotaKind.VMS, QuotaKind.DATA_VOLUMES, QuotaKind.SNAPSHOTS, QuotaKind.IMAGES,
                QuotaKind.PRIVATE_NETWORKS)) {
            long n = held.getOrDefault(k, 0L);
            if (n > 0) {
                parts.add(n + " " + k.name().toLowerCase().replace('_', ' '));
            }
        }
        return String.join(", ", parts);
    }

    private static void protect(Caller caller, Account a) {
        if (a.type == AccountType.ADMIN || a.id.equals(caller.accountId())) {
            throw new ConflictException(Text.of(IamMessages.class, m -> m.error_account_protected()));
        }
    }

    /** The account when the caller may see it: admins any, others their own (404 for another). */
    Account visible(Caller caller, String id) {
        Account a = get(id);
        access.requireAccess(caller, TYPE, id, a.id);
        return a;
    }

    static String groupPath(String accountName) {
        return CallerResolver.ACCOUNT_GROUP_PREFIX + accountName;
    }

    static AuditTarget target(Account a) {
        return AuditTarget.of(TYPE, a.id, a.name, a.id);
    }

    private static AccountView view(Account a, long users) {
        return new AccountView(a.id, a.name, a.type.name(), a.state.name(), a.description, users, a.createdAt);
    }
}
