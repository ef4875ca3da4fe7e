package io.nubis.iam;

import io.nubis.platform.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Map;

/**
 * IAM's published face for account facts other features show or store: the admin account's id (the owner of the
 * infrastructure admins create) and account names for views. Nobody outside iam touches the {@code Account} entity.
 */
@ApplicationScoped
public class Accounts {

    /** The account of the cloud's administrators, which owns zones, hosts, networks and storage. */
    public static final String ADMIN_ID = "00000000-0000-0000-0000-000000000001";

    /** Account names by id; unknown ids are left out. */
    @Transactional
    public Map<String, String> names(Collection<String> ids) {
        return Rows.valueById(Account.class, ids, a -> a.name);
    }
}
