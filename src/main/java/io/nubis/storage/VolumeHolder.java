package io.nubis.storage;

import io.nubis.iam.Caller;

/**
 * What a volume attached to a VM needs from the VM feature for a snapshot job (issue 8), published by it: the VM locked
 * for the request's transaction, in a state that allows the use (409 naming the state otherwise), and the resource the
 * job runs on, the VM itself, so snapshot jobs run one at a time with the VM's power and volume jobs.
 */
public interface VolumeHolder {

    /** What the job will do to the volume. */
    enum Use {
        /** Take, delete or copy a snapshot: the VM may be running or stopped. */
        SNAPSHOT,
        /** Revert the volume to a snapshot: the VM must be stopped. */
        REVERT
    }

    /** The job's resource: the holding VM. */
    record JobResource(String type, String id, String name) {
    }

    /**
     * Locks the VM for the caller's transaction and checks its state; 404 when the caller may not see it.
     *
     * @throws io.nubis.platform.ConflictException when its state does not allow {@code use}
     */
    JobResource lock(Caller caller, String vmId, Use use);

    /**
     * {@code DELETE /v1/volumes/{id}?force=true} of a volume attached to the VM (issue 8): a job on the VM that
     * detaches the volume (running: hot-unplug) and then deletes it, started in the caller's transaction. Returns the
     * job id; 409 when the VM's state does not allow volume changes or the volume is busy.
     */
    String detachAndDelete(Caller caller, String vmId, String volumeId);
}
