package io.nubis.iam.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.iam.QuotaKind;
import io.nubis.iam.QuotaService;
import io.nubis.iam.QuotaView;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Account quotas (issue 9): usage and limits per kind ({@code vms}, {@code vcpus}, {@code memory_mib},
 * {@code data_volumes}, {@code volume_gib}, {@code snapshots}, {@code images}); admins set them per account and as
 * defaults. A request that would pass a limit is refused with 409 {@code error_quota_exceeded}.
 */
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quotas")
public class QuotaResource {

    @Inject
    QuotaService quotas;
    @Inject
    CallerResolver callers;

    @Action("quota:read")
    @GET
    @Path("accounts/{id}/quotas")
    @Operation(summary = "An account's quotas with its usage", description = "Tenants: their own account only.")
    public List<QuotaView> get(@PathParam("id") String accountId) {
        return quotas.view(callers.caller(), accountId);
    }

    @Action("quota:update")
    @PUT
    @Path("accounts/{id}/quotas")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set an account's quotas (admins)", description = "Body {\"vms\": 10, \"vcpus\": 20, ...}: "
            + "-1 for no limit, null to fall back to the default. Kinds left out keep their limit.")
    public List<QuotaView> set(@PathParam("id") String accountId, Map<String, Long> limits) {
        quotas.set(callers.caller(), accountId, limits);
        return quotas.view(callers.caller(), accountId);
    }

    @Action("quota:read")
    @GET
    @Path("quota-defaults")
    @Operation(summary = "The default quotas (admins)", description = "What accounts without their own limit get.")
    public Map<QuotaKind, Long> defaults() {
        return quotas.defaults(callers.caller());
    }

    @Action("quota:update")
    @PUT
    @Path("quota-defaults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the default quotas (admins)", description = "As for an account; null removes one.")
    public Map<QuotaKind, Long> setDefaults(Map<String, Long> limits) {
        quotas.set(callers.caller(), null, limits);
        return quotas.defaults(callers.caller());
    }
}
