package io.nubis.capacity.api;

import io.nubis.capacity.CapacityService;
import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.CapacityRow;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Capacity now and over time (issue 13), for dashboards and monitoring. Admins only. */
@Path("/v1/capacity")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Capacity")
public class CapacityResource {

    @Inject
    CapacityService capacity;
    @Inject
    CallerResolver callers;

    @Action("dashboard:read")
    @GET
    @Operation(summary = "Capacity now", description = "Used and total per scope (cloud, zone, cluster, host, "
            + "primary-storage, l3-network) and metric (cpu: vCPUs, memory: MiB, storage: bytes, ips: addresses).")
    public List<CapacityRow> current() {
        return capacity.current(callers.caller());
    }

    @Action("dashboard:read")
    @GET
    @Path("history")
    @Operation(summary = "Capacity over time", description = "One scope's metric: scope (cloud, zone, cluster, "
            + "host, primary-storage, l3-network), id (empty for cloud), metric (cpu, memory, storage, ips), range "
            + "(1h and 24h: a point per minute; 7d and 30d: the peak per hour). Points: [at (epoch s), used, total].")
    public CapacityService.History history(@QueryParam("scope") String scope, @QueryParam("id") String id,
            @QueryParam("metric") String metric, @QueryParam("range") String range) {
        return capacity.history(callers.caller(), scope, id, metric, range);
    }
}
