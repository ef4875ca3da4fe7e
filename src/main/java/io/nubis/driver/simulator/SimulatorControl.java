package io.nubis.driver.simulator;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.NicFilterSpec;
import io.nubis.driver.VmPowerState;
import io.nubis.driver.VmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scripts and inspects the simulated machines, keyed by address: capacity, reachability, failures of coming calls, and
 * what happens to their VMs behind Nubis's back ({@link #killVm}). A machine is made with the configured defaults the
 * first time anything names its address.
 *
 * <p>
 * Everything here is the simulated world, kept in the database ({@code sim_*} tables) and so shared by every management
 * server and kept across restarts, scripted failures included; except {@link #calls} and {@link #statements}, which
 * count what this server did since it started.
 *
 * <p>
 * Scripted failures: {@link #failNext} queues a failure for the next call of an action that is not already scripted to
 * fail (call it twice and the next two calls fail); {@link #failNth} makes the nth call from now fail (n = 1: the
 * next). A scripted call fails with exactly the given message, before it changes anything; the calls around it behave
 * normally. A failure is scripted per machine and action, and is counted only by calls of that action on that machine.
 */
@ApplicationScoped
public class SimulatorControl {

    @Inject
    CallGate gate;
    @Inject
    MachineStore machines;
    @Inject
    ScriptStore scripts;
    @Inject
    FileStore fileStore;
    @Inject
    DomainStore domains;
    @Inject
    NetworkStore networks;
    @Inject
    SimulatorDatabase db;

    /** Sets the capacity the host at {@code address} reports on its next connect. */
    public void define(String address, int cpus, long memoryMib) {
        machines.defineCapacity(address, cpus, memoryMib);
    }

    /** Sets the size of the file system that holds storage on the machine at {@code address}. */
    public void defineStorage(String address, long bytes) {
        machines.defineStorage(address, bytes);
    }

    /** An unreachable machine fails every call, like a host whose network or power went away. */
    public void setReachable(String address, boolean reachable) {
        machines.setReachable(address, reachable);
    }

    /** Makes the next call of {@code action} on the machine fail with {@code message} (queued: call again for more). */
    public void failNext(String address, SimulatorAction action, String message) {
        scripts.failNext(address, action, message);
    }

    /**
     * The nth call of the action from now "crashes the management server" in the middle of the caller's step
     * ({@link io.nubis.platform.SimulatedCrash}): the job engine leaves the job as it is, for recovery (crash tests).
     */
    public void crashNth(String address, SimulatorAction action, int n) {
        failNth(address, action, n, io.nubis.platform.SimulatedCrash.SCRIPT);
    }

    /**
     * Makes the {@code n}th call of {@code action} on the machine from now fail with {@code message} (n = 1: the next
     * call); the calls before it run normally.
     *
     * @throws IllegalArgumentException when n is below 1 or that call is scripted to fail already
     */
    public void failNth(String address, SimulatorAction action, int n, String message) {
        scripts.failNth(address, action, n, message);
    }

    /**
     * The machine rebooted: its domains, bridges, DHCP services and NIC rules are gone and its SSH session dropped; its
     * files (volumes, cached images) stay, as on a real host's disk.
     */
    public void rebootMachine(String address) {
        machines.reboot(address);
    }

    /**
     * Makes the machine a freshly installed one: its files, VMs, bridges, DHCP services and scripted failures are gone,
     * its capacity and reachability are back to the configured defaults, and its call counts start again from zero.
     */
    public void resetMachine(String address) {
        machines.reset(address);
        gate.forgetCalls(address);
        db.statements().forget(address);
    }

    /** Resets every simulated machine (see {@link #resetMachine}). */
    public void reset() {
        machines.resetAll();
        gate.forgetCalls(null);
    }

    /**
     * Test hook standing for a restart of this management server: drops everything the simulator keeps in this server's
     * memory (the call counts). The simulated world stays, as real hosts stay when the server restarts.
     */
    public void forgetServerMemory() {
        gate.forgetCalls(null);
    }

    public boolean isConnected(String address) {
        return machines.isConnected(address);
    }

    /** How many times this server called the action on the machine (scripted failures included). */
    public int calls(String address, SimulatorAction action) {
        return gate.calls(address, action);
    }

    /**
     * How many SQL statements this server sent for the simulator's calls of {@code action} on the machine
     * ({@code action} null: for this class's own looks and changes).
     */
    public long statements(String address, SimulatorAction action) {
        return db.statements().of(address, action);
    }

    /** How many SQL statements the simulator sent from this server since it started. */
    public long statements() {
        return db.statements().total();
    }

    /** Paths of the files on the simulated machine (images, cached images, volumes), sorted. */
    public Set<String> files(String address) {
        return new TreeSet<>(fileStore.paths(address));
    }

    /** Virtual size (bytes) of a simulated file, e.g. a volume, if it exists. */
    public Optional<Long> fileVirtualSize(String address, String path) {
        return fileStore.get(Call.control(address), path).map(SimulatedFile::virtualSizeBytes);
    }

    /** SHA-256 of a simulated file, if it exists. */
    public Optional<String> fileSha256(String address, String path) {
        return fileStore.get(Call.control(address), path).map(SimulatedFile::sha256);
    }

    /** How many times an image was actually copied into the machine's cache. */
    public int imageCopies(String address) {
        return machines.imageCopies(address);
    }

    /** The bridges the network driver created on the host, by name. */
    public Map<String, BridgeSpec> bridges(String address) {
        return networks.bridges(address);
    }

    /** The DHCP service of an L3 network on the host, as last pushed (leases included), if it runs there. */
    public Optional<DhcpSpec> dhcp(String address, String l3NetworkId) {
        return networks.dhcp(address, l3NetworkId);
    }

    /** Ids of the L3 networks whose DHCP runs on the host. */
    public Set<String> dhcpNetworks(String address) {
        return networks.dhcpNetworks(address);
    }

    /** The router of a private network on the host, as last pushed, if it runs there. */
    public Optional<io.nubis.driver.RouterSpec> router(String address, String l3NetworkId) {
        return networks.router(address, l3NetworkId);
    }

    /** The host loses a router without Nubis asking (its namespace deleted by hand). */
    public void dropRouter(String address, String l3NetworkId) {
        networks.dropRouter(address, l3NetworkId);
    }

    /** The anti-spoofing filters on the host, by NIC device name ({@code nb...}), each as last ensured. */
    public Map<String, NicFilterSpec> nicFilters(String address) {
        return networks.nicFilters(address);
    }

    /** The host loses its NIC filters without Nubis asking, as a real host does when it reboots. */
    public void dropNicFilters(String address) {
        networks.dropNicFilters(address);
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
        if (!domains.setState(Call.control(address), vmId, state)) {
            throw new IllegalArgumentException("no VM " + vmId + " on simulated host " + address);
        }
    }

    /** The VM's power state on the host, or null when it is not defined there. */
    public VmPowerState vmState(String address, String vmId) {
        return domain(address, vmId).map(DomainStore.Domain::state).orElse(null);
    }

    /** The spec the VM was defined with, or null when it is not defined on the host. */
    public VmSpec vmSpec(String address, String vmId) {
        return domain(address, vmId).map(DomainStore.Domain::spec).orElse(null);
    }

    /** How often the VM's guest booted (create, start, reboot), or 0 when it is not defined on the host. */
    public int vmBoots(String address, String vmId) {
        return domain(address, vmId).map(DomainStore.Domain::boots).orElse(0);
    }

    /** Ids of the VMs defined on the host. */
    public Set<String> vmIds(String address) {
        return new TreeSet<>(domains.ids(address));
    }

    private Optional<DomainStore.Domain> domain(String address, String vmId) {
        return domains.get(Call.control(address), vmId);
    }
}
