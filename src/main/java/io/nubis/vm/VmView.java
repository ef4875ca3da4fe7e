package io.nubis.vm;

import java.time.Instant;
import java.util.List;

/**
 * A VM as the API and the portal show it, with its owning account's id and name. {@code hostName} and {@code hostId}
 * are filled for admins only (tenants do not learn the infrastructure); {@code stateReason} is the admin's detail for
 * admins and the text for people for anyone else.
 */
public record VmView(String id, String name, String description, String accountId, String accountName,
        VmState state,
        String stateReason, int cpus, long memoryMib, String offeringId, String imageId, String zoneId,
        String hostId, String hostName, String rootVolumeId, List<Nic> nics, Instant createdAt, Instant updatedAt,
        String isoImageId) {

    /** One NIC: its L3 network, MAC and IP. */
    public record Nic(String id, String l3NetworkId, int deviceIndex, String mac, String ip) {
    }

    /** The first NIC's IP, for lists. */
    public String ip() {
        return nics.isEmpty() ? null : nics.get(0).ip();
    }
}
