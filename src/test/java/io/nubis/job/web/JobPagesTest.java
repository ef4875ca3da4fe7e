package io.nubis.job.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.compute.ClusterInput;
import io.nubis.compute.ClusterService;
import io.nubis.compute.HostInput;
import io.nubis.compute.HostService;
import io.nubis.compute.ZoneInput;
import io.nubis.compute.ZoneService;
import io.nubis.iam.Caller;
import io.nubis.job.JobService;
import io.nubis.job.JobState;
import io.nubis.job.JobView;
import io.nubis.job.PublicJobError;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
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
    @Inject
    JobService jobs;

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
    void progressFragmentStopsPollingAndAnnouncesTheEndOnceTheJobIsFinal() {
        String jobId = hostJob();
        assertEquals(JobState.Succeeded, jobs.await(Caller.system(), jobId, Duration.ofSeconds(30)).state());
        Response r = admin.get("/jobs/" + jobId + "/progress");
        assertEquals(200, r.statusCode());
        assertThat(r.asString(), not(containsString("<html")));
        assertThat(r.asString(), not(containsString("hx-trigger")));
        assertThat(r.asString(), containsString("Succeeded"));
        assertThat(r.asString(), containsString("100%"));
        assertEquals("jobdone", r.header("HX-Trigger"));
        // the log is final too: no more polling
        Response log = admin.get("/jobs/" + jobId + "/log");
        assertThat(log.asString(), not(containsString("hx-trigger")));
    }

    @Test
    void runningJobRendersAFragmentThatPollsItself() {
        JobView running = job(JobState.Running, 40, null);
        String html = JobPages.Templates.progress(running).render();
        assertThat(html, containsString("hx-get=\"/jobs/" + running.id() + "/progress\""));
        assertThat(html, containsString("hx-trigger=\"every 1s\""));
        assertThat(html, containsString("hx-swap=\"outerHTML\""));
        assertThat(html, containsString("width: 40%"));
        assertThat(html, containsString("step: connect"));
    }

    /** Issue 13: the job list refreshes itself while a job on the page runs, and stops once they all ended. */
    @Test
    void theListRefreshesItselfWhileAJobRuns() {
        String id = io.nubis.job.JobFixtures.submit("test.scripted", java.util.Map.of("sleepMs", "3000", "steps", "1"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> io.nubis.job.JobFixtures.row(id).state == JobState.Running);
        assertThat(admin.page("/jobs?state=Running").asString(), containsString("hx-select=\"#job-table\""));
        io.nubis.job.JobFixtures.awaitFinal(id);
        assertThat(admin.page("/jobs?state=Succeeded").asString(), not(containsString("hx-select=\"#job-table\"")));
    }

    static JobView job(JobState state, int percent, String error) {
        return new JobView(UUID.randomUUID().toString(), "host.add", "host", UUID.randomUUID().toString(), "h1", "acc",
                "admin", state, "connect", 1, 3, percent, error, error == null ? null : "ref", Instant.now(),
                Instant.now(),
                state.isFinal() ? Instant.now() : null, null);
    }

    @Test
    void finalJobRendersWithoutPollingAndShowsItsError() {
        JobView failed = job(JobState.RolledBack, 100, "host h1 does not answer");
        String html = JobPages.Templates.progress(failed).render();
        assertThat(html, not(containsString("hx-get")));
        assertThat(html, not(containsString("progress-bar-animated")));
        assertThat(html, containsString("host h1 does not answer"));
        assertThat(html, containsString("Rolled back"));
    }

    /** Issue 6, item 4: a tenant's view of a failure renders in the reader's language, with the reference. */
    @Test
    void aTenantsViewOfAFailureRendersInThePagesLanguage() {
        PublicJobError pub = new PublicJobError(null, PublicJobError.Outcome.UNDONE, "ref-42");
        JobView failed = new JobView(UUID.randomUUID().toString(), "vm.start", "vm", UUID.randomUUID().toString(),
                "web",
                "acc", "alice", JobState.RolledBack, "start", 0, 1, 0, pub.english(), "ref-42", Instant.now(),
                Instant.now(), Instant.now(), pub);
        String zh = JobPages.Templates.progress(failed).setLocale(java.util.Locale.SIMPLIFIED_CHINESE).render();
        assertThat(zh, containsString("操作失败，已撤销（参考编号 ref-42）。"));
        String en = JobPages.Templates.progress(failed).setLocale(java.util.Locale.ENGLISH).render();
        assertThat(en, containsString("The operation failed and was undone (reference ref-42)."));
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
