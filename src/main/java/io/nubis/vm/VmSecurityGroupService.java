package io.nubis.vm;

import io.nubis.iam.Audited;
import io.nubis.iam.Caller;
import io.nubis.platform.ConflictException;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;
import io.nubis.securitygroup.SecurityGroups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * A VM's NICs in security groups (issue 11): which groups, joining and leaving at run time. The VM must be Running or
 * Stopped (its NICs have their addresses and filters); the group must be of the VM's account. The NIC is named by
 * {@code nicId}, which may be left out when the VM has one NIC. Answers the {@code security-group.apply} job.
 */
@ApplicationScoped
@Transactional
public class VmSecurityGroupService {

    @Inject
    VmService vms;
    @Inject
    SecurityGroups groups;

    public List<SecurityGroups.Membership> list(Caller caller, String vmId) {
        vms.find(caller, vmId);
        return groups.of(vmId);
    }

    @Audited("vm.join-security-group")
    public String join(Caller caller, String vmId, String groupId, String nicId) {
        VmInstance vm = usable(caller, vmId);
        VmNic nic = nic(vm, nicId, groupId);
        return groups.join(caller, vm.accountId, vm.id, nic.id, nic.ip, groupId);
    }

    @Audited("vm.leave-security-group")
    public String leave(Caller caller, String vmId, String groupId, String nicId) {
        VmInstance vm = usable(caller, vmId);
        VmNic nic = nic(vm, nicId, groupId);
        return groups.leave(caller, vm.id, nic.id, groupId);
    }

    private VmInstance usable(Caller caller, String vmId) {
        VmInstance vm = vms.find(caller, vmId);
        if (vm.state != VmState.Running && vm.state != VmState.Stopped) {
            throw new ConflictException(Text.of(VmMessages.class, m -> m.error_vm_security_group_state(vm.state)));
        }
        return vm;
    }

    private static VmNic nic(VmInstance vm, String nicId, String groupId) {
        Validation.start().required("securityGroupId", groupId).id("securityGroupId", groupId).throwIfAny();
        List<VmNic> nics = VmNic.list("vmId = ?1 order by deviceIndex", vm.id);
        String wanted = Validation.blankToNull(nicId);
        if (wanted == null && nics.size() == 1) {
            return nics.get(0);
        }
        return nics.stream().filter(n -> n.id.equals(wanted) && n.ip != null).findFirst()
                .orElseThrow(() -> new InvalidInputException("nicId",
                        Text.of(VmMessages.class, m -> m.error_vm_nic_unknown(wanted == null ? "" : wanted))));
    }
}
