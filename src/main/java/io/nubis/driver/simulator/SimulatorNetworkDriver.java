package io.nubis.driver.simulator;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.NetworkDriver;
import io.nubis.driver.NicDevice;
import io.nubis.driver.NicFilterSpec;
import io.nubis.driver.RouterSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link NetworkDriver} over simulated hosts: records bridges, DHCP lease sets and NIC filters per host
 * ({@link NetworkStore}). Keeps the semantics a real driver must keep: calls are declarative and idempotent; a bridge
 * that exists is kept as it is (its uplink is not changed); DHCP needs the bridge to exist first; a DHCP spec replaces
 * the previous one of the same L3 network; removing DHCP that does not run succeeds; a NIC filter spec is checked
 * before anything happens, replaces the previous one of the same NIC device and needs no device (nor VM) to exist;
 * removing a filter that does not exist succeeds and never touches another NIC's; an unreachable host or a scripted
 * failure ({@code ENSURE_BRIDGE}, {@code ENSURE_DHCP}, {@code REMOVE_DHCP}, {@code ENSURE_NIC_FILTER},
 * {@code REMOVE_NIC_FILTER}, {@code ENSURE_ROUTER}, {@code REMOVE_ROUTER}) changes nothing. A router spec needs both
 * its bridges and replaces the previous one of its network. Each call takes {@code nubis.simulator.latency}.
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
        gate.enterWriting(host.address(), SimulatorAction.ENSURE_BRIDGE,
                (call, guarded) -> networks.ensureBridge(call, bridge, guarded));
    }

    @Override
    public void ensureDhcp(HostEndpoint host, DhcpSpec dhcp) throws DriverException {
        if (!gate.enterWriting(host.address(), SimulatorAction.ENSURE_DHCP,
                (call, guarded) -> networks.putDhcp(call, dhcp, guarded))) {
            throw new DriverException("bridge " + dhcp.bridge() + " does not exist on host " + host.address());
        }
    }

    @Override
    public void removeDhcp(HostEndpoint host, String l3NetworkId) throws DriverException {
        networks.removeDhcp(gate.enter(host.address(), SimulatorAction.REMOVE_DHCP).call(), l3NetworkId);
    }

    @Override
    public void ensureNicFilter(HostEndpoint host, NicFilterSpec nic) throws DriverException {
        try {
            nic.check();
        } catch (IllegalArgumentException e) {
            throw new DriverException("refusing an invalid NIC filter: " + e.getMessage());
        }
        gate.enterWriting(host.address(), SimulatorAction.ENSURE_NIC_FILTER,
                (call, guarded) -> networks.putNicFilter(call, nic, guarded));
    }

    @Override
    public void removeNicFilter(HostEndpoint host, String nicId) throws DriverException {
        String device;
        try {
            device = NicDevice.name(nicId);
        } catch (IllegalArgumentException e) {
            throw new DriverException("refusing an invalid NIC id: " + e.getMessage());
        }
        networks.removeNicFilter(gate.enter(host.address(), SimulatorAction.REMOVE_NIC_FILTER).call(), device);
    }

    @Override
    public void ensureRouter(HostEndpoint host, RouterSpec router) throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.ENSURE_ROUTER);
        if (!networks.putRouter(m.call(), router)) {
            throw new DriverException("bridge " + router.privateBridge() + " or " + router.publicBridge()
                    + " does not exist on host " + host.address());
        }
    }

    @Override
    public void removeRouter(HostEndpoint host, String l3NetworkId) throws DriverException {
        networks.removeRouter(gate.enter(host.address(), SimulatorAction.REMOVE_ROUTER).call(), l3NetworkId);
    }

    @Override
    public void removeBridge(HostEndpoint host, String bridge, Integer vni) throws DriverException {
        Machine m = gate.enter(host.address(), SimulatorAction.REMOVE_BRIDGE);
        if (!networks.removeBridge(m.call(), bridge)) {
            throw new DriverException("bridge " + bridge + " on host " + host.address() + " still carries DHCP");
        }
    }
}
