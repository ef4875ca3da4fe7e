package io.nubis.vm;

import io.nubis.compute.HostReconnected;
import io.nubis.driver.DriverException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * When a host connects again, re-writes the anti-spoofing rules of the NICs of every VM placed there (a rebooted host
 * has lost them; a VM started afterwards must not run unconfined). Runs after the network's restorer has the bridges
 * back only in effect: NIC rules do not depend on the bridge existing. Idempotent (issue 7).
 */
@ApplicationScoped
public class VmRestorer {

    @Inject
    VmNicFilters filters;
    @Inject
    Reads reads;

    void onReconnected(@Observes HostReconnected e) {
        for (String vm : reads.placedOn(e.hostId())) {
            try {
                filters.ensure(vm);
            } catch (DriverException ex) {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
        }
    }

    /** Short read transactions. */
    @ApplicationScoped
    static class Reads {

        /** VMs on the host whose NICs have their addresses: every live one except those still being created. */
        @Transactional
        List<String> placedOn(String hostId) {
            return VmInstance.<VmInstance>list("hostId = ?1 and state not in (?2, ?3)", hostId, VmState.Destroyed,
                    VmState.Creating).stream().map(v -> v.id).toList();
        }
    }
}
