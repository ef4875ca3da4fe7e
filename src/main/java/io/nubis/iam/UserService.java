package io.nubis.iam;

import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Users of accounts (issue 9). They live in Keycloak (login, password, enabled); Nubis keeps which account each acts
 * for, its role and whether it is disabled. Disabling a user disables it in Keycloak too and refuses its next request
 * here at once (its tokens stop working in Nubis even before they expire).
 */
@ApplicationScoped
@Transactional
public class UserService {

    static final String TYPE = "user";
    /** Keycloak's user names: lower case; '@' allowed for e-mail-like names. */
    static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{0,63}$");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,}$");

    @Inject
    IamAccess iam;
    @Inject
    UserDirectory directory;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;

    public List<UserView> list(Caller caller, String accountId) {
        Account a = iam.readable(caller, accountId);
        List<IamUser> users = IamUser.list("accountId", Sort.ascending("username"), a.id);
        Map<String, List<String>> groups = groupNames(a.id);
        return users.stream().map(u -> view(u, a, groups.getOrDefault(u.id, List.of()))).toList();
    }

    public UserView get(Caller caller, String id) {
        IamUser u = find(id);
        Account a = iam.readable(caller, u.accountId);
        return view(u, a, groupNames(a.id).getOrDefault(u.id, List.of()));
    }

    /**
     * Creates the user in Keycloak, records it here (committed), and only then puts it into the account's group. A
     * server dying in between leaves a Keycloak user in no account group, which cannot act for any account (a retry
     * with the same name answers 409 until an admin removes it in Keycloak); never a user in the group without its row,
     * whose first login would make it an owner.
     */
    @Audited("user.create")
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public UserView create(Caller caller, String accountId, UserInput in) {
        Account a = iam.manageable(caller, accountId);
        UserInput input = in == null ? new UserInput(null, null, null, null, null, null, null) : in;
        String username = Validation.blankToNull(input.username());
        String email = Validation.blankToNull(input.email());
        String firstName = Validation.blankToNull(input.firstName());
        String lastName = Validation.blankToNull(input.lastName());
        UserRole role = role(input.role(), UserRole.MEMBER);
        Validation v = Validation.start().required("username", username).required("email", email)
                .required("firstName", firstName).maxLength("firstName", firstName, 64).required("lastName", lastName)
                .maxLength("lastName", lastName, 64);
        if (username != null && !USERNAME.matcher(username).matches()) {
            v.add("username", Text.of(IamMessages.class, m -> m.error_iam_username_format()));
        }
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            v.add("email", Text.of(IamMessages.class, m -> m.error_email_format()));
        }
        password(v, input.password());
        v.throwIfAny();
        String subject = directory.createUser(username, email, firstName, lastName, input.password(),
                Boolean.TRUE.equals(input.temporaryPassword()));
        IamUser u = new IamUser();
        u.id = Ids.newId();
        u.subject = subject;
        u.username = username;
        u.email = email;
        u.accountId = a.id;
        u.role = role;
        u.createdAt = Instant.now();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                u.persist();
                audit.success(caller, "user.create", target(u, a), role.name());
            });
        } catch (RuntimeException e) {
            directory.deleteUser(subject);
            throw e;
        }
        try {
            directory.join(subject, AccountService.groupPath(a.name));
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> IamUser.deleteById(u.id));
            directory.deleteUser(subject);
            throw e;
        }
        return view(u, a, List.of());
    }

    @Audited("user.update")
    public UserView setRole(Caller caller, String id, RoleInput in) {
        IamUser u = find(id);
        Account a = iam.manageable(caller, u.accountId);
        notSelf(caller, u);
        u.role = role(in == null ? null : in.role(), null);
        CallerResolver.forgetAll();
        audit.success(caller, "user.update", target(u, a), "role " + u.role);
        return view(u, a, groupNames(a.id).getOrDefault(u.id, List.of()));
    }

    /** Disabled here and in Keycloak: refused at its next request, cannot log in again. */
    @Audited("user.state")
    public UserView setEnabled(Caller caller, String id, boolean enabled) {
        IamUser u = find(id);
        Account a = iam.manageable(caller, u.accountId);
        notSelf(caller, u);
        u.disabled = !enabled;
        em.flush();
        directory.setEnabled(u.subject, enabled);
        CallerResolver.forgetAll();
        audit.success(caller, enabled ? "user.enable" : "user.disable", target(u, a), null);
        return view(u, a, groupNames(a.id).getOrDefault(u.id, List.of()));
    }

    @Audited("user.reset-password")
    public void resetPassword(Caller caller, String id, PasswordInput in) {
        IamUser u = find(id);
        Account a = iam.manageable(caller, u.accountId);
        Validation v = Validation.start();
        password(v, in == null ? null : in.password());
        v.throwIfAny();
        directory.resetPassword(u.subject, in.password(), Boolean.TRUE.equals(in.temporary()));
        audit.success(caller, "user.reset-password", target(u, a), null);
    }

    /** Removes the user from Nubis and Keycloak, with its group memberships and policy attachments. */
    @Audited("user.delete")
    public void delete(Caller caller, String id) {
        IamUser u = find(id);
        Account a = iam.manageable(caller, u.accountId);
        notSelf(caller, u);
        em.createNativeQuery("DELETE FROM iam_group_member WHERE user_id = :u").setParameter("u", u.id)
                .executeUpdate();
        ApiToken.delete("userId", u.id);
        em.createNativeQuery("DELETE FROM iam_policy_attachment WHERE principal_type = 'USER' AND principal_id = :u")
                .setParameter("u", u.id).executeUpdate();
        u.delete();
        em.flush();
        directory.deleteUser(u.subject);
        CallerResolver.forgetAll();
        audit.success(caller, "user.delete", target(u, a), null);
    }

    IamUser find(String id) {
        IamUser u = Ids.isValid(id) ? IamUser.findById(id) : null;
        if (u == null) {
            throw new NotFoundException(TYPE, id);
        }
        return u;
    }

    private static void password(Validation v, String password) {
        if (password == null || password.length() < 8 || password.length() > 128) {
            v.add("password", Text.of(IamMessages.class, m -> m.error_password_length()));
        }
    }

    private static UserRole role(String value, UserRole dflt) {
        if (value == null || value.isBlank()) {
            if (dflt != null) {
                return dflt;
            }
        } else {
            try {
                return UserRole.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new InvalidInputException("role", Text.of(IamMessages.class, m -> m.error_role()));
    }

    private static void notSelf(Caller caller, IamUser u) {
        if (u.id.equals(caller.userId())) {
            throw new ConflictException(Text.of(IamMessages.class, m -> m.error_not_yourself()));
        }
    }

    /** Group names by user id, for the users of one account. */
    private Map<String, List<String>> groupNames(String accountId) {
        Map<String, List<String>> out = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("SELECT m.user_id, g.name FROM iam_group_member m "
                + "JOIN iam_group g ON g.id = m.group_id WHERE g.account_id = :a ORDER BY g.name", Object[].class)
                .setParameter("a", accountId).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        return out;
    }

    static AuditTarget target(IamUser u, Account a) {
        return AuditTarget.of(TYPE, u.id, u.username, a.id);
    }

    static UserView view(IamUser u, Account a, List<String> groups) {
        return new UserView(u.id, u.username, u.email, a.id, a.name, u.role.name(), u.disabled, groups, u.lastSeenAt,
                u.createdAt);
    }
}
