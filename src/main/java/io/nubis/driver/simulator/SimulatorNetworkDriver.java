package io.nubis.driver.simulator;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.NetworkDriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link NetworkDriver} over simulated hosts: records bridges and DHCP lease sets per host ({@link NetworkStore}).
 * Keeps the semantics a real driver must keep: calls are declarative and idempotent; a bridge that exists is kept as it
 * is (its uplink is not changed); DHCP needs the bridge to exist first; a DHCP spec replaces the previous one of the
 * same L3 network; removing DHCP that does not run succeeds; an unreachable host or a scripted failure
 * ({@code ENSURE_BRIDGE}, {@code ENSURE_DHCP}, {@code REMOVE_DHCP}) changes nothing. Each call takes
 * {@code nubis.simulator.latency}.
 */
@ApplicationScoped
public class SimulatorNetworkDriver implements NetworkDriver {

    @Inject
    CallGate gate;
    @Inject
    NetworkStore networks;

    @Override
    public String type() {
        return SimulatorHostDriver.TYPE;
    }

    @Override
    public void ensureBridge(HostEndpoint host, BridgeSpec bridge) throws DriverException {
        networks.ensureBridge(gate.enter(host.address(), SimulatorAction.ENSURE_BRIDGE).call(), bridge);
    }

    @Override
    public void ensureDhcp(HostEndpoint host, DhcpSpec dhcp) throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.ENSURE_DHCP);
        if (!networks.putDhcp(m.call(), dhcp)) {
            throw new DriverException("bridge " + dhcp.bridge() + " does not exist on host " + host.address());
        }
    }

    @Override
    public void removeDhcp(HostEndpoint host, String l3NetworkId) throws DriverException {
        networks.removeDhcp(gate.enter(host.address(), SimulatorAction.REMOVE_DHCP).call(), l3NetworkId);
    }
}
