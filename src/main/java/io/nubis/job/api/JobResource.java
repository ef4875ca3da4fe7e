package io.nubis.job.api;

import io.nubis.iam.CallerResolver;
import io.nubis.job.JobFilter;
import io.nubis.job.JobLogLine;
import io.nubis.job.JobService;
import io.nubis.job.JobState;
import io.nubis.job.JobView;
import io.nubis.platform.FieldError;
import io.nubis.platform.InvalidInputException;
import io.nubis.platform.Page;
import io.nubis.platform.PageRequest;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/jobs}: jobs and their logs, scoped to what the caller may see (a tenant sees its account's jobs, an admin
 * all; another account's job answers 404). Read-only: jobs are created by the operations that need them. Query values
 * are parsed here so a bad one is a 400 with a field error, not JAX-RS's 404.
 */
@Path("/v1/jobs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    /** Reused message key for a query value of the wrong format. */
    private static final String BAD_VALUE = "error_json_field";

    @Inject
    JobService jobs;
    @Inject
    CallerResolver callers;

    /** Lists jobs, newest first. {@code type} matches as a prefix ({@code host.} lists every host job). */
    @GET
    public Page<JobView> list(@QueryParam("state") String state, @QueryParam("resourceId") String resourceId,
            @QueryParam("type") String type, @QueryParam("page") String page, @QueryParam("size") String size) {
        List<FieldError> errors = new ArrayList<>();
        JobState s = parseState(state, errors);
        Integer p = parseInt("page", page, errors);
        Integer n = parseInt("size", size, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return jobs.list(callers.caller(), new JobFilter(s, resourceId, type), PageRequest.of(p, n));
    }

    @GET
    @Path("/{id}")
    public JobView get(@PathParam("id") String id) {
        return jobs.get(callers.caller(), id);
    }

    /** The job's log lines, oldest first. */
    @GET
    @Path("/{id}/log")
    public List<JobLogLine> log(@PathParam("id") String id) {
        return jobs.log(callers.caller(), id);
    }

    private static JobState parseState(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (JobState s : JobState.values()) {
            if (s.name().equalsIgnoreCase(value.trim())) {
                return s;
            }
        }
        errors.add(new FieldError("state", BAD_VALUE));
        return null;
    }

    private static Integer parseInt(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, BAD_VALUE));
            return null;
        }
    }
}
