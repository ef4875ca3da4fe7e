package io.nubis.network;

import io.nubis.compute.ComputeMessages;
import io.nubis.compute.Topology;
import io.nubis.compute.ZoneState;
import io.nubis.platform.Text;
import io.nubis.platform.Validation;

/** The {@code zoneId} field of a network create form: a zone that exists and is not being deleted. */
final class ZoneField {

    private ZoneField() {
    }

    /** The zone, or null with a field error on {@code zoneId}. */
    static Topology.ZoneRef check(Validation v, Topology topology, String zoneId) {
        v.id("zoneId", zoneId);
        if (v.hasError("zoneId")) {
            return null;
        }
        Topology.ZoneRef z = topology.zone(zoneId).orElse(null);
        v.check(z != null, "zoneId", Text.of(ComputeMessages.class, m -> m.error_unknown_zone(zoneId)));
        v.check(z == null || z.state() != ZoneState.Deleting, "zoneId",
                Text.of(ComputeMessages.class, m -> m.error_zone_deleting(z == null ? "" : z.name())));
        return z;
    }
}
