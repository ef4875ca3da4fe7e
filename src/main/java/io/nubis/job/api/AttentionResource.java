package io.nubis.job.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.job.AttentionService;
import io.nubis.job.AttentionState;
import io.nubis.job.AttentionView;
import io.nubis.platform.api.JobAccepted;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /v1/needs-attention}: jobs whose clean-up did not finish, for administrators (403 for anyone else), with a
 * retry of the clean-up and a dismissal. Thin: the rules live in {@link AttentionService}.
 */
@Path("/v1/needs-attention")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class AttentionResource {

    @Inject
    AttentionService attention;
    @Inject
    CallerResolver callers;

    @Action("attention:read")
    @GET
    @Operation(summary = "List what needs attention", description = "Without state: the Open and Retrying entries,"
            + " newest first; state=Resolved or Dismissed lists closed ones. Admins only.")
    public PageDto<AttentionView> list(
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.nubis.job.AttentionState.class)) @QueryParam("state") String state,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return PageDto.of(attention.list(callers.caller(), Params.enumValue(AttentionState.class, "state", state),
                Params.page(page, size)));
    }

    @Action("attention:read")
    @GET
    @Path("/{id}")
    @Operation(summary = "Get one entry: the job, its resource and the error")
    public AttentionView get(@PathParam("id") String id) {
        return attention.get(callers.caller(), id);
    }

    @Action("attention:retry")
    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Retry the clean-up (the job rolls back again)", description = "202 with the entry, now"
            + " Retrying; the job's URL follows the rollback. 409 when the entry is not Open or another job holds the"
            + " resource.")
    public Response retry(@PathParam("id") String id) {
        AttentionView a = attention.retry(callers.caller(), id);
        return JobAccepted.response(a.jobId(), a);
    }

    @Action("attention:dismiss")
    @POST
    @Path("/{id}/dismiss")
    @Operation(summary = "Close an Open entry after cleaning up by hand (the job stays Failed)")
    public AttentionView dismiss(@PathParam("id") String id) {
        return attention.dismiss(callers.caller(), id);
    }
}
