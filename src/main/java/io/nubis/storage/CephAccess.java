package io.nubis.storage;

import io.nubis.driver.RbdLocation;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import java.util.Base64;

/**
 * The Ceph fields of a primary storage as checked at create: monitors in canonical form, pool, cephx user and key. Each
 * reaches host commands, files and domain XML, so each must match a narrow pattern ({@link RbdLocation}); the key must
 * be a cephx key (base64 of 28 bytes).
 */
record CephAccess(String monitors, String pool, String user, String key) {

    private static final int CEPHX_KEY_BYTES = 28;

    /** The access, or null after adding the errors of each bad field to {@code v}. */
    static CephAccess check(Validation v, PrimaryStorageInput in) {
        return check(v, in.monitors(), in.pool(), in.cephUser(), in.cephKey());
    }

    /** The access, or null after adding the errors of each bad field to {@code v}. */
    static CephAccess check(Validation v, String monitorList, String poolName, String cephUser, String cephKey) {
        String monitors = null;
        v.required("monitors", Validation.blankToNull(monitorList));
        if (!v.hasError("monitors")) {
            try {
                monitors = String.join(",", RbdLocation.monitors(monitorList.trim()).stream()
                        .map(RbdLocation.Monitor::toString).toList());
            } catch (IllegalArgumentException e) {
                v.add("monitors", Text.of(StorageMessages.class, m -> m.error_ceph_monitors()));
            }
        }
        String pool = Validation.blankToNull(poolName);
        v.required("pool", pool);
        if (!v.hasError("pool")) {
            v.check(RbdLocation.POOL.matcher(pool.trim()).matches(), "pool",
                    Text.of(StorageMessages.class, m -> m.error_ceph_pool()));
        }
        String user = Validation.blankToNull(cephUser);
        if (user != null && user.trim().startsWith("client.")) {
            user = user.trim().substring("client.".length());
        }
        v.required("cephUser", user);
        if (!v.hasError("cephUser")) {
            v.check(RbdLocation.USER.matcher(user.trim()).matches(), "cephUser",
                    Text.of(StorageMessages.class, m -> m.error_ceph_user()));
        }
        String key = Validation.blankToNull(cephKey);
        v.required("cephKey", key);
        if (!v.hasError("cephKey")) {
            v.check(isCephxKey(key.strip()), "cephKey", Text.of(StorageMessages.class, m -> m.error_ceph_key()));
        }
        if (v.hasError("monitors") || v.hasError("pool") || v.hasError("cephUser") || v.hasError("cephKey")) {
            return null;
        }
        return new CephAccess(monitors, pool.trim(), user.trim(), key.strip());
    }

    /** The pool's {@code rbd://} root. */
    String root() {
        return RbdLocation.root(user, RbdLocation.monitors(monitors), pool);
    }

    /**
     * Adds {@code error_ceph_pool_in_use} on {@code pool} when another Ceph primary or backup storage uses the same
     * pool of the same cluster (same monitors): their images would share names there and deleting one's would delete
     * the other's.
     */
    void checkPoolFree(Validation v) {
        java.util.List<String> roots = new java.util.ArrayList<>();
        PrimaryStorage.<PrimaryStorage>list("type", PrimaryStorage.CEPH).forEach(p -> roots.add(p.root()));
        BackupStorage.<BackupStorage>list("type", "Ceph").forEach(b -> roots.add(b.rootPath));
        RbdLocation mine = RbdLocation.parse(root());
        for (String other : roots) {
            RbdLocation o = RbdLocation.parse(other);
            if (o.pool().equals(pool) && o.sameCluster(mine)) {
                v.add("pool", Text.of(StorageMessages.class, m -> m.error_ceph_pool_in_use(pool)));
                return;
            }
        }
    }

    static boolean isCephxKey(String key) {
        if (!key.matches("^[A-Za-z0-9+/]+={0,2}$")) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == CEPHX_KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
