package io.nubis.vm.api;

import static io.nubis.testing.Api.as;
import static io.nubis.vm.api.VmMigrationTest.created;
import static io.nubis.vm.api.VmMigrationTest.destroy;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.job.JobFaultHook;
import io.nubis.storage.PrimaryStorageDetachWorkflow;
import io.nubis.testing.Crashes;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: detaching a primary storage from a cluster is a job (primarystorage.detach): refused while the cluster's
 * hosts have volumes on it; otherwise the hosts remove their cached images (Local: in the storage folder; iSCSI: in the
 * host's own cache folder), then the attachment and capacity rows go. A crash after its step is settled.
 */
@QuarkusTest
class PrimaryStorageDetachTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    JobFaultHook faults;
    @Inject
    AgroalDataSource db;

    @AfterEach
    void disarm() {
        faults.reset();
    }

    @Test
    void localStorageLeavesNoCachedImageOnItsHosts() throws Exception {
        detachLeavesNothing("Local", false);
    }

    @Test
    void iscsiStorageLeavesNoCachedImageAndACrashIsSettled() throws Exception {
        detachLeavesNothing("iSCSI", true);
    }

    private void detachLeavesNothing(String type, boolean crash) throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 2, type);
        String address = c.hostAddresses().get(0);
        String vm = created(c, "detach");
        String ps = as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").path("items[0].primaryStorageId");
        String url = "/v1/primary-storage/" + ps + "/clusters/" + c.cluster();
        String cached = cachedImage(address, c.image());
        as(Tokens.ADMIN).delete(url).then().statusCode(409);
        destroy(vm);

        String job;
        if (crash) {
            faults.armAfterStep(PrimaryStorageDetachWorkflow.TYPE, "release-hosts");
            as(Tokens.ADMIN).delete(url).then().statusCode(202).body("resource.clusters[0].status", is("Detaching"));
            job = Crashes.crashedJob(faults, PrimaryStorageDetachWorkflow.TYPE, "release-hosts");
            faults.reset();
            Crashes.expire(db, job);
        } else {
            job = as(Tokens.ADMIN).delete(url).then().statusCode(202).extract().path("jobId");
        }
        assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
        assertTrue(!simulator.files(address).contains(cached), "the cached image left the host");
        as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().body("clusters.size()", is(0))
                .body("hosts.size()", is(0));
        as(Tokens.ADMIN).delete("/v1/primary-storage/" + ps).then().statusCode(204);
    }

    private String cachedImage(String address, String image) {
        Set<String> files = simulator.files(address);
        return files.stream().filter(f -> f.contains("/images/" + image)).findFirst()
                .orElseThrow(() -> new AssertionError("no cached copy on " + address + ": " + files));
    }
}
