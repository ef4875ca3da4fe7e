package io.nubis.driver.kvm;

import io.nubis.platform.Ids;

/**
 * libvirt names of Nubis VMs: {@code nubis-<vm uuid>}. The name is derived from the VM id only, never from anything a
 * user typed, so it is always a safe single command argument; domains with other names are not Nubis's.
 */
final class DomainNames {

    static final String PREFIX = "nubis-";

    private DomainNames() {
    }

    /** The domain name of a VM; refuses anything but a canonical lower-case UUID. */
    static String of(String vmId) {
        requireVmId(vmId);
        return PREFIX + vmId;
    }

    static void requireVmId(String vmId) {
        if (!Ids.isValid(vmId)) {
            throw new IllegalArgumentException("VM id is not a lower-case UUID: " + vmId);
        }
    }

    /** The VM id a domain name belongs to, or null when the domain is not a Nubis VM. */
    static String vmIdOf(String domainName) {
        if (domainName == null || !domainName.startsWith(PREFIX)) {
            return null;
        }
        String id = domainName.substring(PREFIX.length());
        return Ids.isValid(id) ? id : null;
    }
}
