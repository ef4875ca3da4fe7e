package io.nubis.job.api;

import io.nubis.platform.Action;
import io.nubis.iam.CallerResolver;
import io.nubis.job.JobFilter;
import io.nubis.job.JobLogLine;
import io.nubis.job.JobService;
import io.nubis.job.JobState;
import io.nubis.job.JobView;
import io.nubis.platform.api.PageDto;
import io.nubis.platform.api.Params;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /v1/jobs}: jobs and their logs, scoped to what the caller may see (a tenant sees its account's jobs, an admin
 * all; another account's job answers 404). Read-only: jobs are created by the operations that need them.
 */
@Path("/v1/jobs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class JobResource {

    @Inject
    JobService jobs;
    @Inject
    CallerResolver callers;

    @Action("job:read")
    @GET
    @Operation(summary = "List jobs", description = "Newest first. Filters: state, resourceId, type (prefix: "
            + "'host.' lists every host job); paginated.")
    public PageDto<JobView> list(
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = io.nubis.job.JobState.class)) @QueryParam("state") String state,
            @QueryParam("resourceId") String resourceId,
            @QueryParam("type") String type, @QueryParam("page") String page, @QueryParam("size") String size,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "type, state or created; - first: descending (default -created)") @QueryParam("sort") String sort) {
        JobFilter filter = new JobFilter(Params.enumValue(JobState.class, "state", state), resourceId, type);
        return PageDto.of(jobs.list(callers.caller(), filter, Params.page(page, size, sort, JobService.ORDER)));
    }

    @Action("job:read")
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a job: state, current step, percent, error", description = "error is the caller's view"
            + " of a failure: the technical detail for admins, a text for people with the reference (errorReference,"
            + " the job id) for anyone else.")
    public JobView get(@PathParam("id") String id) {
        return jobs.get(callers.caller(), id);
    }

    @Action("job:read")
    @GET
    @Path("/{id}/log")
    @Operation(summary = "The job's log lines, oldest first", description = "Admins receive every line (adminOnly"
            + " marks those tenants never see); anyone else only the lines written for tenants.")
    public List<JobLogLine> log(@PathParam("id") String id) {
        return jobs.log(callers.caller(), id);
    }
}
