package io.nubis.network;

import java.time.Instant;

/**
 * A private network's virtual router as the API and the portal show it. Tenants see state and public address; the host
 * and the last error are for admins (null for tenants).
 */
public record RouterView(String id, String l3Id, String l3Name, String publicL3Id, String publicIp, RouterState state,
        String hostId, String hostName, String lastError, Instant createdAt, Instant updatedAt) {
}
