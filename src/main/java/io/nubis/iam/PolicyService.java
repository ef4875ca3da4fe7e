package io.nubis.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Policies of an account (issue 9): named lists of statements, attached to users and groups of the same account. Only
 * admins and the account's owners change them; a change applies to the next request.
 */
@ApplicationScoped
@Transactional
public class PolicyService {

    static final String TYPE = "policy";
    static final int MAX_STATEMENTS = 50;
    static final int MAX_ENTRIES = 100;
    /** The stored JSON's bound (the column is a TEXT of 64 KiB; a policy is meant to be read by people). */
    static final int MAX_JSON = 16_384;

    @Inject
    IamAccess iam;
    @Inject
    UserService users;
    @Inject
    GroupService groups;
    @Inject
    Authorizer authorizer;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;

    public List<PolicyView> list(Caller caller, String accountId) {
        Account a = iam.readable(caller, accountId);
        return IamPolicy.<IamPolicy>list("accountId", Sort.ascending("name"), a.id).stream().map(this::view).toList();
    }

    public PolicyView get(Caller caller, String id) {
        IamPolicy p = find(id);
        iam.readable(caller, p.accountId);
        return view(p);
    }

    @Audited("policy.create")
    public PolicyView create(Caller caller, String accountId, PolicyInput in) {
        Account a = iam.manageable(caller, accountId);
        IamPolicy p = new IamPolicy();
        p.id = Ids.newId();
        p.accountId = a.id;
        p.createdAt = Instant.now();
        apply(p, in);
        p.persistAndFlush();
        audit.success(caller, "policy.create", target(p), p.statements);
        return view(p);
    }

    @Audited("policy.update")
    public PolicyView update(Caller caller, String id, PolicyInput in) {
        IamPolicy p = find(id);
        iam.manageable(caller, p.accountId);
        apply(p, in);
        em.flush();
        audit.success(caller, "policy.update", target(p), p.statements);
        return view(p);
    }

    @Audited("policy.delete")
    public void delete(Caller caller, String id) {
        IamPolicy p = find(id);
        iam.manageable(caller, p.accountId);
        em.createNativeQuery("DELETE FROM iam_policy_attachment WHERE policy_id = :p").setParameter("p", p.id)
                .executeUpdate();
        p.delete();
        audit.success(caller, "policy.delete", target(p), null);
    }

    @Audited("policy.attach")
    public PolicyView attach(Caller caller, String id, AttachmentInput in) {
        IamPolicy p = find(id);
        iam.manageable(caller, p.accountId);
        PolicyView.Principal who = principal(p, in);
        em.createNativeQuery("INSERT IGNORE INTO iam_policy_attachment (policy_id, principal_type, principal_id) "
                + "VALUES (:p, :t, :i)").setParameter("p", p.id).setParameter("t", who.type())
                .setParameter("i", who.id()).executeUpdate();
        audit.success(caller, "policy.attach", target(p), who.type() + " " + who.name());
        return view(p);
    }

    @Audited("policy.detach")
    public PolicyView detach(Caller caller, String id, String principalType, String principalId) {
        IamPolicy p = find(id);
        iam.manageable(caller, p.accountId);
        PolicyView.Principal who = principal(p, new AttachmentInput(principalType, principalId));
        em.createNativeQuery("DELETE FROM iam_policy_attachment WHERE policy_id = :p AND principal_type = :t "
                + "AND principal_id = :i").setParameter("p", p.id).setParameter("t", who.type())
                .setParameter("i", who.id()).executeUpdate();
        audit.success(caller, "policy.detach", target(p), who.type() + " " + who.name());
        return view(p);
    }

    /** Every action of {@link ActionCatalog} as decided for the user (its role, its and its groups' policies). */
    public List<EffectivePermission> effective(Caller caller, String userId) {
        UserView u = users.get(caller, userId);
        Account a = iam.readable(caller, u.accountId());
        Caller as = new Caller(u.id(), u.username(), a.id, a.name, a.type == AccountType.ADMIN,
                UserRole.MEMBER.name().equals(u.role()));
        List<PolicyEvaluator.Named> statements = as.member() ? authorizer.statements(u.id()) : List.of();
        List<EffectivePermission> out = new ArrayList<>();
        for (String action : ActionCatalog.ACTIONS) {
            Decision d = u.disabled()
                    ? new Decision(false, "disabled", null)
                    : as.member()
                            ? PolicyEvaluator.evaluate(statements, action, null)
                            : new Decision(true, as.admin() ? Decision.ADMIN : Decision.OWNER, null);
            Set<String> allowedOn = new LinkedHashSet<>();
            Set<String> deniedOn = new LinkedHashSet<>();
            for (PolicyEvaluator.Named n : statements) {
                if (n.statement().actions().stream().anyMatch(pt -> PolicyStatement.actionMatches(pt, action))) {
                    for (String r : n.statement().resources()) {
                        if (!"*".equals(r)) {
                            (n.statement().deny() ? deniedOn : allowedOn).add(r);
                        }
                    }
                }
            }
            allowedOn.removeAll(deniedOn);
            out.add(new EffectivePermission(action, d.allowed(), d.reason(), d.policy(), List.copyOf(allowedOn),
                    List.copyOf(deniedOn)));
        }
        return out;
    }

    /** Statements as indented JSON, for the policy editor. */
    public static String toJson(List<PolicyStatement> statements) {
        return PolicyJson.pretty(statements);
    }

    /** Parses the statements a form sends as JSON text; 400 on {@code statements} when it is not JSON. */
    public static List<PolicyStatement> parseStatements(String json) {
        try {
            return PolicyJson.read(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("statements", Text.of(IamMessages.class, m -> m.error_statements_json()));
        }
    }

    private void apply(IamPolicy p, PolicyInput in) {
        String name = in == null ? null : Validation.blankToNull(in.name());
        String description = in == null ? null : Validation.blankToNull(in.description());
        List<PolicyStatement> statements = in == null ? null : in.statements();
        Validation v = Validation.start().name("name", name).maxLength("description", description,
                Validation.MAX_DESCRIPTION);
        List<PolicyStatement> clean = validate(v, statements);
        String json = PolicyJson.write(clean);
        if (json.length() > MAX_JSON) {
            v.add("statements", Text.of(IamMessages.class, m -> m.error_policy_too_large(MAX_JSON)));
        }
        v.throwIfAny();
        if (IamPolicy.count("accountId = ?1 and name = ?2 and id <> ?3", p.accountId, name, p.id) > 0) {
            throw new ConflictException(Text.of(IamMessages.class, m -> m.error_policy_exists(name)));
        }
        p.name = name;
        p.description = description;
        p.statements = json;
        p.updatedAt = Instant.now();
    }

    /** Checks every statement; returns them with trimmed values and the effect spelled Allow or Deny. */
    static List<PolicyStatement> validate(Validation v, List<PolicyStatement> statements) {
        if (statements == null || statements.isEmpty() || statements.size() > MAX_STATEMENTS) {
            v.add("statements", Text.of(IamMessages.class, m -> m.error_statements_required()));
            return List.of();
        }
        List<PolicyStatement> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            PolicyStatement s = statements.get(i);
            Integer n = i + 1;
            String field = "statements[" + i + "]";
            String effect = s == null || s.effect() == null ? "" : s.effect().trim().toLowerCase(Locale.ROOT);
            if (!effect.equals("allow") && !effect.equals("deny")) {
                v.add(field + ".effect", Text.of(IamMessages.class, m -> m.error_statement_effect(n)));
            }
            List<String> actions = s == null || s.actions() == null ? List.of() : s.actions();
            if (actions.isEmpty() || actions.size() > MAX_ENTRIES) {
                v.add(field + ".actions", Text.of(IamMessages.class, m -> m.error_statement_action(n, "")));
            }
            for (String a : actions) {
                if (a == null || !ActionCatalog.validPattern(a.trim())) {
                    String shown = String.valueOf(a);
                    v.add(field + ".actions", Text.of(IamMessages.class, m -> m.error_statement_action(n, shown)));
                    break;
                }
            }
            List<String> resources = s == null || s.resources() == null ? List.of() : s.resources();
            if (resources.isEmpty() || resources.size() > MAX_ENTRIES || resources.stream()
                    .anyMatch(r -> r == null || !("*".equals(r.trim()) || Ids.isValid(r.trim())))) {
                v.add(field + ".resources", Text.of(IamMessages.class, m -> m.error_statement_resource(n)));
            }
            if (!v.hasError(field + ".effect") && !v.hasError(field + ".actions")
                    && !v.hasError(field + ".resources")) {
                out.add(new PolicyStatement(effect.equals("deny") ? PolicyStatement.DENY : PolicyStatement.ALLOW,
                        actions.stream().map(String::trim).toList(), resources.stream().map(String::trim).toList()));
            }
        }
        return out;
    }

    private PolicyView.Principal principal(IamPolicy p, AttachmentInput in) {
        String type = in == null || in.principalType() == null
                ? ""
                : in.principalType().trim().toUpperCase(Locale.ROOT);
        String id = in == null ? null : in.principalId();
        if (type.equals("USER")) {
            IamUser u = users.find(id);
            sameAccount(p, u.accountId, UserService.TYPE, id);
            return new PolicyView.Principal("USER", u.id, u.username);
        }
        if (type.equals("GROUP")) {
            IamGroup g = groups.find(id);
            sameAccount(p, g.accountId, GroupService.TYPE, id);
            return new PolicyView.Principal("GROUP", g.id, g.name);
        }
        throw new InvalidInputException("principalType", Text.of(IamMessages.class, m -> m.error_principal_type()));
    }

    /** A principal of another account answers 404, as if it did not exist. */
    private static void sameAccount(IamPolicy p, String accountId, String type, String id) {
        if (!p.accountId.equals(accountId)) {
            throw new NotFoundException(type, id);
        }
    }

    IamPolicy find(String id) {
        IamPolicy p = Ids.isValid(id) ? IamPolicy.findById(id) : null;
        if (p == null) {
            throw new NotFoundException(TYPE, id);
        }
        return p;
    }

    private static AuditTarget target(IamPolicy p) {
        return AuditTarget.of(TYPE, p.id, p.name, p.accountId);
    }

    private PolicyView view(IamPolicy p) {
        List<PolicyView.Principal> who = new ArrayList<>();
        List<Object[]> rows = em.createNativeQuery("SELECT t.principal_type, t.principal_id, "
                + "COALESCE(u.username, g.name) FROM iam_policy_attachment t "
                + "LEFT JOIN iam_user u ON t.principal_type = 'USER' AND u.id = t.principal_id "
                + "LEFT JOIN iam_group g ON t.principal_type = 'GROUP' AND g.id = t.principal_id "
                + "WHERE t.policy_id = :p ORDER BY t.principal_type, 3", Object[].class).setParameter("p", p.id)
                .getResultList();
        for (Object[] r : rows) {
            who.add(new PolicyView.Principal((String) r[0], (String) r[1], (String) r[2]));
        }
        return new PolicyView(p.id, p.accountId, p.name, p.description, PolicyJson.readStored(p.statements), who,
                p.updatedAt);
    }
}
