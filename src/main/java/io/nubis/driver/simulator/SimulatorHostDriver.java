package io.nubis.driver.simulator;

import io.nubis.driver.DriverException;
import io.nubis.driver.HostDriver;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.HostFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link HostDriver} over simulated hosts. Keeps the semantics a real driver must keep: connect is idempotent and
 * reports the host's capacity as it is now (a test may change it between connects); an unreachable host fails every
 * call with a message naming it; disconnect never fails. Each call takes {@code nubis.simulator.latency}; connect and
 * ping can be scripted to fail ({@code CONNECT}, {@code PING}).
 */
@ApplicationScoped
public class SimulatorHostDriver implements HostDriver {

    public static final String TYPE = "Simulator";

    @Inject
    CallGate gate;
    @Inject
    MachineStore machines;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HostFacts connect(HostEndpoint endpoint) throws DriverException {
        Machine m = gate.enter(endpoint.address(), SimulatorAction.CONNECT);
        machines.setConnected(m.call(), true);
        return new HostFacts(m.cpus(), m.memoryMib(), "Simulated CPU", "simulator-1.0", "Simulated Linux", null, true,
                "network");
    }

    @Override
    public void ping(HostEndpoint endpoint) throws DriverException {
        gate.enter(endpoint.address(), SimulatorAction.PING);
    }

    @Override
    public void disconnect(HostEndpoint endpoint) {
        try {
            machines.setConnected(gate.pass(endpoint.address(), SimulatorAction.DISCONNECT), false);
        } catch (DriverException interrupted) {
            // disconnect never fails; an interrupted one leaves the flag as it was
        }
    }
}
