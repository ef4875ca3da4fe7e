package io.nubis.compute.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.compute.ClusterInput;
import io.nubis.compute.ClusterService;
import io.nubis.compute.ClusterView;
import io.nubis.compute.HostInput;
import io.nubis.compute.HostService;
import io.nubis.compute.ZoneInput;
import io.nubis.compute.ZoneService;
import io.nubis.iam.Caller;
import io.nubis.job.JobService;
import io.nubis.job.JobState;
import io.nubis.platform.PageRequest;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterPagesTest {

    static PortalSession admin;

    @Inject
    ZoneService zones;
    @Inject
    ClusterService clusters;
    @Inject
    HostService hosts;
    @Inject
    JobService jobs;

    String zoneId;
    String zoneName;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
    }

    @BeforeEach
    void zone() {
        zoneName = unique("cz");
        zoneId = zones.create(Caller.system(), new ZoneInput(zoneName, null)).id();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    List<ClusterView> clustersOfZone() {
        return clusters.list(Caller.system(), zoneId, null, new PageRequest(1, 50)).items();
    }

    Response create(Map<String, String> fields) {
        return admin.submit("/admin/clusters/new?zoneId=" + zoneId, "/admin/clusters", fields);
    }

    @Test
    void createFormOffersZonesAndHypervisorTypes() {
        String html = admin.get("/admin/clusters/new?zoneId=" + zoneId).asString();
        assertThat(html, containsString("<option value=\"" + zoneId + "\" selected>" + zoneName + "</option>"));
        assertThat(html, containsString("<option value=\"KVM\" selected>KVM</option>"));
        assertThat(html, containsString("<option value=\"Simulator\">Simulator</option>"));
    }

    @Test
    void adminCreatesEditsAndDeletesClusterThroughForms() {
        String name = unique("cl");
        Response created = create(Map.of("zoneId", zoneId, "name", name, "hypervisorType", "Simulator"));
        assertEquals(303, created.statusCode(), created.asString());
        ClusterView c = clustersOfZone().get(0);
        assertEquals(name, c.name());
        assertThat(created.header("Location"), containsString("/admin/clusters/" + c.id()));
        assertThat(admin.follow(created).asString(), containsString("Cluster " + name + " was created."));
        assertThat(admin.get("/admin/clusters?zoneId=" + zoneId).asString(), containsString(name));
        assertThat(admin.get("/admin/zones/" + zoneId).asString(), containsString(name));

        String renamed = unique("cl2");
        Response updated = admin.submit("/admin/clusters/" + c.id() + "/edit", "/admin/clusters/" + c.id(),
                Map.of("name", renamed, "description", "edited"));
        assertEquals(303, updated.statusCode(), updated.asString());
        assertEquals(renamed, clusters.get(Caller.system(), c.id()).name());

        Response deleted = admin.submit("/admin/clusters/" + c.id() + "/delete",
                "/admin/clusters/" + c.id() + "/delete", Map.of());
        assertEquals(303, deleted.statusCode(), deleted.asString());
        assertTrue(clustersOfZone().isEmpty());
    }

    @Test
    void everyInvalidFieldIsShownUnderItsInputAndNothingIsWritten() {
        Response blank = create(Map.of("zoneId", zoneId, "name", "", "hypervisorType", "Simulator"));
        assertEquals(400, blank.statusCode());
        assertThat(blank.asString(), containsString("id=\"e-name\">must not be blank<"));

        Response bad = create(Map.of("zoneId", zoneId, "name", "bad/name", "hypervisorType", "Simulator"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("id=\"e-name\">must be 1-64 letters"));

        String unknownZone = UUID.randomUUID().toString();
        Response noZone = create(Map.of("zoneId", unknownZone, "name", unique("x"), "hypervisorType", "Simulator"));
        assertEquals(400, noZone.statusCode());
        assertThat(noZone.asString(), containsString("id=\"e-zoneId\">no zone has id " + unknownZone + "<"));

        Response notAnId = create(Map.of("zoneId", "zone-1", "name", unique("x"), "hypervisorType", "Simulator"));
        assertEquals(400, notAnId.statusCode());
        assertThat(notAnId.asString(), containsString("id=\"e-zoneId\">must be an id (UUID)<"));

        Response badType = create(Map.of("zoneId", zoneId, "name", unique("x"), "hypervisorType", "VMware"));
        assertEquals(400, badType.statusCode());
        assertThat(badType.asString(), containsString("VMware is not a hypervisor type here"));
        assertTrue(clustersOfZone().isEmpty());

        String name = unique("dup");
        assertEquals(303, create(Map.of("zoneId", zoneId, "name", name, "hypervisorType", "Simulator")).statusCode());
        Response dup = create(Map.of("zoneId", zoneId, "name", name, "hypervisorType", "Simulator"));
        assertEquals(400, dup.statusCode());
        assertThat(dup.asString(), containsString("the name " + name + " is already used in this zone"));
        assertThat(dup.asString(), containsString("value=\"" + name + "\""));
        assertEquals(1, clustersOfZone().size());
    }

    @Test
    void nonEmptyZoneIsDeletedOnlyWithCascadeAsAJob() {
        String clusterId = clusters.create(Caller.system(), new ClusterInput(zoneId, unique("c"), null, "Simulator"))
                .id();
        hosts.add(Caller.system(), new HostInput(clusterId, null, null, unique("sim") + ".example", null, null));

        Response confirm = admin.get("/admin/zones/" + zoneId + "/delete");
        assertEquals(200, confirm.statusCode());
        assertThat(confirm.asString(), containsString("holds 1 cluster(s) and 1 host(s)"));
        assertThat(confirm.asString(), containsString("name=\"cascade\""));

        Response refused = admin.post("/admin/zones/" + zoneId + "/delete", PortalSession.csrfToken(confirm.asString()),
                Map.of());
        assertEquals(409, refused.statusCode());
        assertThat(refused.asString(), containsString("id=\"delete-error\">Zone " + zoneName
                + " still holds 1 cluster(s) and 1 host(s). Delete them first, or delete with cascade."));
        assertEquals("Enabled", zones.get(Caller.system(), zoneId).state().name());

        Response cascade = admin.submit("/admin/zones/" + zoneId + "/delete", "/admin/zones/" + zoneId + "/delete",
                Map.of("cascade", "true"));
        assertEquals(303, cascade.statusCode(), cascade.asString());
        assertThat(cascade.header("Location"), matchesPattern(".*/jobs/[0-9a-f-]{36}$"));
        Response job = admin.follow(cascade);
        assertEquals(200, job.statusCode());
        assertThat(job.asString(), containsString("zone.delete"));
        assertThat(job.asString(), containsString("is being deleted with everything in it"));

        String jobId = cascade.header("Location").substring(cascade.header("Location").lastIndexOf('/') + 1);
        assertEquals(JobState.Succeeded, jobs.await(Caller.system(), jobId, Duration.ofSeconds(30)).state());
        assertEquals(404, admin.get("/admin/zones/" + zoneId).statusCode());
        assertThat(admin.get("/jobs/" + jobId).asString(), containsString("Succeeded"));
    }

    @Test
    void nonEmptyClusterIsRefusedWithoutCascade() {
        String clusterId = clusters.create(Caller.system(), new ClusterInput(zoneId, unique("c"), null, "Simulator"))
                .id();
        hosts.add(Caller.system(), new HostInput(clusterId, null, null, unique("sim") + ".example", null, null));
        Response refused = admin.submit("/admin/clusters/" + clusterId + "/delete",
                "/admin/clusters/" + clusterId + "/delete", Map.of());
        assertEquals(409, refused.statusCode());
        assertThat(refused.asString(), containsString("still holds 1 host(s)"));
        assertThat(refused.asString(), not(containsString("Exception")));
    }
}
