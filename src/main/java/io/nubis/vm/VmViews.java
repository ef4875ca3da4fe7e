package io.nubis.vm;

import io.nubis.compute.HostAccess;
import io.nubis.iam.Accounts;
import io.nubis.iam.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps VM rows to {@link VmView}s with their NICs (and, for admins, host names) in two queries per page. */
@ApplicationScoped
class VmViews {

    @jakarta.inject.Inject
    HostAccess hosts;
    @jakarta.inject.Inject
    Accounts accounts;

    List<VmView> of(Caller caller, List<VmInstance> vms) {
        if (vms.isEmpty()) {
            return List.of();
        }
        Set<String> ids = vms.stream().map(v -> v.id).collect(Collectors.toSet());
        // one VM (the usual case in workflows and detail pages): an equality query, whose plan Hibernate keeps
        List<VmNic> rows = ids.size() == 1 ? VmNic.list("vmId", ids.iterator().next()) : VmNic.list("vmId in ?1", ids);
        Map<String, List<VmView.Nic>> nics = rows.stream()
                .sorted(Comparator.comparingInt(n -> n.deviceIndex))
                .collect(Collectors.groupingBy(n -> n.vmId,
                        Collectors.mapping(n -> new VmView.Nic(n.id, n.l3Id, n.deviceIndex, n.mac, n.ip),
                                Collectors.toList())));
        Map<String, String> hostNames = caller.admin() ? hostNames(vms) : Map.of();
        Map<String, String> accountNames = accounts.names(vms.stream().map(v -> v.accountId).toList());
        return vms.stream()
                .map(v -> new VmView(v.id, v.name, v.description, v.accountId, accountNames.get(v.accountId), v.state,
                        caller.admin() ? v.stateReason : v.stateReasonPublic, v.cpus,
                        v.memoryMib, v.offeringId, v.imageId, v.zoneId, caller.admin() ? v.hostId : null,
                        v.hostId == null ? null : hostNames.get(v.hostId), v.rootVolumeId,
                        nics.getOrDefault(v.id, List.of()), v.createdAt,
                        v.updatedAt, v.isoImageId))
                .toList();
    }

    /** The view of a VM this transaction just created with these NICs (no need to read them back). */
    VmView ofNew(Caller caller, VmInstance v, List<VmNic> nics) {
        List<VmView.Nic> views = nics.stream().map(n -> new VmView.Nic(n.id, n.l3Id, n.deviceIndex, n.mac, n.ip))
                .toList();
        return new VmView(v.id, v.name, v.description, v.accountId, caller.accountName(), v.state,
                caller.admin() ? v.stateReason : v.stateReasonPublic, v.cpus, v.memoryMib, v.offeringId, v.imageId,
                v.zoneId, caller.admin() ? v.hostId : null, null, v.rootVolumeId, views, v.createdAt, v.updatedAt,
                v.isoImageId);
    }

    private Map<String, String> hostNames(List<VmInstance> vms) {
        Set<String> hostIds = vms.stream().map(v -> v.hostId).filter(h -> h != null).collect(Collectors.toSet());
        if (hostIds.isEmpty()) {
            return Map.of();
        }
        return hosts.names(hostIds);
    }
}
