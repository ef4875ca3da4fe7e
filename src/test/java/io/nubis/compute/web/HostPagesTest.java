package io.nubis.compute.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.compute.ClusterInput;
import io.nubis.compute.ClusterService;
import io.nubis.compute.HostFilter;
import io.nubis.compute.HostService;
import io.nubis.compute.HostView;
import io.nubis.compute.ZoneInput;
import io.nubis.compute.ZoneService;
import io.nubis.iam.Caller;
import io.nubis.job.JobService;
import io.nubis.job.JobState;
import io.nubis.job.JobView;
import io.nubis.platform.PageRequest;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HostPagesTest {

    static PortalSession admin;

    @Inject
    ZoneService zones;
    @Inject
    ClusterService clusters;
    @Inject
    HostService hosts;
    @Inject
    JobService jobs;
    @Inject
    javax.sql.DataSource db;

    String clusterId;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
    }

    @BeforeEach
    void cluster() {
        String zoneId = zones.create(Caller.system(), new ZoneInput(unique("hz"), null)).id();
        clusterId = clusters.create(Caller.system(), new ClusterInput(zoneId, unique("hc"), null, "Simulator")).id();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    List<HostView> hostsOfCluster() {
        return hosts.list(Caller.system(), new HostFilter(null, clusterId, null, null, null), new PageRequest(1, 50))
                .items();
    }

    Response add(Map<String, String> fields) {
        Map<String, String> all = new HashMap<>(Map.of("clusterId", clusterId, "sshPort", "22", "username", "root"));
        all.putAll(fields);
        return admin.submit("/admin/hosts/new?clusterId=" + clusterId, "/admin/hosts", all);
    }

    @Test
    void addFormShowsEachFieldErrorAndAddsNothing() {
        Response blank = add(Map.of("address", ""));
        assertEquals(400, blank.statusCode());
        assertThat(blank.asString(), containsString("id=\"e-address\">must not be blank<"));

        Response badAddress = add(Map.of("address", "not an address!"));
        assertEquals(400, badAddress.statusCode());
        assertThat(badAddress.asString(), containsString("id=\"e-address\">must be an IP address or a host name<"));
        assertThat(badAddress.asString(), containsString("value=\"not an address!\""));

        Response portNotNumber = add(Map.of("address", unique("sim"), "sshPort", "twenty-two"));
        assertEquals(400, portNotNumber.statusCode());
        assertThat(portNotNumber.asString(), containsString("id=\"e-sshPort\">must be a whole number<"));
        assertThat(portNotNumber.asString(), containsString("value=\"twenty-two\""));

        Response portOutOfRange = add(Map.of("address", unique("sim"), "sshPort", "70000"));
        assertEquals(400, portOutOfRange.statusCode());
        assertThat(portOutOfRange.asString(), containsString("id=\"e-sshPort\">must be between 1 and 65535<"));

        Response badUser = add(Map.of("address", unique("sim"), "username", "Root User"));
        assertEquals(400, badUser.statusCode());
        assertThat(badUser.asString(), containsString("id=\"e-username\">must be a Linux user name"));

        Response noCluster = add(Map.of("address", unique("sim"), "clusterId", ""));
        assertEquals(400, noCluster.statusCode());
        assertThat(noCluster.asString(), containsString("id=\"e-clusterId\">must not be blank<"));

        assertTrue(hostsOfCluster().isEmpty());
    }

    @Test
    void addedHostPageFollowsItsJobUntilConnected() throws java.sql.SQLException {
        String address = unique("sim") + ".example";
        String name = unique("h");
        Response added = add(Map.of("address", address, "name", name));
        assertEquals(303, added.statusCode(), added.asString());
        HostView h = hostsOfCluster().get(0);
        assertEquals(name, h.name());
        assertThat(added.header("Location"), containsString("/admin/hosts/" + h.id()));

        String page = admin.follow(added).asString();
        assertThat(page, containsString("Host " + name + " is being connected."));
        assertThat(page, containsString("host.add"));
        assertThat(page, containsString("class=\"job-progress\""));
        // the status card reloads itself when a job of the host ends
        assertThat(page, containsString("hx-get=\"/admin/hosts/" + h.id() + "/summary\""));
        assertThat(page, containsString("hx-trigger=\"jobdone from:body\""));
        assertThat(page, containsString("/webjars/htmx.org/2.0.7/dist/htmx.min.js"));

        String jobId = jobs.forResource(Caller.system(), h.id(), 1).get(0).id();
        assertEquals(JobState.Succeeded, jobs.await(Caller.system(), jobId, Duration.ofSeconds(30)).state());

        Response progress = admin.get("/jobs/" + jobId + "/progress");
        assertThat(progress.asString(), not(containsString("hx-trigger")));
        assertEquals("jobdone", progress.header("HX-Trigger"));

        Response summary = admin.get("/admin/hosts/" + h.id() + "/summary");
        assertEquals(200, summary.statusCode());
        assertThat(summary.asString(), not(containsString("<html")));
        assertThat(summary.asString(), containsString(">Connected<"));
        assertThat(summary.asString(), containsString("0 of 32 vCPUs used"));
        assertThat(summary.asString(), containsString("0 MiB of 128 GiB used"));
        assertThat(admin.get("/admin/hosts/" + h.id()).asString(), containsString("Simulated CPU"));
        assertThat(admin.get("/admin/hosts/" + h.id()).asString(), containsString("id=\"host-vlan\">supported<"));

        assertThat(admin.get("/admin/hosts?clusterId=" + clusterId + "&status=Connected").asString(),
                containsString(address));
        assertThat(admin.get("/admin/hosts?clusterId=" + clusterId + "&status=Disconnected").asString(),
                not(containsString(address)));
        assertThat(admin.get("/admin/hosts?q=" + PortalSession.encode(address)).asString(), containsString(name));
        assertEquals(200, admin.get("/admin/hosts?state=nonsense&page=x&size=y").statusCode());
        assertThat(admin.get("/admin").asString(), containsString("id=\"stat-hosts\""));
        // issue 13: a settled list does not poll; one with a host being connected refreshes itself
        String list = "/admin/hosts?q=" + PortalSession.encode(address);
        assertThat(admin.get(list).asString(), not(containsString("hx-trigger=\"every 3s\"")));
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement st = c.prepareStatement("UPDATE host SET status = ? WHERE id = ?")) {
            st.setString(1, "Connecting");
            st.setString(2, h.id());
            st.executeUpdate();
            c.commit();
            assertThat(admin.get(list).asString(), containsString("hx-select=\"#host-table\""));
            st.setString(1, "Connected");
            st.executeUpdate();
            c.commit();
        }

        Response duplicate = add(Map.of("address", address));
        assertEquals(400, duplicate.statusCode());
        assertThat(duplicate.asString(), containsString("the address " + address + " belongs to another host"));
    }

    @Test
    void hostNameAndDescriptionAreEditedWithTheSharedForm() {
        String address = unique("sim") + ".example";
        assertEquals(303, add(Map.of("address", address)).statusCode());
        HostView h = hostsOfCluster().get(0);
        String form = admin.get("/admin/hosts/" + h.id() + "/edit").asString();
        assertThat(form, containsString("id=\"host-form\""));
        assertThat(form, not(containsString("name=\"address\"")));

        Response bad = admin.submit("/admin/hosts/" + h.id() + "/edit", "/admin/hosts/" + h.id(),
                Map.of("name", "", "description", "x"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("id=\"e-name\">must not be blank<"));

        String name = unique("renamed");
        Response ok = admin.submit("/admin/hosts/" + h.id() + "/edit", "/admin/hosts/" + h.id(),
                Map.of("name", name, "description", "rack 4"));
        assertEquals(303, ok.statusCode());
        assertEquals(name, hosts.get(Caller.system(), h.id()).name());
        assertEquals("rack 4", hosts.get(Caller.system(), h.id()).description());
    }

    @Test
    void disableAndEnableRedirectBackWithAFlash() {
        assertEquals(303, add(Map.of("address", unique("sim") + ".example")).statusCode());
        HostView h = hostsOfCluster().get(0);
        Response disabled = admin.submit("/admin/hosts/" + h.id(), "/admin/hosts/" + h.id() + "/disable", Map.of());
        assertEquals(303, disabled.statusCode());
        assertThat(admin.follow(disabled).asString(), containsString("is disabled."));
        assertEquals("Disabled", hosts.get(Caller.system(), h.id()).state().name());
        Response enabled = admin.submit("/admin/hosts/" + h.id(), "/admin/hosts/" + h.id() + "/enable", Map.of());
        assertEquals(303, enabled.statusCode());
        assertEquals("Enabled", hosts.get(Caller.system(), h.id()).state().name());
    }

    @Test
    void hostActionsRunAsJobsAndARefusedOneComesBackAsAFlashError() {
        String address = unique("sim") + ".example";
        assertEquals(303, add(Map.of("address", address)).statusCode());
        HostView h = hostsOfCluster().get(0);
        String page = "/admin/hosts/" + h.id();
        awaitLatestJob(h.id());

        Response maintenance = admin.submit(page, page + "/maintenance", Map.of());
        assertEquals(303, maintenance.statusCode());
        assertThat(admin.follow(maintenance).asString(), containsString("is entering maintenance."));
        awaitLatestJob(h.id());
        assertEquals("Maintenance", hosts.get(Caller.system(), h.id()).state().name());

        Response again = admin.submit(page, page + "/maintenance", Map.of());
        assertEquals(303, again.statusCode());
        String refused = admin.follow(again).asString();
        assertThat(refused, containsString("alert-danger"));
        assertThat(refused, containsString("wait for its current operation to finish."));

        assertEquals(303, admin.submit(page, page + "/enable", Map.of()).statusCode());
        assertEquals("Enabled", hosts.get(Caller.system(), h.id()).state().name());

        Response reconnect = admin.submit(page, page + "/reconnect", Map.of());
        assertEquals(303, reconnect.statusCode());
        assertThat(admin.follow(reconnect).asString(), containsString("is reconnecting."));
        assertEquals(JobState.Succeeded, awaitLatestJob(h.id()).state());

        Response confirm = admin.get(page + "/delete");
        assertThat(confirm.asString(), containsString(address));
        Response deleted = admin.post(page + "/delete", PortalSession.csrfToken(confirm.asString()), Map.of());
        assertEquals(303, deleted.statusCode());
        assertThat(deleted.header("Location"), containsString("/jobs/"));
        assertEquals(JobState.Succeeded, awaitLatestJob(h.id()).state());
        assertEquals(404, admin.get(page).statusCode());
    }

    JobView awaitLatestJob(String hostId) {
        String jobId = jobs.forResource(Caller.system(), hostId, 1).get(0).id();
        return jobs.await(Caller.system(), jobId, Duration.ofSeconds(30));
    }
}
