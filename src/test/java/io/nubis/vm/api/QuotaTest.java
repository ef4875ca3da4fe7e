package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.iam.QuotaKind;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, quotas: an account's limits (its own, else the defaults) stop VM creates, data volumes, growth, snapshots
 * and images at the limit with 409 and nothing made; parallel creates cannot pass a limit together (50 against 10 left:
 * exactly 10); tenants read their own quotas only and cannot change them; bad limits are 400 per kind.
 */
@QuarkusTest
class QuotaTest {

    @Inject
    SimulatorControl simulator;

    String account;

    @AfterEach
    void noLimitsLeft() {
        io.nubis.testing.Quotas.clear(account);
    }

    long usage(String kind) {
        return as(Tokens.ALICE).get("/v1/accounts/" + account + "/quotas").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.kind == '" + kind + "' }.usage");
    }

    void limit(String kind, long value) {
        as(Tokens.ADMIN).body(Map.of(kind.toLowerCase(Locale.ROOT), value)).put("/v1/accounts/" + account + "/quotas")
                .then().statusCode(200).body("find { it.kind == '" + kind + "' }.limit", is((int) value))
                .body("find { it.kind == '" + kind + "' }.source", is("account"));
    }

    @Test
    void limitsStopWhatWouldPassThem() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 64, 65536, 60);
        String vm = DataVolumeTest.vm(c);
        account = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("accountId");

        // VMs: one more, then 409 and no VM made
        limit("VMS", usage("VMS") + 1);
        DataVolumeTest.vm(c);
        long vms = usage("VMS");
        as(Tokens.ALICE).body(VmFixtures.vmBody(c, unique("over"))).post("/v1/vm-instances").then().statusCode(409)
                .body("code", is("error_quota_exceeded"));
        assertEquals(vms, usage("VMS"));
        limit("VMS", -1);

        // data volumes and their capacity
        limit("DATA_VOLUMES", usage("DATA_VOLUMES") + 1);
        DataVolumeTest.Added one = DataVolumeTest.add(vm, DataVolumeTest.sized("q1", 1));
        assertEquals("Succeeded", one.state());
        as(Tokens.ALICE).body(DataVolumeTest.sized("q2", 1)).post("/v1/vm-instances/" + vm + "/volumes").then()
                .statusCode(409).body("code", is("error_quota_exceeded"));
        limit("DATA_VOLUMES", -1);
        limit("VOLUME_GIB", usage("VOLUME_GIB") + 1);
        as(Tokens.ALICE).body(DataVolumeTest.sized("q3", 2)).post("/v1/vm-instances/" + vm + "/volumes").then()
                .statusCode(409);
        as(Tokens.ALICE).body(Map.of("sizeGib", 3)).post("/v1/vm-instances/" + vm + "/volumes/" + one.volume()
                + "/resize").then().statusCode(409).body("code", is("error_quota_exceeded"));
        assertEquals(1L << 30, DataVolumeTest.volume(one.volume()).getLong("sizeBytes"));
        limit("VOLUME_GIB", -1);

        // snapshots and images
        limit("SNAPSHOTS", usage("SNAPSHOTS"));
        as(Tokens.ALICE).body(Map.of("name", "s")).post("/v1/volumes/" + one.volume() + "/snapshots").then()
                .statusCode(409).body("code", is("error_quota_exceeded"));
        limit("IMAGES", usage("IMAGES"));
        as(Tokens.ALICE).contentType("application/octet-stream").body(new byte[4096]).queryParam("name", unique("qi"))
                .queryParam("format", "raw").post("/v1/images/upload").then().statusCode(409)
                .body("code", is("error_quota_exceeded"));

        // defaults apply to accounts without their own limit (bob's account)
        as(Tokens.ADMIN).body(Map.of("vms", 0)).put("/v1/quota-defaults").then().statusCode(200);
        as(Tokens.BOB).body(VmFixtures.vmBody(c, unique("bob"))).post("/v1/vm-instances").then().statusCode(409);
    }

    @Test
    void parallelCreatesCannotPassALimitTogether() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 64, 65536, 60);
        String vm = DataVolumeTest.vm(c);
        account = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("accountId");
        limit("VMS", usage("VMS") + 10);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> codes = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String name = unique("par");
                codes.add(pool.submit(() -> as(Tokens.ALICE).body(VmFixtures.vmBody(c, name))
                        .post("/v1/vm-instances").statusCode()));
            }
            int accepted = 0;
            for (Future<Integer> f : codes) {
                int code = f.get();
                if (code == 202) {
                    accepted++;
                } else {
                    assertEquals(409, code);
                }
            }
            assertEquals(10, accepted);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void tenantsReadTheirOwnQuotasAndCannotChangeThem() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 10);
        account = as(Tokens.ALICE).get("/v1/vm-instances/" + DataVolumeTest.vm(c)).path("accountId");
        JsonPath own = as(Tokens.ALICE).get("/v1/accounts/" + account + "/quotas").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(QuotaKind.values().length, own.getList("$").size());
        as(Tokens.BOB).get("/v1/accounts/" + account + "/quotas").then().statusCode(404);
        // the tenant's home page shows usage against the limit
        long vms = usage("VMS");
        limit("VMS", vms + 5);
        String home = io.nubis.testing.PortalSession.login(Tokens.ALICE).get("/portal").asString();
        org.hamcrest.MatcherAssert.assertThat(home, org.hamcrest.Matchers.containsString("data-quota=\"VMS\""));
        org.hamcrest.MatcherAssert.assertThat(home, org.hamcrest.Matchers.containsString(vms + " / " + (vms + 5)));
        as(Tokens.ALICE).body(Map.of("vms", 100)).put("/v1/accounts/" + account + "/quotas").then().statusCode(403);
        as(Tokens.ALICE).get("/v1/quota-defaults").then().statusCode(403);
        as(Tokens.ADMIN).body(Map.of("nonsense", 1, "vms", -5)).put("/v1/accounts/" + account + "/quotas").then()
                .statusCode(400).body("errors.field", hasItem("nonsense")).body("errors.field", hasItem("vms"));
        as(Tokens.ADMIN).body(Map.of("vms", 1)).put("/v1/accounts/00000000-0000-4000-8000-000000000000/quotas")
                .then().statusCode(404);
    }
}
