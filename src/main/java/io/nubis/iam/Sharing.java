package io.nubis.iam;

import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sharing of admins' resources with chosen accounts (issue 9). Features ask it which of their resources an account may
 * see ({@link #idsSharedWith}, {@link #sharedWith}) and tell it when one goes ({@link #forget}); admins change it
 * through {@link #set}, which also sets the feature's every-account flag through its {@link Shareable}.
 */
@ApplicationScoped
@Transactional
public class Sharing {

    static final int MAX_ACCOUNTS = 500;

    @Inject
    AccessControl access;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;
    @Inject
    @Any
    Instance<Shareable> shareables;

    /** Ids of the resources of {@code type} shared with the account by name (not those shared with all). */
    public Set<String> idsSharedWith(String type, String accountId) {
        return new HashSet<>(em.createNativeQuery("SELECT resource_id FROM resource_share WHERE resource_type = :t "
                + "AND account_id = :a", String.class).setParameter("t", type).setParameter("a", accountId)
                .getResultList());
    }

    public boolean sharedWith(String type, String id, String accountId) {
        return !em.createNativeQuery("SELECT 1 FROM resource_share WHERE resource_type = :t AND resource_id = :i "
                + "AND account_id = :a").setParameter("t", type).setParameter("i", id).setParameter("a", accountId)
                .getResultList().isEmpty();
    }

    /** Removes the shares of a deleted resource. */
    public void forget(String type, String id) {
        em.createNativeQuery("DELETE FROM resource_share WHERE resource_type = :t AND resource_id = :i")
                .setParameter("t", type).setParameter("i", id).executeUpdate();
    }

    /** Removes every share with a deleted account. */
    void forgetAccount(String accountId) {
        em.createNativeQuery("DELETE FROM resource_share WHERE account_id = :a").setParameter("a", accountId)
                .executeUpdate();
    }

    public ShareView get(Caller caller, String type, String id) {
        access.requireAdmin(caller);
        return view(type, id, shareable(type).describe(id));
    }

    /** Replaces with whom the resource is shared. Admins only; account ids must name tenant accounts (400). */
    @Audited("share.update")
    public ShareView set(Caller caller, String type, String id, ShareInput in) {
        access.requireAdmin(caller);
        Shareable s = shareable(type);
        Shareable.Shared before = s.describe(id);
        boolean all = in != null && Boolean.TRUE.equals(in.all());
        Set<String> ids = new LinkedHashSet<>(in == null || in.accountIds() == null ? List.of() : in.accountIds());
        if (ids.size() > MAX_ACCOUNTS || ids.stream().anyMatch(a -> a == null
                || Account.count("id = ?1 and type = ?2", a, AccountType.NORMAL) == 0)) {
            throw new InvalidInputException("accountIds", Text.of(IamMessages.class, m -> m.error_share_accounts()));
        }
        forget(type, id);
        for (String a : ids) {
            em.createNativeQuery("INSERT INTO resource_share (resource_type, resource_id, account_id) "
                    + "VALUES (:t, :i, :a)").setParameter("t", type).setParameter("i", id).setParameter("a", a)
                    .executeUpdate();
        }
        s.setSharedWithAll(id, all);
        audit.success(caller, type + ".share", AuditTarget.of(type, id, before.name(), Accounts.ADMIN_ID),
                all ? "all accounts" : ids.size() + " accounts");
        return view(type, id, new Shareable.Shared(before.name(), all));
    }

    private Shareable shareable(String type) {
        for (Shareable s : shareables) {
            if (s.type().equals(type)) {
                return s;
            }
        }
        throw new NotFoundException("sharing", type);
    }

    private ShareView view(String type, String id, Shareable.Shared s) {
        List<ShareView.AccountRef> refs = new ArrayList<>();
        List<Object[]> rows = em.createNativeQuery("SELECT a.id, a.name FROM resource_share s JOIN account a "
                + "ON a.id = s.account_id WHERE s.resource_type = :t AND s.resource_id = :i ORDER BY a.name",
                Object[].class).setParameter("t", type).setParameter("i", id).getResultList();
        for (Object[] r : rows) {
            refs.add(new ShareView.AccountRef((String) r[0], (String) r[1]));
        }
        return new ShareView(type, id, s.name(), s.all(), refs);
    }
}
