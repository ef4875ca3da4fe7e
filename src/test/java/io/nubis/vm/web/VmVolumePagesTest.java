package io.nubis.vm.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.driver.simulator.SimulatorControl;
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

/** Issue 8: a tenant adds, detaches, attaches and deletes data volumes through the portal (simulated host). */
@QuarkusTest
class VmVolumePagesTest {

    @Inject
    SimulatorControl simulator;

    List<Map<String, Object>> dataVolumes(String vm) {
        return as(Tokens.ALICE).queryParam("vmId", vm).get("/v1/volumes").then().extract().jsonPath()
                .getList("items.findAll { it.type == 'Data' }");
    }

    void awaitStatus(String volume, String vmId) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath v = as(Tokens.ALICE).get("/v1/volumes/" + volume).then().extract().jsonPath();
            return "Ready".equals(v.getString("status")) && java.util.Objects.equals(vmId, v.getString("vmId"));
        });
    }

    @Test
    void aTenantManagesDataVolumesThroughForms() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        JsonPath created = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("pv")));
        String vm = created.getString("resourceId");
        String page = "/portal/vms/" + vm + "/volumes";
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        assertThat(alice.get("/portal/vms/" + vm).asString(), containsString(page));
        assertThat(alice.get(page).asString(), containsString("id=\"no-volumes\""));

        Response bad = alice.submit(page, page, Map.of("name", "d1", "sizeGib", "lots"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("must be a whole number"));
        assertThat(bad.asString(), containsString("value=\"lots\""));
        Response big = alice.submit(page, page, Map.of("name", "d1", "sizeGib", "0"));
        assertEquals(400, big.statusCode());
        assertThat(big.asString(), containsString("must be between 1 and 65536"));

        Response added = alice.submit(page, page, Map.of("name", "d1", "sizeGib", "2"));
        assertEquals(303, added.statusCode(), added.asString());
        assertThat(alice.follow(added).asString(), containsString("Volume d1 is being added."));
        String volume = (String) dataVolumes(vm).get(0).get("id");
        awaitStatus(volume, vm);
        assertThat(alice.get(page).asString(), containsString("vdb"));

        Response detached = alice.submit(page, page + "/" + volume + "/detach", Map.of());
        assertEquals(303, detached.statusCode());
        awaitStatus(volume, null);
        Response attached = alice.submit(page, page + "/attach", Map.of("volumeId", volume));
        assertEquals(303, attached.statusCode());
        awaitStatus(volume, vm);

        // grow it while the VM is stopped
        io.nubis.testing.Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop").then()
                .statusCode(202).extract().path("jobId"));
        Response tooSmall = alice.submit(page, page + "/" + volume + "/resize", Map.of("sizeGib", "1"));
        assertThat(alice.follow(tooSmall).asString(), containsString("a new size must be larger"));
        Response grown = alice.submit(page, page + "/" + volume + "/resize", Map.of("sizeGib", "3"));
        assertThat(alice.follow(grown).asString(), containsString("is being resized"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> as(Tokens.ALICE).get("/v1/volumes/" + volume)
                .then().extract().jsonPath().getLong("sizeBytes") == 3L << 30);
        awaitStatus(volume, vm);

        // delete is refused while attached (an error message), works once detached
        // (the VM's volumes page has a form, so a CSRF token, whatever the volumes list shows)
        Response refused = alice.submit(page, "/portal/volumes/" + volume + "/delete", Map.of());
        assertEquals(303, refused.statusCode());
        assertThat(alice.follow(refused).asString(), containsString("detach it first"));
        alice.submit(page, page + "/" + volume + "/detach", Map.of());
        awaitStatus(volume, null);
        Response deleted = alice.submit("/portal/volumes", "/portal/volumes/" + volume + "/delete", Map.of());
        assertEquals(303, deleted.statusCode());
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> as(Tokens.ALICE).get("/v1/volumes/" + volume).statusCode() == 404);
        // another tenant cannot open the page
        assertEquals(404, PortalSession.login(Tokens.BOB).get(page).statusCode());
    }
}
