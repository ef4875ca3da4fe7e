package io.nubis.vm;

import io.nubis.driver.DataDisk;
import io.nubis.offering.DiskOfferingService;
import io.nubis.offering.DiskOfferingView;

import io.nubis.platform.Text;
import io.nubis.storage.StorageMessages;
import io.nubis.iam.Caller;
import io.nubis.network.L3NetworkService;
import io.nubis.network.L3NetworkRef;
import io.nubis.network.L3NetworkView;
import io.nubis.network.NetworkState;
import io.nubis.offering.InstanceOfferingView;
import io.nubis.offering.OfferingService;
import io.nubis.offering.OfferingState;
import io.nubis.platform.FieldError;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.NotFoundException;
import io.nubis.platform.PageRequest;
import io.nubis.platform.Validation;
import io.nubis.storage.ImageService;
import io.nubis.storage.ImageStatus;
import io.nubis.storage.ImageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a VM creation request and resolves its references, collecting one error per field: unknown or invisible
 * references are field errors (400), not 404s, because they are input.
 */
@ApplicationScoped
class VmRequests {

    static final int MAX_NICS = 4;

    @Inject
    OfferingService offerings;
    @Inject
    ImageService images;
    @Inject
    L3NetworkService l3s;
    @Inject
    DiskOfferingService diskOfferings;
    @Inject
    io.nubis.securitygroup.SecurityGroupService securityGroups;
    @Inject
    VmCloudInits cloudInits;

    /** What {@link #validate} would accept, for the creation form to offer (each list by name, at most a page). */
    VmChoices choices(Caller caller) {
        PageRequest all = new PageRequest(1, PageRequest.MAX_SIZE);
        List<InstanceOfferingView> usableOfferings = offerings.list(caller, null, OfferingState.Enabled, all).items();
        List<ImageView> bootable = images.list(caller, null, ImageStatus.Ready, all).items();
        List<L3NetworkView> networks = l3s.list(caller, null, null, all).items().stream()
                .filter(n -> n.state() == NetworkState.Enabled).toList();
        List<DiskOfferingView> disks = diskOfferings.list(caller, null, OfferingState.Enabled, all).items();
        return new VmChoices(usableOfferings, bootable, networks, disks, securityGroups.list(caller).stream()
                .filter(g -> g.accountId().equals(caller.accountId())).toList());
    }

    VmRequest validate(Caller caller, VmInput in) {
        Validation v = Validation.start();
        if (in == null) {
            v.add("name", Text.msg(m -> m.error_required())).throwIfAny();
        }
        v.name("name", in.name()).maxLength("description", in.description(), Validation.MAX_DESCRIPTION);
        v.id("offeringId", in.offeringId()).id("imageId", in.imageId());
        InstanceOfferingView offering = v.hasError("offeringId")
                ? null
                : resolve(v, "offeringId", Text.of(VmMessages.class, m -> m.error_unknown_offering()),
                        () -> offerings.getForUse(caller, in.offeringId()));
        List<String> ids = in.l3NetworkIds() == null ? List.of() : in.l3NetworkIds();
        Set<String> distinct = new LinkedHashSet<>(ids);
        v.check(!ids.isEmpty(), "l3NetworkIds", Text.msg(m -> m.error_required()));
        v.check(distinct.size() == ids.size(), "l3NetworkIds",
                Text.of(VmMessages.class, m -> m.error_duplicate_network()));
        v.check(ids.size() <= MAX_NICS, "l3NetworkIds",
                Text.of(VmMessages.class, m -> m.error_too_many_networks(MAX_NICS)));
        List<L3NetworkRef> networks = new ArrayList<>();
        if (!v.hasError("l3NetworkIds")) {
            for (String id : ids) {
                L3NetworkRef n = resolve(v, "l3NetworkIds", Text.of(VmMessages.class, m -> m.error_unknown_network()),
                        () -> l3s.getForUse(caller, id));
                if (n != null) {
                    networks.add(n);
                }
            }
            v.check(networks.stream().map(L3NetworkRef::zoneId).distinct().count() <= 1, "l3NetworkIds",
                    Text.of(VmMessages.class, m -> m.error_networks_zones()));
        }
        // the image after the networks: whether it can be used in their zone is read with it (one statement)
        String zoneId = v.hasError("l3NetworkIds") || networks.isEmpty() ? null : networks.get(0).zoneId();
        ImageService.UsableImage image = v.hasError("imageId")
                ? null
                : resolve(v, "imageId", Text.of(VmMessages.class, m -> m.error_unknown_image()),
                        () -> images.usable(caller, in.imageId(), zoneId));
        if (image != null) {
            v.check(image.status() == ImageStatus.Ready, "imageId",
                    Text.of(StorageMessages.class, m -> m.error_image_not_ready(image.name(),
                            image.status().name())));
            v.check(zoneId == null || image.inZone(), "imageId",
                    Text.of(VmMessages.class, m -> m.error_image_not_in_zone(image.name())));
        }
        long isoRootBytes = isoRoot(caller, v, image, Validation.blankToNull(in.rootDiskOfferingId()));
        List<VmRequest.DataDiskRequest> disks = dataDisks(caller, v, in.dataDiskOfferingIds());
        List<String> groups = securityGroups(caller, v, in.securityGroupIds());
        VmCloudInits.Request cloudInit = cloudInits.validate(v, in.cloudInit(), in.name());
        v.throwIfAny();
        return new VmRequest(in.name().trim(), in.description() == null || in.description().isBlank()
                ? null
                : in.description().trim(), offering, image.id(), networks.get(0).zoneId(), List.copyOf(distinct),
                disks, isoRootBytes, isoRootBytes > 0 ? isoRootBytes : image.virtualSizeBytes(), groups, cloudInit);
    }

    /** Groups of the caller's own account, distinct, at most 5 (400 on {@code securityGroupIds} otherwise). */
    private List<String> securityGroups(Caller caller, Validation v, List<String> ids) {
        List<String> given = ids == null
                ? List.of()
                : ids.stream().filter(id -> id != null && !id.isBlank()).map(String::trim).distinct().toList();
        v.check(given.size() <= 5, "securityGroupIds", Text.of(VmMessages.class, m -> m.error_too_many_groups(5)));
        for (String id : given) {
            io.nubis.securitygroup.SecurityGroupView g = resolve(v, "securityGroupIds",
                    Text.of(VmMessages.class, m -> m.error_unknown_security_group()),
                    () -> securityGroups.get(caller, id));
            v.check(g == null || g.accountId().equals(caller.accountId()), "securityGroupIds",
                    Text.of(VmMessages.class, m -> m.error_unknown_security_group()));
        }
        return given;
    }

    /**
     * An ISO image needs a disk offering for the blank root disk it installs onto (400 on {@code rootDiskOfferingId}
     * without one); a disk image takes none (its root disk is a clone of the image). Returns the root size, or 0.
     */
    private long isoRoot(Caller caller, Validation v, ImageService.UsableImage image, String rootDiskOfferingId) {
        boolean iso = image != null && "iso".equals(image.format());
        if (!iso) {
            v.check(rootDiskOfferingId == null, "rootDiskOfferingId",
                    Text.of(VmMessages.class, m -> m.error_root_disk_only_iso()));
            return 0;
        }
        if (rootDiskOfferingId == null) {
            v.add("rootDiskOfferingId", Text.of(VmMessages.class, m -> m.error_root_disk_for_iso(image.name())));
            return 0;
        }
        DiskOfferingView o = resolve(v, "rootDiskOfferingId",
                Text.of(StorageMessages.class, m -> m.error_unknown_disk_offering()),
                () -> diskOfferings.getForUse(caller, rootDiskOfferingId));
        return o == null ? 0 : o.sizeBytes();
    }

    /** The data volumes asked for: at most {@link DataDisk#MAX_INDEX}, each an Enabled disk offering; 400 per field. */
    private List<VmRequest.DataDiskRequest> dataDisks(Caller caller, Validation v, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        String field = "dataDiskOfferingIds";
        v.check(ids.size() <= DataDisk.MAX_INDEX, field,
                Text.of(VmMessages.class, m -> m.error_too_many_data_disks(DataDisk.MAX_INDEX)));
        List<VmRequest.DataDiskRequest> out = new ArrayList<>();
        if (!v.hasError(field)) {
            for (String id : ids) {
                DiskOfferingView o = resolve(v, field, Text.of(StorageMessages.class,
                        m -> m.error_unknown_disk_offering()), () -> diskOfferings.getForUse(caller, id));
                if (o != null) {
                    out.add(new VmRequest.DataDiskRequest(o.id(), o.sizeBytes()));
                }
            }
        }
        return out;
    }

    /** Calls a lookup; turns "not found" and its field errors into errors of {@code field} on {@code v}. */
    private static <T> T resolve(Validation v, String field, Text unknown, java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (NotFoundException e) {
            v.add(field, unknown);
        } catch (InvalidInputException e) {
            for (FieldError fe : e.errors()) {
                v.add(field, fe.text());
            }
        }
        return null;
    }
}
