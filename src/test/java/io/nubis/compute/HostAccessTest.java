package io.nubis.compute;

import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.platform.NotFoundException;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * {@link HostAccess#host} reads a host's columns without loading the entity (issue 7), and still sees a change its own
 * transaction made to the host and has not flushed, as {@code findById} did.
 */
@QuarkusTest
class HostAccessTest {

    @Inject
    HostAccess access;
    @Inject
    SimulatorControl simulator;

    @Test
    void aHostIsReadWithItsEndpointAndAsItsOwnTransactionChangedIt() {
        String cluster = Api.cluster(Api.zone(unique("access")), unique("access"));
        String address = unique("access") + ".example";
        simulator.define(address, 4, 8192);
        String id = Jobs.awaitFinal(Api.addHost(cluster, address)).getString("resourceId");

        HostAccess.HostRef ref = access.host(id);
        assertEquals(id, ref.id());
        assertEquals(cluster, ref.clusterId());
        assertEquals(HostStatus.Connected, ref.status());
        assertEquals(HostState.Enabled, ref.state());
        assertEquals(address, ref.endpoint().address());
        assertEquals(id, ref.endpoint().hostId());

        java.util.concurrent.atomic.AtomicReference<HostStatus> seen = new java.util.concurrent.atomic.AtomicReference<>();
        assertThrows(io.quarkus.narayana.jta.QuarkusTransactionException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    Host h = Host.findById(id);
                    h.status = HostStatus.Disconnected; // not flushed yet
                    seen.set(access.host(id).status());
                    QuarkusTransaction.setRollbackOnly(); // its commit fails: nothing is kept
                }));
        assertEquals(HostStatus.Disconnected, seen.get());
        assertEquals(HostStatus.Connected, access.host(id).status(), "the change was rolled back");
        assertThrows(NotFoundException.class, () -> access.host(io.nubis.platform.Ids.newId()));
    }
}
