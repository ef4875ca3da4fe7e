package io.nubis.driver.simulator;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.HostEndpoint;
import io.nubis.driver.NetworkDriver;
import io.nubis.driver.NicDevice;
import io.nubis.driver.NicFilterSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@link NetworkDriver} over the in-memory hosts of {@link SimulatorControl}: records bridges, DHCP lease sets and NIC
 * filters per host. Keeps the semantics a real driver must keep: calls are declarative and idempotent; a bridge that
 * exists is kept as it is (its uplink is not changed); DHCP needs the bridge to exist first; a DHCP spec replaces the
 * previous one of the same L3 network; removing DHCP that does not run succeeds; a NIC filter spec is checked before
 * anything happens, replaces the previous one of the same NIC device and needs no device (nor VM) to exist; removing a
 * filter that does not exist succeeds and never touches another NIC's; an unreachable host or a scripted failure
 * changes nothing. Each call takes {@code nubis.simulator.latency}.
 */
@ApplicationScoped
public class SimulatorNetworkDriver implements NetworkDriver {

    @Inject
    SimulatorControl control;
    @Inject
    SimulatorConfig config;

    @Override
    public String type() {
        return SimulatorHostDriver.TYPE;
    }

    @Override
    public void ensureBridge(HostEndpoint host, BridgeSpec bridge) throws DriverException {
        SimulatedHost h = call(host, SimulatorAction.ENSURE_BRIDGE);
        h.bridges.putIfAbsent(bridge.name(), bridge);
    }

    @Override
    public void ensureDhcp(HostEndpoint host, DhcpSpec dhcp) throws DriverException {
        SimulatedHost h = call(host, SimulatorAction.ENSURE_DHCP);
        if (!h.bridges.containsKey(dhcp.bridge())) {
            throw new DriverException("bridge " + dhcp.bridge() + " does not exist on host " + host.address());
        }
        h.dhcp.put(dhcp.l3NetworkId(), new DhcpSpec(dhcp.l3NetworkId(), dhcp.bridge(), dhcp.serverIp(),
                dhcp.prefixLength(), dhcp.gateway(), List.copyOf(dhcp.dnsServers()), List.copyOf(dhcp.leases())));
    }

    @Override
    public void removeDhcp(HostEndpoint host, String l3NetworkId) throws DriverException {
        SimulatedHost h = call(host, SimulatorAction.REMOVE_DHCP);
        h.dhcp.remove(l3NetworkId);
    }

    @Override
    public void ensureNicFilter(HostEndpoint host, NicFilterSpec nic) throws DriverException {
        try {
            nic.check();
        } catch (IllegalArgumentException e) {
            throw new DriverException("refusing an invalid NIC filter: " + e.getMessage());
        }
        SimulatedHost h = call(host, SimulatorAction.ENSURE_NIC_FILTER);
        h.nicFilters.put(nic.device(), new NicFilterSpec(nic.nicId(), nic.mac(), nic.ip()));
    }

    @Override
    public void removeNicFilter(HostEndpoint host, String nicId) throws DriverException {
        String device;
        try {
            device = NicDevice.name(nicId);
        } catch (IllegalArgumentException e) {
            throw new DriverException("refusing an invalid NIC id: " + e.getMessage());
        }
        SimulatedHost h = call(host, SimulatorAction.REMOVE_NIC_FILTER);
        h.nicFilters.remove(device);
    }

    private SimulatedHost call(HostEndpoint endpoint, SimulatorAction action) throws DriverException {
        SimulatedHost h = control.host(endpoint.address());
        long ms = config.latency().toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException("interrupted");
            }
        }
        String scripted = h.onCall(action);
        if (scripted != null) {
            throw new DriverException(scripted);
        }
        if (!h.reachable) {
            throw new DriverException("host " + endpoint.address() + " does not answer");
        }
        return h;
    }
}
