package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.job.JobFaultHook;
import io.nubis.job.Step;
import io.nubis.job.WorkflowRegistry;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Crashes;
import io.nubis.testing.Invariants;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, ISO images on simulated hosts: a VM boots from an ISO with a blank root disk of a disk offering's size; the
 * ISO goes in and out of its CD-ROM drive, running or stopped; an ISO in a drive cannot be deleted; bad requests are
 * refused with nothing written; a host failure or a crash after any step of the two CD-ROM jobs is settled.
 */
@QuarkusTest
class IsoTest {

    static final long GIB = 1L << 30;

    @Inject
    SimulatorControl simulator;
    @Inject
    AgroalDataSource db;
    @Inject
    JobFaultHook faults;
    @Inject
    WorkflowRegistry workflows;

    @AfterEach
    void disarm() {
        faults.reset();
    }

    /** A Ready, shared ISO image on a new simulated backup storage. */
    static String iso() {
        String bs = StorageFixtures.simulatorBackupStorage(unique("isobs") + ".example");
        JsonPath image = StorageFixtures.importImage(Tokens.ADMIN, unique("iso"), "iso", "/data/install.iso", bs, true);
        assertEquals("Succeeded", image.getString("state"), image.prettify());
        return image.getString("resourceId");
    }

    static String diskOffering(int gib) {
        return as(Tokens.ADMIN).body(Map.of("name", unique("rd"), "sizeGib", gib)).post("/v1/disk-offerings").then()
                .statusCode(201).extract().path("id");
    }

    static JsonPath act(io.restassured.response.Response accepted) {
        return Jobs.awaitFinal(accepted.then().statusCode(202).extract().path("jobId"), Duration.ofSeconds(60));
    }

    String cdrom(VmFixtures.Cloud c, String vm) {
        return simulator.vmSpec(c.hostAddresses().get(0), vm).cdromPath();
    }

    @Test
    void aVmBootsFromAnIsoAndItsDriveChanges() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String address = c.hostAddresses().get(0);
        String iso = iso();
        String root = diskOffering(2);

        // an ISO needs a root disk; a disk image takes none
        Map<String, Object> body = VmFixtures.vmBody(c, unique("iso-vm"));
        body.put("imageId", iso);
        as(Tokens.ALICE).body(body).post("/v1/vm-instances").then().statusCode(400)
                .body("errors.field", hasItem("rootDiskOfferingId"));
        Map<String, Object> disk = VmFixtures.vmBody(c, unique("disk-vm"));
        disk.put("rootDiskOfferingId", root);
        as(Tokens.ALICE).body(disk).post("/v1/vm-instances").then().statusCode(400)
                .body("errors.field", hasItem("rootDiskOfferingId"));

        body.put("rootDiskOfferingId", root);
        JsonPath created = VmFixtures.create(Tokens.ALICE, body);
        assertEquals("Succeeded", created.getString("state"), created.prettify());
        String vm = created.getString("resourceId");
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("isoImageId", is(iso)).body("state", is("Running"));
        String rootVolume = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("rootVolumeId");
        JsonPath volume = DataVolumeTest.volume(rootVolume);
        assertEquals(2 * GIB, volume.getLong("sizeBytes"));
        assertEquals(2 * GIB, simulator.fileVirtualSize(address, volume.getString("path")).orElseThrow());
        String drive = cdrom(c, vm);
        assertTrue(drive != null && drive.endsWith("/images/" + iso + ".iso"), drive);
        assertTrue(simulator.files(address).contains(drive), "the ISO is in the host's cache");
        as(Tokens.ADMIN).delete("/v1/images/" + iso).then().statusCode(409);

        // eject while running, then again: 409
        assertEquals("Succeeded", act(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm + "/iso")).getString("state"));
        assertNull(cdrom(c, vm));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("isoImageId", is((String) null));
        as(Tokens.ALICE).delete("/v1/vm-instances/" + vm + "/iso").then().statusCode(409)
                .body("code", is("error_no_iso"));
        // bad inserts: not an ISO, unknown, another tenant's VM
        as(Tokens.ALICE).body(Map.of("imageId", c.image())).post("/v1/vm-instances/" + vm + "/iso").then()
                .statusCode(400).body("errors.field", hasItem("imageId"));
        as(Tokens.ALICE).body(Map.of("imageId", "00000000-0000-4000-8000-000000000000"))
                .post("/v1/vm-instances/" + vm + "/iso").then().statusCode(400);
        as(Tokens.BOB).body(Map.of("imageId", iso)).post("/v1/vm-instances/" + vm + "/iso").then().statusCode(404);
        assertNull(cdrom(c, vm));

        // insert into the stopped VM; a host failure leaves the drive as it was
        assertEquals("Succeeded", act(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/stop")).getString("state"));
        simulator.failNext(address, SimulatorAction.VM_CHANGE_MEDIA, "virsh: cannot change media");
        JsonPath failed = act(as(Tokens.ALICE).body(Map.of("imageId", iso)).post("/v1/vm-instances/" + vm + "/iso"));
        assertEquals("RolledBack", failed.getString("state"), failed.prettify());
        assertNull(cdrom(c, vm));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().body("isoImageId", is((String) null));
        assertEquals("Succeeded", act(as(Tokens.ALICE).body(Map.of("imageId", iso))
                .post("/v1/vm-instances/" + vm + "/iso")).getString("state"));
        assertEquals(drive, cdrom(c, vm));
        // the host lost the domain: start defines it again with the ISO in the drive
        simulator.rebootMachine(address);
        assertEquals("Succeeded", act(as(Tokens.ALICE).post("/v1/vm-instances/" + vm + "/start")).getString("state"));
        assertEquals(drive, cdrom(c, vm));

        // the VM goes: the ISO can go too
        assertEquals("Succeeded", act(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm)).getString("state"));
        assertEquals("Succeeded", act(as(Tokens.ADMIN).delete("/v1/images/" + iso)).getString("state"));
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }

    /** A crash after every step of vm.insert-iso and vm.eject-iso: the row and the drive agree afterwards. */
    @Test
    void aCrashAfterAnyStepOfACdromJobIsSettled() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 16, 16384, 20);
        String iso = iso();
        String vm = DataVolumeTest.vm(c);
        for (String type : List.of("vm.insert-iso", "vm.eject-iso")) {
            for (String step : workflows.find(type).orElseThrow().steps(null).stream().map(Step::name).toList()) {
                if (type.equals("vm.eject-iso")) {
                    act(as(Tokens.ALICE).body(Map.of("imageId", iso)).post("/v1/vm-instances/" + vm + "/iso"));
                }
                faults.armAfterStep(type, step);
                if (type.equals("vm.insert-iso")) {
                    as(Tokens.ALICE).body(Map.of("imageId", iso)).post("/v1/vm-instances/" + vm + "/iso").then()
                            .statusCode(202);
                } else {
                    as(Tokens.ALICE).delete("/v1/vm-instances/" + vm + "/iso").then().statusCode(202);
                }
                String job = Crashes.crashedJob(faults, type, step);
                Crashes.expire(db, job);
                JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
                assertTrue(List.of("Succeeded", "RolledBack").contains(end.getString("state")), end.prettify());
                String row = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("isoImageId");
                String drive = cdrom(c, vm);
                assertEquals(row != null, drive != null, type + "/" + step + ": row " + row + ", drive " + drive);
                if (row != null) {
                    act(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm + "/iso"));
                }
            }
        }
        new Invariants(db, simulator).check(c.hosts(), c.hostAddresses(), c.l3());
    }
}
