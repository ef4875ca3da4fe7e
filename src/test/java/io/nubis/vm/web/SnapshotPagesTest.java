package io.nubis.vm.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Jobs;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a tenant takes, reverts, copies and deletes snapshots of a volume through the portal's forms (simulated
 * host); a bad name comes back with its error, a refused revert as the page's message, another tenant gets a 404.
 */
@QuarkusTest
class SnapshotPagesTest {

    @Inject
    SimulatorControl simulator;

    static List<Map<String, Object>> snapshots(String volume) {
        return as(Tokens.ALICE).get("/v1/volumes/" + volume + "/snapshots").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    static void awaitReady(String volume, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Map<String, Object>> all = snapshots(volume);
            return all.size() == count && all.stream().allMatch(s -> "Ready".equals(s.get("status")));
        });
    }

    @Test
    void aTenantManagesSnapshotsThroughForms() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        JsonPath created = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("ps")));
        String vm = created.getString("resourceId");
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("rootVolumeId");
        String page = "/portal/volumes/" + root + "/snapshots";
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        assertThat(alice.get("/portal/volumes").asString(), containsString(page));
        assertThat(alice.get(page).asString(), containsString("id=\"no-snapshots\""));

        Response bad = alice.submit(page, page, Map.of("name", "no spaces;", "description", ""));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("value=\"no spaces;\""));
        assertThat(bad.asString(), containsString("id=\"e-name\""));

        Response taken = alice.submit(page, page, Map.of("name", "before-upgrade", "description", "known good"));
        assertEquals(303, taken.statusCode(), taken.asString());
        assertThat(alice.follow(taken).asString(), containsString("Taking the snapshot before-upgrade."));
        awaitReady(root, 1);
        String html = alice.get(page).asString();
        assertThat(html, containsString("data-snapshot=\"before-upgrade\""));
        assertThat(html, containsString("known good"));
        assertThat(html, containsString(">current<"));
        String s1 = (String) snapshots(root).get(0).get("id");

        // the VM runs: a revert is refused with the reason
        Response refused = alice.submit(page, page + "/" + s1 + "/revert", Map.of());
        assertThat(alice.follow(refused).asString(), containsString("Running"));
        Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then().statusCode(202).extract()
                .path("jobId"));
        assertEquals(303, alice.submit(page, page, Map.of("name", "second", "description", "")).statusCode());
        awaitReady(root, 2);
        Response reverted = alice.submit(page, page + "/" + s1 + "/revert", Map.of());
        assertThat(alice.follow(reverted).asString(), containsString("Reverting the volume to before-upgrade."));
        awaitReady(root, 2);
        assertEquals(s1, as(Tokens.ALICE).get("/v1/volumes/" + root).path("currentSnapshotId"));

        // a new volume from it, then the snapshot goes
        Response copied = alice.submit(page, page + "/" + s1 + "/volume", Map.of("name", "restored"));
        assertThat(alice.follow(copied).asString(), containsString("Making the volume restored"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "Ready".equals(as(Tokens.ALICE)
                .queryParam("size", 100).get("/v1/volumes").then().extract().path(
                        "items.find { it.name == 'restored' }.status")));
        String imageName = unique("golden");
        Response imaged = alice.submit(page, page + "/" + s1 + "/image", Map.of("name", imageName));
        assertThat(alice.follow(imaged).asString(), containsString("Making the image " + imageName));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "Ready".equals(as(Tokens.ALICE)
                .queryParam("q", imageName).get("/v1/images").then().extract().path(
                        "items.find { it.name == '" + imageName + "' }.status")));
        awaitReady(root, 2);
        Response deleted = alice.submit(page, page + "/" + s1 + "/delete", Map.of());
        assertThat(alice.follow(deleted).asString(), containsString("Deleting the snapshot before-upgrade."));
        awaitReady(root, 1);
        assertThat(alice.get(page).asString(), not(containsString("data-snapshot=\"before-upgrade\"")));

        // another tenant: not there
        PortalSession bob = PortalSession.login(Tokens.BOB);
        assertEquals(404, bob.get(page).statusCode());
    }
}
