package io.nubis.vm;

import io.nubis.iam.Caller;
import io.nubis.storage.VolumeHolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The VM feature's face for storage's snapshot jobs (issue 8): a volume attached to a VM has its snapshot jobs run on
 * the VM, locked and state-checked like any VM action ({@link VmAction#SNAPSHOT_VOLUME}: running or stopped;
 * {@link VmAction#REVERT_VOLUME}: stopped).
 */
@ApplicationScoped
public class VmVolumeHolder implements VolumeHolder {

    @Inject
    VmService vms;

    @Override
    public JobResource lock(Caller caller, String vmId, Use use) {
        VmInstance vm = vms.lockForVolumeJob(caller, vmId,
                use == Use.REVERT ? VmAction.REVERT_VOLUME : VmAction.SNAPSHOT_VOLUME);
        return new JobResource(VmService.TYPE, vm.id, vm.name);
    }

    @Override
    public String detachAndDelete(Caller caller, String vmId, String volumeId) {
        return vms.detachAndDeleteVolume(caller, vmId, volumeId).jobId();
    }
}
