package io.nubis.vm;

import io.nubis.compute.HostGuests;
import io.nubis.driver.DriverException;
import io.nubis.iam.Caller;
import io.nubis.job.JobService;
import io.nubis.job.JobState;
import io.nubis.job.JobView;
import io.nubis.platform.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VMs on a host, for compute, and the VMs using a primary storage, for storage: what keeps them from maintenance,
 * and stopping them when the admin asks.
 */
@ApplicationScoped
public class VmHostGuests implements HostGuests, io.nubis.storage.StorageGuests {

    @Inject
    VmService vms;
    @Inject
    JobService jobs;
    @Inject
    io.nubis.storage.VolumeService volumes;
    @Inject
    io.nubis.compute.HostAllocator allocator;

    @Override
    @Transactional
    public List<String> activeGuests(String hostId) {
        return VmInstance.<VmInstance>list("hostId = ?1 and state not in ?2 order by name", hostId,
                List.of(VmState.Destroyed, VmState.Stopped, VmState.Error)).stream().map(v -> v.name).toList();
    }

    /**
     * Submits a stop job for each running VM and waits for it; a VM already Stopping (a stop an earlier, interrupted
     * attempt of the same maintenance submitted) is waited for through its own job. Other busy VMs are left to the
     * drain step's check.
     */
    @Override
    @Transactional
    public List<String> activeGuests(List<String> vmIds) {
        return vmIds.isEmpty()
                ? List.of()
                : VmInstance.<VmInstance>list("id in ?1 and state not in ?2 order by name", vmIds,
                        List.of(VmState.Destroyed, VmState.Stopped, VmState.Error)).stream().map(v -> v.name)
                        .toList();
    }

    @Override
    public void stopGuests(List<String> vmIds) throws DriverException {
        stopAll(vmIds.isEmpty() ? List.of() : running(vmIds));
    }

    @Transactional
    List<VmInstance> running(List<String> vmIds) {
        return VmInstance.list("id in ?1 and state in ?2 order by name", vmIds,
                List.of(VmState.Running, VmState.Unknown, VmState.Stopping));
    }

    @Override
    public void stopGuests(String hostId) throws DriverException {
        stopAll(onHost(hostId));
    }

    private void stopAll(List<VmInstance> guests) throws DriverException {
        Map<String, String> stopJobs = new LinkedHashMap<>();
        for (VmInstance vm : guests) {
            if (vm.state == VmState.Stopping) {
                jobs.forResource(Caller.system(), vm.id, 1).stream().filter(j -> !j.done())
                        .forEach(j -> stopJobs.put(vm.name, j.id()));
                continue;
            }
            try {
                stopJobs.put(vm.name, vms.stop(Caller.system(), vm.id, false).jobId());
            } catch (ConflictException busy) {
                // another operation runs on it: the drain step's check decides
            }
        }
        List<String> failed = new ArrayList<>();
        for (var e : stopJobs.entrySet()) {
            // the graceful shutdown's grace and then some
            JobView end = jobs.await(Caller.system(), e.getValue(), vms.stopGrace().plusSeconds(60));
            if (end.state() != JobState.Succeeded) {
                failed.add(e.getKey() + " (job " + e.getValue() + ": " + end.state() + ")");
            }
        }
        if (!failed.isEmpty()) {
            String why = "these VMs could not be stopped: " + String.join(", ", failed);
            throw new DriverException(why, why);
        }
    }

    /** How long maintenance waits for one VM's live migration. */
    static final Duration MIGRATE_WAIT = Duration.ofMinutes(35);

    /** Active VMs but the running ones whose volumes every host of the cluster sees (those migrate). */
    @Override
    public List<String> unmovableGuests(String hostId) {
        List<String> names = new ArrayList<>();
        for (VmInstance vm : active(hostId)) {
            if (vm.state != VmState.Running && vm.state != VmState.Migrating
                    || !volumes.hostBoundVolumes(vm.id).isEmpty()) {
                names.add(vm.name);
            }
        }
        return names;
    }

    /**
     * Moves every running VM on shared storage live to the roomiest other host of its cluster, one after the other,
     * each waited for (a VM already Migrating, from an interrupted attempt, through its own job). A VM with no room
     * elsewhere or whose migration fails stays: the stop or drain step decides about it.
     */
    @Override
    public void evacuate(String hostId) {
        for (VmInstance vm : active(hostId)) {
            String job = null;
            if (vm.state == VmState.Migrating) {
                job = jobs.forResource(Caller.system(), vm.id, 1).stream().filter(j -> !j.done()).map(JobView::id)
                        .findFirst().orElse(null);
            } else if (vm.state == VmState.Running && volumes.hostBoundVolumes(vm.id).isEmpty()) {
                String target = allocator.roomyOther(vm.clusterId, hostId, vm.cpus, vm.memoryMib).orElse(null);
                if (target != null) {
                    try {
                        job = vms.migrate(Caller.system(), vm.id, target).jobId();
                    } catch (ConflictException busy) {
                        // another operation runs on it: the drain step's check decides
                    }
                }
            }
            if (job != null) {
                jobs.await(Caller.system(), job, MIGRATE_WAIT);
            }
        }
    }

    @Transactional
    List<VmInstance> active(String hostId) {
        return VmInstance.list("hostId = ?1 and state not in ?2 order by name", hostId,
                List.of(VmState.Destroyed, VmState.Stopped, VmState.Error));
    }

    @Transactional
    List<VmInstance> onHost(String hostId) {
        return VmInstance.list("hostId = ?1 and state in ?2 order by name", hostId,
                List.of(VmState.Running, VmState.Unknown, VmState.Stopping));
    }
}
