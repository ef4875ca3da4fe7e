package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static io.nubis.vm.api.VmMigrationTest.created;
import static io.nubis.vm.api.VmMigrationTest.destroy;
import static io.nubis.vm.api.VmMigrationTest.hostOf;
import static io.nubis.vm.api.VmMigrationTest.other;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Api;
import io.nubis.testing.Invariants;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: iSCSI primary storage on simulated hosts (the simulator's target offers 16 LUNs of 20 GiB): the create
 * form's rules, volumes taking whole LUNs (and giving them back), the capacity following the LUNs, what a LUN cannot do
 * (snapshots, resizing, images) refused with a reason before any job, and live migration between hosts that reach the
 * target. Real LUNs of a tgt target are in IscsiStorageKvmTest.
 */
@QuarkusTest
class IscsiStorageSimulatorTest {

    private static final long LUN = 20L << 30;

    @Inject
    SimulatorControl simulator;
    @Inject
    AgroalDataSource db;
    @Inject
    io.nubis.job.JobFaultHook faults;

    @org.junit.jupiter.api.AfterEach
    void disarm() {
        faults.reset();
    }

    @Test
    void badTargetsAreRefusedPerField() {
        String zone = Api.zone(unique("iz"));
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("i"), "type", "iSCSI", "portal", "san;reboot",
                "iqn", "iqn.2026-12.example:x$(id)")).post("/v1/primary-storage").then().statusCode(400)
                .body("errors.field", hasItems("portal", "iqn"));
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("i"), "type", "iSCSI", "portal", "10.0.0.1:99999",
                "iqn", "iqn.2026-12.Example.SAN")).post("/v1/primary-storage").then().statusCode(400)
                .body("errors.field", hasItems("portal", "iqn"));
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("i"), "type", "iSCSI")).post("/v1/primary-storage")
                .then().statusCode(400).body("errors.field", hasItems("portal", "iqn"));
        String iqn = "iqn.2026-12.example.san:" + unique("dup");
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("i"), "type", "iSCSI", "portal", "SAN.example:3260",
                "iqn", iqn)).post("/v1/primary-storage").then().statusCode(201).body("server", is("san.example"))
                .body("path", is(iqn));
        // the same target again (the portal written differently) would hand out the same LUNs
        as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("i"), "type", "iSCSI", "portal", "san.example",
                "iqn", iqn)).post("/v1/primary-storage").then().statusCode(400).body("errors.field", hasItems("iqn"));
    }

    @Test
    void volumesTakeWholeLunsAndGiveThemBack() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 2, 8, 8192, 4, "iSCSI");
        String vm = created(c, "iscsi");
        JsonPath rootVolume = as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").jsonPath();
        String root = rootVolume.getString("items[0].path");
        String psId = rootVolume.getString("items[0].primaryStorageId");
        assertTrue(root.matches("^iscsi://san\\.example/iqn\\.2026-12\\.example\\.san:t-[0-9-]+/([1-9]|1[0-6])$"),
                root);
        JsonPath view = as(Tokens.ADMIN).get("/v1/primary-storage/" + psId).jsonPath();
        assertEquals(16, view.getList("luns").size(), view.prettify());
        assertEquals(16 * LUN, view.getLong("totalBytes"));
        assertEquals(15 * LUN, view.getLong("availableBytes"));
        String rootId = rootVolume.getString("items[0].id");
        assertEquals(1, view.getList("luns.findAll { it.volumeId == '" + rootId + "' }").size());

        // what a whole LUN cannot do is refused at once, before any job
        as(Tokens.ALICE).body(Map.of("name", "s1")).post("/v1/volumes/" + rootId + "/snapshots").then()
                .statusCode(409).body("code", is("error_iscsi_no_snapshots"));
        as(Tokens.ALICE).body(Map.of("sizeGib", 30)).post("/v1/vm-instances/" + vm + "/resize-root").then()
                .statusCode(409).body("code", is("error_iscsi_no_snapshots"));
        // no LUN is larger than 20 GiB: a 21 GiB volume is refused with the largest free LUN named; nothing is made
        as(Tokens.ALICE).body(Map.of("name", "big", "sizeGib", 21)).post("/v1/vm-instances/" + vm + "/volumes").then()
                .statusCode(409).body("code", is("error_iscsi_no_lun"));
        JsonPath added = as(Tokens.ALICE).body(Map.of("name", "data", "sizeGib", 2))
                .post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(202).extract().jsonPath();
        assertEquals("Succeeded", Jobs.awaitFinal(added.getString("jobId")).getString("state"));
        String data = added.getString("resource.id");
        String dataPath = as(Tokens.ADMIN).get("/v1/volumes/" + data).path("path");
        assertNotEquals(root, dataPath);
        assertEquals(14 * LUN,
                as(Tokens.ADMIN).get("/v1/primary-storage/" + psId).jsonPath().getLong("availableBytes"));

        // the LUNs are shared: the VM moves live to the other host with both volumes
        String target = other(c, hostOf(vm));
        JsonPath moved = Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", target))
                .post("/v1/vm-instances/" + vm + "/migrate").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", moved.getString("state"), moved.prettify());
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
        Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop?force=true").then().statusCode(202)
                .extract().path("jobId"));
        as(Tokens.ALICE).body(Map.of("sizeGib", 3)).post("/v1/vm-instances/" + vm + "/volumes/" + data + "/resize")
                .then().statusCode(409).body("code", is("error_iscsi_no_snapshots"));
        as(Tokens.ALICE).body(Map.of("name", unique("img"))).post("/v1/volumes/" + rootId + "/images").then()
                .statusCode(409).body("code", is("error_iscsi_no_snapshots"));

        destroy(vm);
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/volumes/" + data).then()
                .statusCode(202).extract().path("jobId")).getString("state"));
        JsonPath after = as(Tokens.ADMIN).get("/v1/primary-storage/" + psId).jsonPath();
        assertEquals(16 * LUN, after.getLong("availableBytes"), after.prettify());
        List<Object> held = after.getList("luns.findAll { it.volumeId != null }");
        assertTrue(held.isEmpty(), after.prettify());
    }

    /**
     * A refresh lists the target's LUNs again: one Nubis did not know (its row removed here, as if the storage admin
     * had just added it) becomes usable and counts in the capacity. A crash after the job's step is settled by recovery
     * (the step asks again).
     */
    @Test
    void aRefreshFindsNewLunsAndACrashAfterItsStepIsSettled() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 2, "iSCSI");
        String vm = created(c, "refresh");
        String psId = as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").path("items[0].primaryStorageId");
        try (java.sql.Connection conn = db.getConnection();
                java.sql.PreparedStatement st = conn.prepareStatement("DELETE FROM iscsi_lun WHERE"
                        + " primary_storage_id = ? AND lun = 16 AND volume_id IS NULL")) {
            st.setString(1, psId);
            assertEquals(1, st.executeUpdate());
            conn.commit();
        }
        assertEquals(15, as(Tokens.ADMIN).get("/v1/primary-storage/" + psId).jsonPath().getList("luns").size());
        faults.armAfterStep(io.nubis.storage.PrimaryStorageRefreshWorkflow.TYPE, "rescan");
        as(Tokens.ADMIN).post("/v1/primary-storage/" + psId + "/refresh").then().statusCode(202);
        String job = io.nubis.testing.Crashes.crashedJob(faults, io.nubis.storage.PrimaryStorageRefreshWorkflow.TYPE,
                "rescan");
        faults.reset();
        io.nubis.testing.Crashes.expire(db, job);
        assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
        JsonPath view = as(Tokens.ADMIN).get("/v1/primary-storage/" + psId).jsonPath();
        assertEquals(16, view.getList("luns").size(), view.prettify());
        assertEquals(16 * LUN, view.getLong("totalBytes"));
        assertEquals(15 * LUN, view.getLong("availableBytes"), "the root volume keeps its LUN");
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ADMIN).post("/v1/primary-storage/" + psId + "/refresh")
                .then().statusCode(202).extract().path("jobId")).getString("state"));
        as(Tokens.ALICE).post("/v1/primary-storage/" + psId + "/refresh").then().statusCode(403);
        destroy(vm);
    }

    /**
     * Images are cached per host on iSCSI storage: an ISO in a VM's drive is copied into the target's cache before the
     * VM moves there. A detached data volume whose host was removed is deleted (its LUN zeroed and freed) through
     * another host of the storage.
     */
    @Test
    void anIsoFollowsItsVmAndAVolumeOutlivesItsHost() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 2, 8, 8192, 4, "iSCSI");
        String vm = created(c, "iso");
        String psId = as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").path("items[0].primaryStorageId");
        String iso = IsoTest.iso();
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).body(Map.of("imageId", iso))
                .post("/v1/vm-instances/" + vm + "/iso").then().statusCode(202).extract().path("jobId"))
                .getString("state"));
        String cached = "/var/lib/nubis/iscsi/" + psId + "/images/" + iso + ".iso";
        String source = hostOf(vm);
        String target = other(c, source);
        assertTrue(simulator.files(VmMigrationTest.address(c, source)).contains(cached));
        assertTrue(!simulator.files(VmMigrationTest.address(c, target)).contains(cached));
        JsonPath moved = Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", target))
                .post("/v1/vm-instances/" + vm + "/migrate").then().statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", moved.getString("state"), moved.prettify());
        assertTrue(simulator.files(VmMigrationTest.address(c, target)).contains(cached), "the ISO went first");

        JsonPath added = as(Tokens.ALICE).body(Map.of("name", "data", "sizeGib", 1))
                .post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(202).extract().jsonPath();
        assertEquals("Succeeded", Jobs.awaitFinal(added.getString("jobId")).getString("state"));
        String data = added.getString("resource.id");
        String lun = as(Tokens.ADMIN).get("/v1/volumes/" + data).path("path");
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/volumes/" + data
                + "/detach").then().statusCode(202).extract().path("jobId")).getString("state"));
        // the VM goes back; the host that made the volume leaves Nubis
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("hostId", source))
                .post("/v1/vm-instances/" + vm + "/migrate").then().statusCode(202).extract().path("jobId"))
                .getString("state"));
        String removed = as(Tokens.ADMIN).delete("/v1/hosts/" + target).then().statusCode(202).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(removed).getString("state"));
        assertTrue(simulator.fileVirtualSize(VmMigrationTest.address(c, source), lun).isPresent());
        JsonPath deleted = Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/volumes/" + data).then().statusCode(202)
                .extract().path("jobId"));
        assertEquals("Succeeded", deleted.getString("state"), deleted.prettify());
        assertTrue(simulator.fileVirtualSize(VmMigrationTest.address(c, source), lun).isEmpty(),
                "deleted through the other host");
        JsonPath view = as(Tokens.ADMIN).get("/v1/primary-storage/" + psId).jsonPath();
        assertEquals(15 * LUN, view.getLong("availableBytes"), "only the root volume holds a LUN");
        destroy(vm);
    }
}
