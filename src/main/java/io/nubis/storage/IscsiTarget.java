package io.nubis.storage;

import io.nubis.driver.IscsiLocation;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;

/**
 * The iSCSI fields of a primary storage as checked at create (issue 12): the portal ({@code host[:port]}, canonical
 * form) and the target's IQN. Both reach host commands and domain XML, so each must match {@link IscsiLocation}'s
 * narrow patterns; a target already used by another iSCSI storage is refused (both would hand out the same LUNs).
 */
record IscsiTarget(String portal, String iqn) {

    /** Longest root {@code iscsi://portal/iqn}: volume locations add a LUN and must fit the volume path column. */
    private static final int MAX_ROOT = 220;

    /** The target, or null after adding the errors of each bad field to {@code v}. */
    static IscsiTarget check(Validation v, String portalText, String iqnText) {
        String portal = Validation.blankToNull(portalText);
        v.required("portal", portal);
        IscsiLocation.Portal p = null;
        if (!v.hasError("portal")) {
            try {
                p = IscsiLocation.portal(portal);
            } catch (IllegalArgumentException e) {
                v.add("portal", Text.of(StorageMessages.class, m -> m.error_iscsi_portal()));
            }
        }
        String iqn = Validation.blankToNull(iqnText);
        v.required("iqn", iqn);
        if (!v.hasError("iqn")) {
            iqn = iqn.trim();
            v.check(IscsiLocation.IQN.matcher(iqn).matches(), "iqn", Text.of(StorageMessages.class,
                    m -> m.error_iscsi_iqn()));
        }
        if (p == null || v.hasError("iqn")) {
            return null;
        }
        String root = IscsiLocation.root(p, iqn);
        if (root.length() > MAX_ROOT) {
            v.add("iqn", Text.of(StorageMessages.class, m -> m.error_iscsi_iqn()));
            return null;
        }
        for (PrimaryStorage other : PrimaryStorage.<PrimaryStorage>list("type", PrimaryStorage.ISCSI)) {
            if (other.root().equals(root)) {
                String name = other.name;
                v.add("iqn", Text.of(StorageMessages.class, m -> m.error_iscsi_target_in_use(name)));
                return null;
            }
        }
        return new IscsiTarget(p.toString(), iqn);
    }
}
