package io.nubis.driver.simulator;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.DriverException;
import io.nubis.driver.NicFilterSpec;
import io.nubis.driver.VmPowerState;
import io.nubis.driver.VmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scripts the simulated hosts, keyed by address: capacity, reachability, failures of the next calls, and what happens
 * to their VMs behind Nubis's back ({@link #killVm}). A host is created with the configured defaults the first time
 * anything refers to its address.
 */
@ApplicationScoped
public class SimulatorControl {

    private final Map<String, SimulatedHost> hosts = new ConcurrentHashMap<>();

    @Inject
    SimulatorConfig config;

    SimulatedHost host(String address) {
        return hosts.computeIfAbsent(address, a -> {
            SimulatedHost h = new SimulatedHost(config.cpus(), config.memoryMib());
            h.storageBytes = config.storageBytes();
            return h;
        });
    }

    /**
     * One simulated call: waits the configured latency, then fails with the scripted message (if any) or because the
     * machine does not answer.
     */
    SimulatedHost call(String address, SimulatorAction action) throws DriverException {
        SimulatedHost h = host(address);
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
            throw new DriverException(address + " does not answer");
        }
        return h;
    }

    /** Sets the size of the file system that holds storage on the machine at {@code address}. */
    public void defineStorage(String address, long bytes) {
        host(address).storageBytes = bytes;
    }

    /** Paths of the files on the simulated machine (images, cached images, volumes), sorted. */
    public Set<String> files(String address) {
        SimulatedHost h = hosts.get(address);
        return h == null ? Set.of() : new TreeSet<>(h.files.keySet());
    }

    /** SHA-256 of a simulated file, if it exists. */
    public Optional<String> fileSha256(String address, String path) {
        SimulatedHost h = hosts.get(address);
        SimulatedFile f = h == null ? null : h.files.get(path);
        return Optional.ofNullable(f == null ? null : f.sha256());
    }

    /** How many times an image was actually copied into the machine's cache. */
    public int imageCopies(String address) {
        SimulatedHost h = hosts.get(address);
        return h == null ? 0 : h.imageCopies.get();
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

    /** The bridges the network driver created on the host, by name. */
    public Map<String, BridgeSpec> bridges(String address) {
        SimulatedHost h = hosts.get(address);
        return h == null ? Map.of() : Map.copyOf(h.bridges);
    }

    /** The DHCP service of an L3 network on the host, as last pushed (leases included), if it runs there. */
    public Optional<DhcpSpec> dhcp(String address, String l3NetworkId) {
        SimulatedHost h = hosts.get(address);
        return h == null ? Optional.empty() : Optional.ofNullable(h.dhcp.get(l3NetworkId));
    }

    /** Ids of the L3 networks whose DHCP runs on the host. */
    public Set<String> dhcpNetworks(String address) {
        SimulatedHost h = hosts.get(address);
        return h == null ? Set.of() : Set.copyOf(h.dhcp.keySet());
    }

    /** The anti-spoofing filters on the host, by NIC device name ({@code nb...}), each as last ensured. */
    public Map<String, NicFilterSpec> nicFilters(String address) {
        SimulatedHost h = hosts.get(address);
        return h == null ? Map.of() : Map.copyOf(h.nicFilters);
    }

    /** The host loses its NIC filters without Nubis asking, as a real host does when it reboots. */
    public void dropNicFilters(String address) {
        host(address).nicFilters.clear();
    }

    /**
     * The VM's qemu dies (or its guest powers off) without Nubis asking: it stays defined and lists as
     * {@link VmPowerState#Stopped}, as on a real host. For tests of power state reconciliation.
     */
    public void killVm(String address, String vmId) {
        setVmState(address, vmId, VmPowerState.Stopped);
    }

    /** Puts a defined VM into any power state (e.g. Paused or Crashed) without a driver call. */
    public void setVmState(String address, String vmId, VmPowerState state) {
        SimulatedVm vm = host(address).vms.get(vmId);
        if (vm == null) {
            throw new IllegalArgumentException("no VM " + vmId + " on simulated host " + address);
        }
        vm.state = state;
    }

    /** The VM's power state on the host, or null when it is not defined there. */
    public VmPowerState vmState(String address, String vmId) {
        SimulatedVm vm = vm(address, vmId);
        return vm == null ? null : vm.state;
    }

    /** The spec the VM was defined with, or null when it is not defined on the host. */
    public VmSpec vmSpec(String address, String vmId) {
        SimulatedVm vm = vm(address, vmId);
        return vm == null ? null : vm.spec;
    }

    /** How often the VM's guest booted (create, start, reboot), or 0 when it is not defined on the host. */
    public int vmBoots(String address, String vmId) {
        SimulatedVm vm = vm(address, vmId);
        return vm == null ? 0 : vm.boots;
    }

    /** Ids of the VMs defined on the host. */
    public Set<String> vmIds(String address) {
        SimulatedHost h = hosts.get(address);
        return h == null ? Set.of() : new TreeSet<>(h.vms.keySet());
    }

    private SimulatedVm vm(String address, String vmId) {
        SimulatedHost h = hosts.get(address);
        return h == null ? null : h.vms.get(vmId);
    }

    /** Forgets every simulated host and script. */
    public void reset() {
        hosts.clear();
    }
}
