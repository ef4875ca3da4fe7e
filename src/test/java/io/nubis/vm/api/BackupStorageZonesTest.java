package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Api;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: backup storage attached to zones. Attached to none it serves every zone; attached to some, VMs of other
 * zones cannot be made from its images (400 on imageId at request time, nothing created); detached from its last zone
 * it serves all again. Admins only; unknown zones are 400s.
 */
@QuarkusTest
class BackupStorageZonesTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    io.nubis.job.JobFaultHook faults;
    @Inject
    io.agroal.api.AgroalDataSource db;

    @org.junit.jupiter.api.AfterEach
    void disarm() {
        faults.reset();
    }

    @Test
    void imagesAreUsableOnlyInTheZonesTheirStoreServes() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 4);
        String bs = as(Tokens.ADMIN).get("/v1/images/" + c.image()).path("backupStorageId");
        String url = "/v1/backup-storage/" + bs + "/zones";
        as(Tokens.ADMIN).get("/v1/backup-storage/" + bs).then().body("zones", empty());
        String other = Api.zone(unique("bz"));

        as(Tokens.ADMIN).body(Map.of("zoneId", other)).post(url).then().statusCode(200)
                .body("zones.id", is(List.of(other)));
        as(Tokens.ADMIN).body(Map.of("zoneId", other)).post(url).then().statusCode(200)
                .body("zones.id", is(List.of(other)));
        long vmsBefore = as(Tokens.ALICE).get("/v1/vm-instances?size=100").jsonPath().getLong("total");
        as(Tokens.ALICE).body(VmFixtures.vmBody(c, unique("nozone"))).post("/v1/vm-instances").then()
                .statusCode(400).body("errors.field", hasItem("imageId"));
        assertEquals(vmsBefore, as(Tokens.ALICE).get("/v1/vm-instances?size=100").jsonPath().getLong("total"),
                "nothing was made");

        as(Tokens.ADMIN).body(Map.of("zoneId", c.zone())).post(url).then().statusCode(200)
                .body("zones.id", hasItem(c.zone()));
        JsonPath made = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("zoned")));
        assertEquals("Succeeded", made.getString("state"), made.prettify());

        as(Tokens.ADMIN).delete(url + "/" + c.zone()).then().statusCode(200).body("zones.id", is(List.of(other)));
        as(Tokens.ALICE).body(VmFixtures.vmBody(c, unique("nozone"))).post("/v1/vm-instances").then()
                .statusCode(400).body("errors.field", hasItem("imageId"));
        as(Tokens.ADMIN).delete(url + "/" + other).then().statusCode(200).body("zones", empty());
        JsonPath again = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("global")));
        assertEquals("Succeeded", again.getString("state"), "serving every zone again: " + again.prettify());

        as(Tokens.ADMIN).body(Map.of("zoneId", "00000000-0000-0000-0000-000000000000")).post(url).then()
                .statusCode(400).body("errors.field", hasItem("zoneId"));
        as(Tokens.ADMIN).body(Map.of()).post(url).then().statusCode(400).body("errors.field", hasItem("zoneId"));
        as(Tokens.ALICE).body(Map.of("zoneId", other)).post(url).then().statusCode(403);
        VmMigrationTest.destroy(made.getString("resourceId"));
        VmMigrationTest.destroy(again.getString("resourceId"));
    }

    /**
     * An image lives on several stores: copied (job image.copy, SHA-256 checked) to a store that serves the VMs' zone
     * while its own store does not, VMs of that zone are made from the copy (the host reads the copy's store). Copying
     * twice, onto its own store or as a tenant is refused; a store holding a copy cannot be deleted; deleting the image
     * removes the copy. A crash after either step of image.copy is settled by recovery.
     */
    @Test
    void anImageCopiedToAnotherStoreServesThatStoresZones() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 4);
        String own = as(Tokens.ADMIN).get("/v1/images/" + c.image()).path("backupStorageId");
        String elsewhere = Api.zone(unique("bz"));
        as(Tokens.ADMIN).body(Map.of("zoneId", elsewhere)).post("/v1/backup-storage/" + own + "/zones").then()
                .statusCode(200);
        as(Tokens.ALICE).body(VmFixtures.vmBody(c, unique("nozone"))).post("/v1/vm-instances").then()
                .statusCode(400).body("errors.field", hasItem("imageId"));

        String address = unique("copybs") + ".example";
        String other = io.nubis.storage.StorageFixtures.simulatorBackupStorage(address);
        as(Tokens.ADMIN).body(Map.of("zoneId", c.zone())).post("/v1/backup-storage/" + other + "/zones").then()
                .statusCode(200);
        String copies = "/v1/images/" + c.image() + "/copies";
        as(Tokens.ALICE).body(Map.of("backupStorageId", other)).post(copies).then().statusCode(403);
        as(Tokens.ADMIN).body(Map.of("backupStorageId", own)).post(copies).then().statusCode(409)
                .body("code", is("error_image_copy_exists"));
        as(Tokens.ADMIN).body(Map.of("backupStorageId", "00000000-0000-0000-0000-000000000000")).post(copies).then()
                .statusCode(400).body("errors.field", hasItem("backupStorageId"));

        faults.armAfterStep(io.nubis.storage.ImageCopyWorkflow.TYPE, "record-copy");
        as(Tokens.ADMIN).body(Map.of("backupStorageId", other)).post(copies).then().statusCode(202);
        String crashed = io.nubis.testing.Crashes.crashedJob(faults, io.nubis.storage.ImageCopyWorkflow.TYPE,
                "record-copy");
        faults.reset();
        io.nubis.testing.Crashes.expire(db, crashed);
        assertEquals("Succeeded", io.nubis.testing.Jobs.awaitFinal(crashed).getString("state"));
        JsonPath image = as(Tokens.ADMIN).get("/v1/images/" + c.image()).jsonPath();
        assertEquals(List.of(other), image.getList("copies.backupStorageId"), image.prettify());
        assertEquals(List.of("Ready"), image.getList("copies.status"));
        String path = image.getString("copies[0].path");
        assertTrue(simulator.files(address).contains(path), simulator.files(address).toString());
        as(Tokens.ADMIN).body(Map.of("backupStorageId", other)).post(copies).then().statusCode(409)
                .body("code", is("error_image_copy_exists"));
        as(Tokens.ALICE).get("/v1/images/" + c.image()).then().body("copies", empty());

        int opens = simulator.calls(address, io.nubis.driver.simulator.SimulatorAction.BS_OPEN);
        JsonPath made = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("fromcopy")));
        assertEquals("Succeeded", made.getString("state"), made.prettify());
        assertTrue(simulator.calls(address, io.nubis.driver.simulator.SimulatorAction.BS_OPEN) > opens,
                "the host read the copy's store");
        as(Tokens.ADMIN).delete("/v1/backup-storage/" + other).then().statusCode(409);
        VmMigrationTest.destroy(made.getString("resourceId"));

        // the copy goes alone (a crash after its step is settled); the zone loses the image again
        as(Tokens.ADMIN).delete(copies + "/" + own).then().statusCode(404);
        faults.armAfterStep(io.nubis.storage.ImageCopyWorkflow.Remove.TYPE, "remove-copy");
        as(Tokens.ADMIN).delete(copies + "/" + other).then().statusCode(202);
        String removing = io.nubis.testing.Crashes.crashedJob(faults, io.nubis.storage.ImageCopyWorkflow.Remove.TYPE,
                "remove-copy");
        faults.reset();
        io.nubis.testing.Crashes.expire(db, removing);
        assertEquals("Succeeded", io.nubis.testing.Jobs.awaitFinal(removing).getString("state"));
        as(Tokens.ADMIN).get("/v1/images/" + c.image()).then().body("copies", empty());
        assertTrue(!simulator.files(address).contains(path), "the copy's file went");
        as(Tokens.ALICE).body(VmFixtures.vmBody(c, unique("nozone"))).post("/v1/vm-instances").then()
                .statusCode(400).body("errors.field", hasItem("imageId"));
        as(Tokens.ADMIN).body(Map.of("backupStorageId", other)).post(copies).then().statusCode(202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "Ready".equals(
                as(Tokens.ADMIN).get("/v1/images/" + c.image()).jsonPath().getString("copies[0].status")));

        JsonPath deleted = io.nubis.testing.Jobs.awaitFinal(as(Tokens.ADMIN).delete("/v1/images/" + c.image()).then()
                .statusCode(202).extract().path("jobId"));
        assertEquals("Succeeded", deleted.getString("state"), deleted.prettify());
        assertTrue(!simulator.files(address).contains(path), "the copy went with the image");
        as(Tokens.ADMIN).delete("/v1/backup-storage/" + other).then().statusCode(204);
    }

    /** A crash after the copy was written: recovery finishes the job; the copy is Ready and whole. */
    @Test
    void aCrashAfterTheCopyIsWrittenIsSettled() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 2);
        String address = unique("copybs") + ".example";
        String other = io.nubis.storage.StorageFixtures.simulatorBackupStorage(address);
        faults.armAfterStep(io.nubis.storage.ImageCopyWorkflow.TYPE, "copy");
        as(Tokens.ADMIN).body(Map.of("backupStorageId", other)).post("/v1/images/" + c.image() + "/copies").then()
                .statusCode(202);
        String crashed = io.nubis.testing.Crashes.crashedJob(faults, io.nubis.storage.ImageCopyWorkflow.TYPE, "copy");
        faults.reset();
        io.nubis.testing.Crashes.expire(db, crashed);
        assertEquals("Succeeded", io.nubis.testing.Jobs.awaitFinal(crashed).getString("state"));
        JsonPath image = as(Tokens.ADMIN).get("/v1/images/" + c.image()).jsonPath();
        assertEquals(List.of("Ready"), image.getList("copies.status"), image.prettify());
        assertEquals(image.getString("sha256"), simulator.fileSha256(address, image.getString("copies[0].path"))
                .orElse(null));
    }

    /**
     * An image made from a snapshot goes to a store that serves the volume's zone, even when a store of another zone
     * has more space (it was picked before, and VMs beside the volume could not boot from the image); naming a store of
     * other zones is a 400 on backupStorageId, nothing made. An image uploaded with no store goes to one that serves
     * every zone before a bigger one bound to some.
     */
    @Test
    void anImageFromASnapshotGoesToAStoreThatServesTheVolumesZone() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 4);
        String address = unique("bigbs") + ".example";
        simulator.defineStorage(address, 1L << 50);
        String big = io.nubis.storage.StorageFixtures.simulatorBackupStorage(address);
        as(Tokens.ADMIN).body(Map.of("zoneId", Api.zone(unique("bz")))).post("/v1/backup-storage/" + big + "/zones")
                .then().statusCode(200);
        String vm = DataVolumeTest.vm(c);
        String root = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("rootVolumeId");
        String snapshot = SnapshotTest.snap(root, unique("zs"));
        String url = "/v1/volume-snapshots/" + snapshot + "/images";

        long imagesBefore = as(Tokens.ALICE).get("/v1/images?size=100").jsonPath().getLong("total");
        as(Tokens.ALICE).body(Map.of("name", unique("elsewhere"), "backupStorageId", big)).post(url).then()
                .statusCode(400).body("errors.field", hasItem("backupStorageId"));
        assertEquals(imagesBefore, as(Tokens.ALICE).get("/v1/images?size=100").jsonPath().getLong("total"),
                "nothing was made");

        JsonPath accepted = as(Tokens.ALICE).body(Map.of("name", unique("here"))).post(url).then().statusCode(202)
                .extract().jsonPath();
        assertEquals("Succeeded", io.nubis.testing.Jobs.awaitFinal(accepted.getString("jobId")).getString("state"));
        String image = accepted.getString("resource.id");
        String store = as(Tokens.ADMIN).get("/v1/images/" + image).path("backupStorageId");
        assertTrue(!big.equals(store), "the store of another zone was not chosen");
        Map<String, Object> body = VmFixtures.vmBody(c, unique("fromsnap"));
        body.put("imageId", image);
        JsonPath made = VmFixtures.create(Tokens.ALICE, body);
        assertEquals("Succeeded", made.getString("state"), made.prettify());

        // uploaded with no store and so no zone: a store that serves every zone comes before the bigger bound one
        String uploaded = io.nubis.storage.StorageFixtures.uploadImage(Tokens.ALICE, unique("anyzone"), null);
        String importedStore = as(Tokens.ADMIN).get("/v1/images/" + uploaded).path("backupStorageId");
        assertTrue(!big.equals(importedStore), "the store bound to another zone was not chosen");

        VmMigrationTest.destroy(made.getString("resourceId"));
        VmMigrationTest.destroy(vm);
        as(Tokens.ALICE).delete("/v1/images/" + uploaded).then().statusCode(202);
        as(Tokens.ADMIN).delete("/v1/backup-storage/" + big).then().statusCode(204);
    }
}
