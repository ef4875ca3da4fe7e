package io.nubis.job.web;

import io.nubis.platform.Action;
import io.nubis.iam.Caller;
import io.nubis.iam.CallerResolver;
import io.nubis.job.JobFilter;
import io.nubis.job.JobLogLine;
import io.nubis.job.JobService;
import io.nubis.job.JobState;
import io.nubis.job.JobView;
import io.nubis.platform.Page;
import io.nubis.platform.web.Option;
import io.nubis.platform.web.PageParams;
import io.nubis.platform.web.PortalRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Jobs: the list (by state, type and resource), one job with live progress and its log, and the htmx fragments. */
@Path("/jobs")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class JobPages {

    /** htmx event fired on the page when a polled job reaches a final state, so other parts can refresh. */
    static final String DONE_EVENT = "jobdone";

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance list(Page<JobView> jobs, String state, String type, String resourceId,
                List<Option> states, String base, boolean busy, String sort, String sortBase);

        static native TemplateInstance detail(JobView job, List<JobLogLine> log);

        /** The log card alone, polled while the job runs. */
        static native TemplateInstance detail$log(JobView job, List<JobLogLine> log);

        /** The live progress of one job (the jobProgress tag), polled by itself until the job is final. */
        static native TemplateInstance progress(JobView job);
    }

    @Inject
    CallerResolver callers;
    @Inject
    PortalRequest portal;
    @Inject
    JobService jobs;

    @Action("job:read")
    @GET
    public TemplateInstance list(@RestQuery String state, @RestQuery String type, @RestQuery String resourceId,
            @RestQuery String page, @RestQuery String size, @RestQuery String sort) {
        JobState st = PageParams.enumOrNull(JobState.class, state);
        String order = JobService.ORDER.accepted(sort);
        Page<JobView> result = jobs.list(callers.caller(), new JobFilter(st, resourceId, type),
                PageParams.of(page, size, order));
        List<Option> states = portal.options(JobState.values());
        return Templates.list(result, st == null ? "" : st.name(), blank(type), blank(resourceId), states,
                PageParams.base("/jobs", PageParams.filters("state", st, "type", type, "resourceId", resourceId,
                        "sort", order)),
                // jobs still running on this page: the table refreshes itself until they end
                result.items().stream().anyMatch(j -> !j.done()), order,
                PageParams.base("/jobs", PageParams.filters("state", st, "type", type, "resourceId", resourceId)));
    }

    @Action("job:read")
    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath String id) {
        Caller caller = callers.caller();
        return Templates.detail(jobs.get(caller, id), jobs.log(caller, id));
    }

    @Action("job:read")
    @GET
    @Path("{id}/log")
    public TemplateInstance log(@RestPath String id) {
        Caller caller = callers.caller();
        return Templates.detail$log(jobs.get(caller, id), jobs.log(caller, id));
    }

    /**
     * The progress fragment. When the job is final the fragment has no polling trigger any more, and the response fires
     * {@value #DONE_EVENT} so the page can refresh what the job changed.
     */
    @Action("job:read")
    @GET
    @Path("{id}/progress")
    public Response progress(@RestPath String id) {
        JobView job = jobs.get(callers.caller(), id);
        Response.ResponseBuilder r = Response.ok(Templates.progress(job)).header("Cache-Control", "no-store");
        if (job.done()) {
            r.header("HX-Trigger", DONE_EVENT);
        }
        return r.build();
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
