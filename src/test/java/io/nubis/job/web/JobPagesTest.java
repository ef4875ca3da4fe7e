package io.nubis.job.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nubis.compute.ClusterInput;
import io.nubis.compute.ClusterService;
import io.nubis.compute.HostInput;
import io.nubis.compute.HostService;
import io.nubis.compute.ZoneInput;
import io.nubis.compute.ZoneService;
import io.nubis.iam.Caller;
import io.nubis.job.JobState;
import io.nubis.job.JobView;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobPagesTest {

    static PortalSession admin;
    static PortalSession alice;

    @Inject
    ZoneService zones;
    @Inject
    ClusterService clusters;
    @Inject
    HostService hosts;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
        alice = PortalSession.login(Tokens.ALICE);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String hostJob() {
        String zoneId = zones.create(Caller.system(), new ZoneInput(unique("jz"), null)).id();
        String clusterId = clusters.create(Caller.system(), new ClusterInput(zoneId, unique("jc"), null, "Simulator"))
                .id();
        return hosts.add(Caller.system(), new HostInput(clusterId, null, null, unique("sim") + ".example", null, null))
                .jobId();
    }

    @Test
    void jobListDetailAndLogRender() {
        String jobId = hostJob();
        Response list = admin.get("/jobs?type=host.add");
        assertEquals(200, list.statusCode());
        assertThat(list.asString(), containsString("/jobs/" + jobId));
        assertThat(admin.get("/jobs?state=Failed&type=host.add").asString(), not(containsString(jobId)));

        Response detail = admin.get("/jobs/" + jobId);
        assertEquals(200, detail.statusCode());
        assertThat(detail.asString(), containsString("id=\"job-" + jobId + "\""));
        assertThat(detail.asString(), containsString("id=\"job-log\""));
        assertThat(detail.asString(), containsString("href=\"/admin/hosts/"));
        Response log = admin.get("/jobs/" + jobId + "/log");
        assertEquals(200, log.statusCode());
        assertThat(log.asString(), containsString("id=\"job-log\""));
        assertThat(log.asString(), not(containsString("<html")));
    }

    @Test
    void progressFragmentPollsItselfWhileTheJobRuns() {
        String jobId = hostJob();
        Response r = admin.get("/jobs/" + jobId + "/progress");
        assertEquals(200, r.statusCode());
        String html = r.asString();
        assertThat(html, not(containsString("<html")));
        if (html.contains("text-bg-success") || html.contains("text-bg-danger")) {
            // the job engine already finished it: the fragment stops polling and tells the page
            assertThat(html, not(containsString("hx-trigger")));
            assertEquals("jobdone", r.header("HX-Trigger"));
        } else {
            assertThat(html, containsString("hx-get=\"/jobs/" + jobId + "/progress\""));
            assertThat(html, containsString("hx-trigger=\"every 1s\""));
            assertNull(r.header("HX-Trigger"));
        }
    }

    @Test
    void finalJobRendersWithoutPollingAndShowsItsError() {
        JobView failed = new JobView(UUID.randomUUID().toString(), "host.add", "host", UUID.randomUUID().toString(),
                "h1", "acc", "admin", JobState.RolledBack, "connect", 1, 3, 100, "host h1 does not answer",
                Instant.now(), Instant.now(), Instant.now());
        String html = JobPages.Templates.progress(failed).render();
        assertThat(html, not(containsString("hx-get")));
        assertThat(html, not(containsString("progress-bar-animated")));
        assertThat(html, containsString("host h1 does not answer"));
        assertThat(html, containsString("Rolled back"));
    }

    @Test
    void tenantCannotSeeAnAdminsJob() {
        String jobId = hostJob();
        assertEquals(404, alice.get("/jobs/" + jobId).statusCode());
        assertEquals(404, alice.get("/jobs/" + jobId + "/progress").statusCode());
        assertEquals(404, alice.get("/jobs/" + jobId + "/log").statusCode());
        assertThat(alice.get("/jobs").asString(), not(containsString(jobId)));
    }
}
