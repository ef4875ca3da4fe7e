package io.nubis.vm;

import io.nubis.compute.HostGuests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The VMs placed on a host, for compute (host maintenance refuses while there are any). */
@ApplicationScoped
public class VmHostGuests implements HostGuests {

    /** How long maintenance waits for one guest's stop job (the graceful shutdown's grace and then some). */
    static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(VmService.DEFAULT_GRACE_SECONDS + 60);

    @jakarta.inject.Inject
    VmService vms;
    @jakarta.inject.Inject
    io.nubis.job.JobService jobs;

    @Override
    @Transactional
    public List<String> activeGuests(String hostId) {
        return VmInstance.<VmInstance>list("hostId = ?1 and state not in ?2 order by name", hostId,
                List.of(VmState.Destroyed, VmState.Stopped, VmState.Error)).stream().map(v -> v.name).toList();
    }

    @Override
    public void stopGuests(String hostId) throws io.nubis.driver.DriverException {
        List<String[]> running = running(hostId);
        java.util.Map<String, String> stopJobs = new java.util.LinkedHashMap<>();
        for (String[] vm : running) {
            try {
                stopJobs.put(vm[1], vms.stop(io.nubis.iam.Caller.system(), vm[0], false).jobId());
            } catch (io.nubis.platform.ConflictException busy) {
                // another operation runs on it: the drain step's check decides
            }
        }
        List<String> failed = new java.util.ArrayList<>();
        for (var e : stopJobs.entrySet()) {
            io.nubis.job.JobView end = jobs.await(io.nubis.iam.Caller.system(), e.getValue(), STOP_WAIT);
            if (end.state() != io.nubis.job.JobState.Succeeded) {
                failed.add(e.getKey() + " (job " + e.getValue() + ": " + end.state() + ")");
            }
        }
        if (!failed.isEmpty()) {
            String why = "these VMs could not be stopped: " + String.join(", ", failed);
            throw new io.nubis.driver.DriverException(why, why);
        }
    }

    @Transactional
    List<String[]> running(String hostId) {
        return VmInstance.<VmInstance>list("hostId = ?1 and state in ?2 order by name", hostId,
                List.of(VmState.Running, VmState.Unknown)).stream().map(v -> new String[]{v.id, v.name}).toList();
    }
}
