package io.nubis.iam.api;

import io.nubis.platform.Action;
import io.nubis.iam.AuditEventView;
import io.nubis.iam.AuditFilter;
import io.nubis.iam.AuditLog;
import io.nubis.iam.AuditResult;
import io.nubis.iam.CallerResolver;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log, newest first. Admins see every event; tenants see those of their own account. */
@Path("/v1/audit-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditEventResource {

    @Inject
    AuditLog audit;
    @Inject
    CallerResolver callers;

    @Action("audit:read")
    @GET
    @Operation(summary = "List audit events", description = "Filters: action (prefix), targetId, targetType (e.g. "
            + "vm), user, account (name: the acting account or the target's), result. Tenants: their account's only.")
    public PageDto<AuditEventView> list(@QueryParam("action") String action, @QueryParam("targetId") String targetId,
            @QueryParam("targetType") String targetType, @QueryParam("user") String user,
            @QueryParam("account") String account,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.nubis.iam.AuditResult.class)) @QueryParam("result") String result,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        AuditFilter f = new AuditFilter(action, targetId, user, Params.enumValue(AuditResult.class, "result", result),
                account, targetType);
        return PageDto.of(audit.list(callers.caller(), f, Params.page(page, size)));
    }
}
