package io.nubis.vm;

import io.nubis.driver.DriverException;
import io.nubis.driver.NetworkDriver;
import io.nubis.driver.NetworkDrivers;
import io.nubis.driver.NicFilterSpec;
import io.nubis.driver.NicFirewall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Layer-2 anti-spoofing of a VM's NICs on its host (issue 6): each NIC may send only from its own MAC and IP and cannot
 * answer DHCP ({@link NetworkDriver#ensureNicFilter}); a NIC in security groups also gets their stateful firewall
 * (issue 11, {@link io.nubis.securitygroup.SecurityGroups#firewallFor}). The rules are ensured before the domain starts
 * (create, start) and removed after it is gone (destroy, the create's rollback); they do not survive a host reboot,
 * which is why every start ensures them again. For workflow steps: call outside transactions.
 */
@ApplicationScoped
public class VmNicFilters {

    @Inject
    VmStore store;
    @Inject
    VmLifecycle lifecycle;
    @Inject
    NetworkDrivers drivers;
    @Inject
    io.nubis.securitygroup.SecurityGroups securityGroups;

    /**
     * Ensures the filters of every NIC of a placed VM on its host (e.g. for a host that reconnected after a reboot).
     * Idempotent. A VM without NICs needs no host call.
     */
    public void ensure(String vmId) throws DriverException {
        List<VmStore.NicSnapshot> nics = store.snapshot(vmId).nics();
        if (!nics.isEmpty()) {
            ensure(lifecycle.placement(vmId), nics);
        }
    }

    /** Ensures the filters of these NICs of the VM at {@code p}; every NIC must have its IP already. */
    void ensure(VmLifecycle.Placement p, List<VmStore.NicSnapshot> nics) throws DriverException {
        ensure(p, nics, firewalls(nics));
    }

    /**
     * The security group firewall of each NIC (null for a NIC in no group), read in the caller's transaction when it
     * has one (the start step reads them with its other facts).
     */
    Map<String, NicFirewall> firewalls(List<VmStore.NicSnapshot> nics) {
        Map<String, NicFirewall> out = new HashMap<>();
        for (VmStore.NicSnapshot nic : nics) {
            out.put(nic.id(), securityGroups.firewallFor(nic.id()));
        }
        return out;
    }

    /** {@link #ensure(VmLifecycle.Placement, List)} with the firewalls already read ({@link #firewalls}). */
    void ensure(VmLifecycle.Placement p, List<VmStore.NicSnapshot> nics, Map<String, NicFirewall> firewalls)
            throws DriverException {
        NetworkDriver driver = drivers.get(p.driver().type());
        for (VmStore.NicSnapshot nic : nics) {
            if (nic.ip() == null) {
                throw new IllegalStateException("NIC " + nic.deviceIndex() + " (" + nic.mac() + ") of VM " + p.vmId()
                        + " has no IP address: its anti-spoofing rules cannot be written");
            }
            driver.ensureNicFilter(p.host(),
                    new NicFilterSpec(nic.id(), nic.mac(), nic.ip(), firewalls.get(nic.id())));
        }
    }

    /** Removes the filters of these NICs from the host of {@code p}; call once the domain is gone. Idempotent. */
    void remove(VmLifecycle.Placement p, List<VmStore.NicSnapshot> nics) throws DriverException {
        NetworkDriver driver = drivers.get(p.driver().type());
        for (VmStore.NicSnapshot nic : nics) {
            driver.removeNicFilter(p.host(), nic.id());
        }
    }
}
