package io.nubis.securitygroup;

import io.nubis.driver.DriverException;
import java.util.Collection;
import java.util.Map;

/**
 * Implemented by the feature that owns VM NICs (vm), so that security groups reach NICs without depending on it.
 */
public interface NicOwner {

    /**
     * Writes the filters of these NICs on their hosts again, from the database, so that they carry their security
     * groups' rules as they are now ({@link SecurityGroups#firewallFor}). NICs of VMs on no host (being created,
     * destroyed) are skipped: their filters are written when they start.
     *
     * @throws DriverException naming the first host that could not be updated (the others are still tried)
     */
    void refresh(Collection<String> nicIds) throws DriverException;

    /** The names of these VMs, by id (unknown ids are left out). */
    Map<String, String> vmNames(Collection<String> vmIds);
}
