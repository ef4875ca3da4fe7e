package io.nubis.driver.simulator;

import io.nubis.driver.BridgeSpec;
import io.nubis.driver.DhcpSpec;
import io.nubis.driver.NicFilterSpec;
import java.util.ArrayDeque;
import java.util.Map.Entry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One in-memory machine (a host or a backup storage server): its capacity, whether it answers, its VMs, the failures
 * scripted for its next calls, and its files (storage).
 */
final class SimulatedHost {

    int cpus;
    long memoryMib;
    volatile boolean reachable = true;
    volatile boolean connected;
    private final Map<SimulatorAction, Deque<String>> scriptedFailures = new EnumMap<>(SimulatorAction.class);
    private final Map<SimulatorAction, Integer> calls = new EnumMap<>(SimulatorAction.class);
    /** Bridges by name (network driver). */
    final Map<String, BridgeSpec> bridges = new ConcurrentHashMap<>();
    /** DHCP services by L3 network id, with the lease set last pushed (network driver). */
    final Map<String, DhcpSpec> dhcp = new ConcurrentHashMap<>();
    /** Anti-spoofing filters by NIC device name, with the spec last ensured (network driver). */
    final Map<String, NicFilterSpec> nicFilters = new ConcurrentHashMap<>();
    /** Defined VMs by id. */
    final Map<String, SimulatedVm> vms = new ConcurrentHashMap<>();

    /** Size of the simulated file system holding storage, in bytes. */
    volatile long storageBytes;
    /** Files by absolute path. */
    final Map<String, SimulatedFile> files = new ConcurrentHashMap<>();
    /** Image copies made into this machine's cache (not counting calls that found the image present). */
    final AtomicInteger imageCopies = new AtomicInteger();

    SimulatedHost(int cpus, long memoryMib) {
        this.cpus = cpus;
        this.memoryMib = memoryMib;
    }

    synchronized void failNext(SimulatorAction action, String message) {
        scriptedFailures.computeIfAbsent(action, a -> new ArrayDeque<>()).add(message);
    }

    /** Counts the call and returns the scripted failure message for it, or null. */
    synchronized String onCall(SimulatorAction action) {
        calls.merge(action, 1, Integer::sum);
        Deque<String> q = scriptedFailures.get(action);
        return q == null ? null : q.poll();
    }

    synchronized int calls(SimulatorAction action) {
        return calls.getOrDefault(action, 0);
    }

    long usedBytes() {
        return files.values().stream().mapToLong(SimulatedFile::sizeBytes).sum();
    }

    /** Whether any file lies below the folder. */
    boolean hasFilesUnder(String dir) {
        for (Entry<String, SimulatedFile> e : files.entrySet()) {
            if (e.getKey().startsWith(dir + "/")) {
                return true;
            }
        }
        return false;
    }
}
