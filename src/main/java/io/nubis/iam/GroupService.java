package io.nubis.iam;

import io.nubis.platform.ConflictException;
import io.nubis.platform.Ids;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Groups of users within an account (issue 9): policies attached to a group apply to its members. Each is mirrored in
 * Keycloak as {@code /accounts/<account>/<group>} with the same members; Nubis's rows decide policies.
 */
@ApplicationScoped
@Transactional
public class GroupService {

    static final String TYPE = "group";

    @Inject
    IamAccess iam;
    @Inject
    UserService users;
    @Inject
    UserDirectory directory;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;

    public List<GroupView> list(Caller caller, String accountId) {
        Account a = iam.readable(caller, accountId);
        return IamGroup.<IamGroup>list("accountId", Sort.ascending("name"), a.id).stream().map(this::view).toList();
    }

    public GroupView get(Caller caller, String id) {
        IamGroup g = find(id);
        iam.readable(caller, g.accountId);
        return view(g);
    }

    @Audited("group.create")
    public GroupView create(Caller caller, String accountId, GroupInput in) {
        Account a = iam.manageable(caller, accountId);
        String name = in == null ? null : Validation.blankToNull(in.name());
        String description = in == null ? null : Validation.blankToNull(in.description());
        Validation.start().name("name", name).maxLength("description", description, Validation.MAX_DESCRIPTION)
                .throwIfAny();
        if (IamGroup.count("accountId = ?1 and name = ?2", a.id, name) > 0) {
            throw new ConflictException(Text.of(IamMessages.class, m -> m.error_group_exists(name)));
        }
        IamGroup g = new IamGroup();
        g.id = Ids.newId();
        g.accountId = a.id;
        g.name = name;
        g.description = description;
        g.createdAt = Instant.now();
        g.persistAndFlush();
        directory.ensureGroup(path(a, g));
        audit.success(caller, "group.create", target(g), null);
        return view(g);
    }

    @Audited("group.delete")
    public void delete(Caller caller, String id) {
        IamGroup g = find(id);
        Account a = iam.manageable(caller, g.accountId);
        em.createNativeQuery("DELETE FROM iam_group_member WHERE group_id = :g").setParameter("g", g.id)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM iam_policy_attachment WHERE principal_type = 'GROUP' AND principal_id = :g")
                .setParameter("g", g.id).executeUpdate();
        g.delete();
        em.flush();
        directory.deleteGroup(path(a, g));
        audit.success(caller, "group.delete", target(g), null);
    }

    @Audited("group.add-member")
    public GroupView addMember(Caller caller, String id, String userId) {
        IamGroup g = find(id);
        Account a = iam.manageable(caller, g.accountId);
        IamUser u = member(g, userId);
        em.createNativeQuery("INSERT IGNORE INTO iam_group_member (group_id, user_id) VALUES (:g, :u)")
                .setParameter("g", g.id).setParameter("u", u.id).executeUpdate();
        directory.join(u.subject, path(a, g));
        audit.success(caller, "group.add-member", target(g), u.username);
        return view(g);
    }

    @Audited("group.remove-member")
    public GroupView removeMember(Caller caller, String id, String userId) {
        IamGroup g = find(id);
        Account a = iam.manageable(caller, g.accountId);
        IamUser u = member(g, userId);
        em.createNativeQuery("DELETE FROM iam_group_member WHERE group_id = :g AND user_id = :u")
                .setParameter("g", g.id).setParameter("u", u.id).executeUpdate();
        directory.leave(u.subject, path(a, g));
        audit.success(caller, "group.remove-member", target(g), u.username);
        return view(g);
    }

    /** The user, when it belongs to the group's account (404 otherwise, as if it did not exist). */
    private IamUser member(IamGroup g, String userId) {
        IamUser u = users.find(userId);
        if (!u.accountId.equals(g.accountId)) {
            throw new NotFoundException(UserService.TYPE, userId);
        }
        return u;
    }

    IamGroup find(String id) {
        IamGroup g = Ids.isValid(id) ? IamGroup.findById(id) : null;
        if (g == null) {
            throw new NotFoundException(TYPE, id);
        }
        return g;
    }

    private static String path(Account a, IamGroup g) {
        return AccountService.groupPath(a.name) + "/" + g.name;
    }

    private static AuditTarget target(IamGroup g) {
        return AuditTarget.of(TYPE, g.id, g.name, g.accountId);
    }

    private GroupView view(IamGroup g) {
        List<Object[]> rows = em.createNativeQuery("SELECT u.username, u.id FROM iam_group_member m "
                + "JOIN iam_user u ON u.id = m.user_id WHERE m.group_id = :g ORDER BY u.username", Object[].class)
                .setParameter("g", g.id).getResultList();
        List<String> members = rows.stream().map(r -> (String) r[0]).toList();
        List<String> memberIds = rows.stream().map(r -> (String) r[1]).toList();
        List<String> policies = em.createNativeQuery("SELECT p.name FROM iam_policy_attachment t "
                + "JOIN iam_policy p ON p.id = t.policy_id WHERE t.principal_type = 'GROUP' AND t.principal_id = :g "
                + "ORDER BY p.name", String.class).setParameter("g", g.id).getResultList();
        return new GroupView(g.id, g.accountId, g.name, g.description, members, memberIds, policies, g.createdAt);
    }
}
