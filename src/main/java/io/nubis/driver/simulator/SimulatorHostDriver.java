package io.nubis.driver.simulator;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostDriver;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.HostFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link HostDriver} over in-memory hosts. Keeps the semantics a real driver must keep: connect is idempotent and
 * reports the host's capacity; an unreachable host fails every call with a message naming it; disconnect never fails.
 * Each call takes {@code nubis.simulator.latency}.
 */
@ApplicationScoped
public class SimulatorHostDriver implements HostDriver {

    public static final String TYPE = "Simulator";

    @Inject
    SimulatorControl control;
    @Inject
    SimulatorConfig config;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HostFacts connect(HostEndpoint endpoint) throws DriverException {
        SimulatedHost h = call(endpoint, SimulatorAction.CONNECT);
        h.connected = true;
        return new HostFacts(h.cpus, h.memoryMib, "Simulated CPU", "simulator-1.0", "Simulated Linux", null);
    }

    @Override
    public void ping(HostEndpoint endpoint) throws DriverException {
        call(endpoint, SimulatorAction.PING);
    }

    @Override
    public void disconnect(HostEndpoint endpoint) {
        SimulatedHost h = control.host(endpoint.address());
        h.onCall(SimulatorAction.DISCONNECT);
        h.connected = false;
    }

    private SimulatedHost call(HostEndpoint endpoint, SimulatorAction action) throws DriverException {
        SimulatedHost h = control.host(endpoint.address());
        sleep();
        String scripted = h.onCall(action);
        if (scripted != null) {
            throw new DriverException(scripted);
        }
        if (!h.reachable) {
            throw new DriverException("host " + endpoint.address() + " does not answer");
        }
        return h;
    }

    private void sleep() throws DriverException {
        long ms = config.latency().toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException("interrupted");
            }
        }
    }
}
