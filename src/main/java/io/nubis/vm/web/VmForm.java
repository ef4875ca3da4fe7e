package io.nubis.vm.web;

import io.nubis.vm.VmInput;
import io.nubis.vm.CloudInitInput;
import java.util.List;

/** The create form as submitted, shown back when it has errors. */
public record VmForm(String name, String description, String offeringId, String imageId, List<String> l3NetworkIds,
        List<String> dataDiskOfferingIds, String rootDiskOfferingId, List<String> securityGroupIds, String hostname,
        String sshKeys, String userData) {

    /** Data volume choices the form shows (each an optional disk offering). */
    public static final int DATA_DISK_FIELDS = 3;

    public VmForm {
        l3NetworkIds = l3NetworkIds == null
                ? List.of()
                : l3NetworkIds.stream().filter(id -> id != null && !id.isBlank()).toList();
        dataDiskOfferingIds = dataDiskOfferingIds == null ? List.of() : List.copyOf(dataDiskOfferingIds);
        securityGroupIds = securityGroupIds == null
                ? List.of()
                : securityGroupIds.stream().filter(id -> id != null && !id.isBlank()).toList();
    }

    /** Whether a security group's checkbox is to be shown ticked. */
    public boolean joins(String groupId) {
        return securityGroupIds.contains(groupId);
    }

    static VmForm empty() {
        return new VmForm("", "", "", "", List.of(), List.of(), "", List.of(), "", "", "");
    }

    /** The disk offering chosen in data volume field {@code i} (0-based), or "". */
    public String dataDisk(int i) {
        return i < dataDiskOfferingIds.size() && dataDiskOfferingIds.get(i) != null ? dataDiskOfferingIds.get(i) : "";
    }

    /** The positions of the data volume fields, for the template. */
    public List<Integer> dataDiskFields() {
        return java.util.stream.IntStream.range(0, DATA_DISK_FIELDS).boxed().toList();
    }

    /** Whether a network's checkbox is to be shown ticked. */
    public boolean selects(String l3NetworkId) {
        return l3NetworkIds.contains(l3NetworkId);
    }

    VmInput input() {
        return new VmInput(name, description, offeringId, imageId, l3NetworkIds,
                dataDiskOfferingIds.stream().filter(id -> id != null && !id.isBlank()).toList(), rootDiskOfferingId,
                securityGroupIds, new CloudInitInput(hostname, keys(), userData));
    }

    /** The SSH keys field: one key per line, blank lines skipped. */
    private List<String> keys() {
        return sshKeys == null ? List.of() : sshKeys.lines().filter(l -> !l.isBlank()).toList();
    }
}
