package io.nubis.driver.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scripts the simulated hosts, keyed by address: capacity, reachability and failures of the next calls. A host is
 * created with the configured defaults the first time anything refers to its address.
 */
@ApplicationScoped
public class SimulatorControl {

    private final Map<String, SimulatedHost> hosts = new ConcurrentHashMap<>();

    @Inject
    SimulatorConfig config;

    SimulatedHost host(String address) {
        return hosts.computeIfAbsent(address, a -> new SimulatedHost(config.cpus(), config.memoryMib()));
    }

    /** Sets the capacity the host at {@code address} reports on its next connect. */
    public void define(String address, int cpus, long memoryMib) {
        SimulatedHost h = host(address);
        h.cpus = cpus;
        h.memoryMib = memoryMib;
    }

    /** Makes the next call of {@code action} on the host fail with {@code message} (queued: call again for more). */
    public void failNext(String address, SimulatorAction action, String message) {
        host(address).failNext(action, message);
    }

    /** An unreachable host fails every call, like a host whose network or power went away. */
    public void setReachable(String address, boolean reachable) {
        host(address).reachable = reachable;
    }

    public boolean isConnected(String address) {
        SimulatedHost h = hosts.get(address);
        return h != null && h.connected;
    }

    /** How many times the action was called on the host (scripted failures included). */
    public int calls(String address, SimulatorAction action) {
        SimulatedHost h = hosts.get(address);
        return h == null ? 0 : h.calls(action);
    }

    /** Forgets every simulated host and script. */
    public void reset() {
        hosts.clear();
    }
}
