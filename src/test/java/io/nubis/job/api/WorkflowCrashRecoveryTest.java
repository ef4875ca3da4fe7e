package io.nubis.job.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.nubis.driver.simulator.SimulatorAction;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.job.JobFaultHook;
import io.nubis.job.Step;
import io.nubis.job.WorkflowRegistry;
import io.nubis.network.NetworkFixtures;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Api;
import io.nubis.testing.Crashes;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, part 1, for every workflow that is not a VM's (those are in VmCrashRecoveryTest): for every step, the server
 * "dies" right after the step's side effects and before its progress is saved ({@link JobFaultHook}), the lease is
 * expired as a dead node leaves it, recovery takes over (resume or rollback, as the workflow says), and the outcome
 * must be settled: the job final, no resource lock, the resource in a stable state, and nothing left behind on the
 * simulated machines for what was undone. A few host calls also "crash" in the middle (crashNth). The steps come from
 * the workflow registry, and {@link #everyWorkflowHasACrashTest} fails when a new job type has no crash test.
 */
@QuarkusTest
class WorkflowCrashRecoveryTest {

    /**
     * Job types whose crash tests live here, the VM ones in VmCrashRecoveryTest, VmRootResizeTest and DataVolumeTest.
     */
    static final Set<String> COVERED = Set.of("host.add", "host.reconnect", "host.delete", "host.maintenance",
            "zone.delete", "cluster.delete", "l2.attach", "backupstorage.add", "backupstorage.reconnect",
            "image.import", "image.delete", "primarystorage.attach", "vm.create", "vm.stop", "vm.start", "vm.reboot",
            "vm.destroy", "vm.resize-root", "vm.add-volume", "vm.attach-volume", "vm.detach-volume",
            "volume.delete", "volume.resize", "vm.resize-volume", "vm.delete-volume",
            // SnapshotTest.aCrashAfterAnyStepOfASnapshotJobIsSettled
            "volume.snapshot", "volume.revert-snapshot", "volume.from-snapshot", "volume.delete-snapshot",
            "image.from-volume",
            // IsoTest.aCrashAfterAnyStepOfACdromJobIsSettled
            "vm.insert-iso", "vm.eject-iso", "router.apply", "router.recreate", "security-group.apply",
            // VmMigrationTest.aCrashAfterAnyStepOfAMigrationEndsWithTheVmRunningWhereTheDatabaseSaysOnly
            "vm.migrate",
            // PrimaryStorageSettingsTest.theCacheCleanupRemovesWhatNothingUsesAndKeepsTheRest
            "primarystorage.cache-cleanup",
            // PrimaryStorageSettingsTest.maintenanceStopsTheVmsUsingTheStorageAndKeepsThemStoppedUntilItEnds
            "primarystorage.maintenance",
            // IscsiStorageSimulatorTest.aRefreshFindsNewLunsAndACrashAfterItsStepIsSettled
            "primarystorage.refresh",
            // BackupStorageZonesTest (crash after record-copy and after copy)
            "image.copy", "image.remove-copy",
            // PrimaryStorageDetachTest
            "primarystorage.detach");

    @Inject
    SimulatorControl simulator;
    @Inject
    JobFaultHook faults;
    @Inject
    WorkflowRegistry workflows;
    @Inject
    AgroalDataSource db;

    @AfterEach
    void disarm() {
        faults.reset();
    }

    @Test
    void everyWorkflowHasACrashTest() {
        Set<String> missing = new TreeSet<>(workflows.types());
        missing.removeAll(COVERED);
        missing.removeIf(t -> t.startsWith("test.")); // the engine tests' own workflows
        assertTrue(missing.isEmpty(), "job types without a crash test: " + missing);
    }

    List<String> stepsOf(String type) {
        List<String> steps = workflows.find(type).orElseThrow().steps(null).stream().map(Step::name).toList();
        assertFalse(steps.isEmpty(), type);
        return steps;
    }

    /** Arms a crash after {@code step}, runs {@code trigger}, expires the crashed job's lease; returns its end. */
    JsonPath crashAfter(String type, String step, Supplier<?> trigger) throws Exception {
        return crashAfter(type, step, trigger, () -> {
        });
    }

    /** As above, with {@code beforeRecovery} run while the job lies crashed (e.g. to script a failure). */
    JsonPath crashAfter(String type, String step, Supplier<?> trigger, Runnable beforeRecovery) throws Exception {
        faults.armAfterStep(type, step);
        trigger.get();
        String job = Crashes.crashedJob(faults, type, step);
        beforeRecovery.run();
        Crashes.expire(db, job);
        JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
        assertTrue(List.of("Succeeded", "RolledBack").contains(end.getString("state")),
                type + "/" + step + ": " + end.prettify());
        assertEquals(0, count("SELECT COUNT(*) FROM resource_lock WHERE job_id = ?", job), "lock of " + job);
        return end;
    }

    /** Makes the next {@code action} on {@code address} crash mid-call, runs the trigger; returns the job's end. */
    JsonPath crashDuring(String address, SimulatorAction action, Supplier<String> trigger) throws Exception {
        int before = simulator.calls(address, action);
        simulator.crashNth(address, action, 1);
        String job = trigger.get();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> simulator.calls(address, action) > before);
        Thread.sleep(300);
        Crashes.expire(db, job);
        JsonPath end = Jobs.awaitFinal(job, Duration.ofSeconds(60));
        assertTrue(List.of("Succeeded", "RolledBack").contains(end.getString("state")),
                action + ": " + end.prettify());
        return end;
    }

    // ---- compute

    @Test
    void hostAddAndReconnect() throws Exception {
        String cluster = Api.cluster(Api.zone(unique("cz")), unique("cc"));
        for (String step : stepsOf("host.add")) {
            String address = unique("ch") + ".example";
            simulator.define(address, 8, 8192);
            JsonPath end = crashAfter("host.add", step, () -> Api.addHost(cluster, address));
            hostSettled(end, address);
        }
        String address = unique("ch") + ".example";
        simulator.define(address, 8, 8192);
        hostSettled(crashDuring(address, SimulatorAction.CONNECT, () -> Api.addHost(cluster, address)), address);

        String host = NetworkFixtures.simulatedHost(cluster, unique("ch") + ".example");
        for (String step : stepsOf("host.reconnect")) {
            JsonPath end = crashAfter("host.reconnect", step,
                    () -> as(Tokens.ADMIN).post("/v1/hosts/" + host + "/reconnect").then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            assertEquals("Connected", hostField(host, "status"));
        }
    }

    /** A host add ends with the host Connected, or gone and disconnected from its machine. */
    void hostSettled(JsonPath end, String address) {
        String host = end.getString("resourceId");
        if (end.getString("state").equals("Succeeded")) {
            assertEquals("Connected", hostField(host, "status"));
            assertTrue(simulator.isConnected(address));
        } else {
            as(Tokens.ADMIN).get("/v1/hosts/" + host).then().statusCode(404);
            assertFalse(simulator.isConnected(address), "a rolled-back add leaves no session on " + address);
        }
    }

    String hostField(String host, String field) {
        return as(Tokens.ADMIN).get("/v1/hosts/" + host).then().statusCode(200).extract().path(field);
    }

    @Test
    void hostMaintenanceAndDelete() throws Exception {
        String cluster = Api.cluster(Api.zone(unique("mz")), unique("mc"));
        for (String step : stepsOf("host.maintenance")) {
            String host = NetworkFixtures.simulatedHost(cluster, unique("mh") + ".example");
            JsonPath end = crashAfter("host.maintenance", step,
                    () -> as(Tokens.ADMIN).post("/v1/hosts/" + host + "/maintenance").then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            assertEquals("Maintenance", hostField(host, "state"));
        }
        // with stopVms the job has a stop-vms step first (steps depend on the job's inputs): a crash right after it
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("mv"))).getString("resourceId");
        JsonPath stopped = crashAfter("host.maintenance", "stop-vms", () -> as(Tokens.ADMIN)
                .body(Map.of("stopVms", true)).post("/v1/hosts/" + c.hosts().get(0) + "/maintenance").then()
                .statusCode(202));
        assertEquals("Succeeded", stopped.getString("state"), stopped.prettify());
        assertEquals("Maintenance", hostField(c.hosts().get(0), "state"));
        assertEquals("Stopped", as(Tokens.ALICE).get("/v1/vm-instances/" + vm).then().extract().path("state"));
        for (String step : stepsOf("host.delete")) {
            String address = unique("dh") + ".example";
            String host = NetworkFixtures.simulatedHost(cluster, address);
            JsonPath end = crashAfter("host.delete", step,
                    () -> as(Tokens.ADMIN).delete("/v1/hosts/" + host).then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            as(Tokens.ADMIN).get("/v1/hosts/" + host).then().statusCode(404);
            assertFalse(simulator.isConnected(address));
        }
    }

    @Test
    void zoneAndClusterDelete() throws Exception {
        for (String step : stepsOf("cluster.delete")) {
            String cluster = Api.cluster(Api.zone(unique("dz")), unique("dc"));
            String address = unique("dch") + ".example";
            String host = NetworkFixtures.simulatedHost(cluster, address);
            JsonPath end = crashAfter("cluster.delete", step,
                    () -> as(Tokens.ADMIN).delete("/v1/clusters/" + cluster + "?cascade=true").then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            as(Tokens.ADMIN).get("/v1/clusters/" + cluster).then().statusCode(404);
            as(Tokens.ADMIN).get("/v1/hosts/" + host).then().statusCode(404);
            assertFalse(simulator.isConnected(address));
        }
        for (String step : stepsOf("zone.delete")) {
            String zone = Api.zone(unique("dz"));
            String cluster = Api.cluster(zone, unique("dc"));
            String address = unique("dzh") + ".example";
            NetworkFixtures.simulatedHost(cluster, address);
            JsonPath end = crashAfter("zone.delete", step,
                    () -> as(Tokens.ADMIN).delete("/v1/zones/" + zone + "?cascade=true").then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            as(Tokens.ADMIN).get("/v1/zones/" + zone).then().statusCode(404);
            as(Tokens.ADMIN).get("/v1/clusters/" + cluster).then().statusCode(404);
            assertFalse(simulator.isConnected(address));
        }
    }

    // ---- network and primary storage

    @Test
    void routerJobs() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8);
        int start = 14_000_000 + (int) (Math.random() * 1_000_000) * 2;
        String pool = as(Tokens.ADMIN).body(Map.of("zoneId", c.zone(), "name", unique("pool"), "vniStart", start,
                "vniEnd", start + 1, "publicL3Id", c.l3())).post("/v1/vni-pools").then().statusCode(201).extract()
                .path("id");
        as(Tokens.ADMIN).body(Map.of("clusterId", c.cluster())).post("/v1/vni-pools/" + pool + "/clusters").then()
                .statusCode(200);
        String net = as(Tokens.ALICE).body(Map.of("vniPoolId", pool, "name", unique("net"), "cidr", "10.72.0.0/24"))
                .post("/v1/l3-networks").then().statusCode(201).extract().path("id");
        Map<String, Object> body = VmFixtures.vmBody(c, unique("rv"));
        body.put("l3NetworkIds", List.of(net));
        String vm = VmFixtures.create(Tokens.ALICE, body).getString("resourceId");
        String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].ip");
        String router = as(Tokens.ALICE).get("/v1/l3-networks/" + net + "/router").path("id");
        String address = c.hostAddresses().get(0);
        int port = 3000;
        for (String step : stepsOf("router.apply")) {
            int p = port++;
            JsonPath end = crashAfter("router.apply", step, () -> as(Tokens.ALICE)
                    .body(Map.of("protocol", "tcp", "publicStart", p, "privateIp", ip))
                    .post("/v1/l3-networks/" + net + "/port-forwards").then().statusCode(201));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            assertTrue(simulator.router(address, net).orElseThrow().portForwards().stream()
                    .anyMatch(f -> f.publicStart() == p), "the rule is on the router");
        }
        for (String step : stepsOf("router.recreate")) {
            JsonPath end = crashAfter("router.recreate", step,
                    () -> as(Tokens.ADMIN).post("/v1/routers/" + router + "/recreate").then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            assertTrue(simulator.router(address, net).isPresent(), "the router runs again after " + step);
        }
    }

    @Test
    void securityGroupJobs() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 8);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("sgv"))).getString("resourceId");
        String nic = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].id");
        String group = as(Tokens.ALICE).body(Map.of("name", unique("sg"))).post("/v1/security-groups").then()
                .statusCode(201).extract().path("id");
        String address = c.hostAddresses().get(0);
        int port = 4000;
        boolean joined = false;
        for (String step : stepsOf("security-group.apply")) {
            int p = port++;
            JsonPath end = joined
                    ? crashAfter("security-group.apply", step, () -> as(Tokens.ALICE)
                            .body(Map.of("direction", "ingress", "protocol", "tcp", "portStart", p, "cidr",
                                    "0.0.0.0/0"))
                            .post("/v1/security-groups/" + group + "/rules").then().statusCode(201))
                    : crashAfter("security-group.apply", step, () -> as(Tokens.ALICE)
                            .body(Map.of("securityGroupId", group)).post("/v1/vm-instances/" + vm + "/security-groups")
                            .then().statusCode(200));
            joined = true;
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            assertTrue(simulator.nicFilters(address).get(io.nubis.driver.NicDevice.name(nic)).firewall() != null,
                    "the NIC's filter carries the group after " + step);
        }
    }

    @Test
    void l2AttachAndPrimaryStorageAttach() throws Exception {
        for (String step : stepsOf("l2.attach")) {
            String zone = Api.zone(unique("lz"));
            String cluster = Api.cluster(zone, unique("lc"));
            String address = unique("lh") + ".example";
            NetworkFixtures.simulatedHost(cluster, address);
            String l2 = NetworkFixtures.l2(zone, unique("l2"));
            JsonPath end = crashAfter("l2.attach", step, () -> as(Tokens.ADMIN).body(Map.of("clusterId", cluster))
                    .post("/v1/l2-networks/" + l2 + "/attach").then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            assertEquals(List.of("Attached"), as(Tokens.ADMIN).get("/v1/l2-networks/" + l2).then().extract()
                    .jsonPath().getList("clusters.state", String.class));
            assertEquals(1, simulator.bridges(address).size(), "one bridge, made once: " + simulator.bridges(address));
        }
        for (String step : stepsOf("primarystorage.attach")) {
            PsCase p = psCase();
            primaryStorageSettled(crashAfter("primarystorage.attach", step, p::attach), p.ps(), p.host());
        }
        // crash after preparing, then the resumed preparation fails: the rollback must still undo the host this job
        // prepared first (recorded before the host call, so the resumed run does not take it for a pre-existing one)
        for (String step : stepsOf("primarystorage.attach")) {
            PsCase p = psCase();
            JsonPath end = crashAfter("primarystorage.attach", step, p::attach,
                    () -> simulator.failNext(p.address(), SimulatorAction.PREPARE_STORAGE, "disk full"));
            assertEquals("RolledBack", end.getString("state"), end.prettify());
            primaryStorageSettled(end, p.ps(), p.host());
        }
        PsCase p = psCase();
        primaryStorageSettled(crashDuring(p.address(), SimulatorAction.PREPARE_STORAGE, p::attach), p.ps(), p.host());
    }

    /** A zone with one simulated host in a cluster and a Local primary storage not attached yet. */
    record PsCase(String cluster, String address, String host, String ps) {

        String attach() {
            return as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/primary-storage/" + ps + "/clusters")
                    .then().statusCode(202).extract().path("jobId");
        }
    }

    static PsCase psCase() {
        String zone = Api.zone(unique("pz"));
        String cluster = Api.cluster(zone, unique("pc"));
        String address = unique("ph") + ".example";
        String host = NetworkFixtures.simulatedHost(cluster, address);
        return new PsCase(cluster, address, host, StorageFixtures.localStorage(zone, "/var/lib/nubis/" + unique("ps")));
    }

    /** Attached with the host's capacity recorded, or not attached and no capacity row left. */
    void primaryStorageSettled(JsonPath end, String ps, String host) {
        List<String> statuses = as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().statusCode(200).extract()
                .jsonPath().getList("clusters.status", String.class);
        long rows = count("SELECT COUNT(*) FROM local_storage_host WHERE primary_storage_id = ? AND host_id = ?", ps,
                host);
        if (end.getString("state").equals("Succeeded")) {
            assertEquals(List.of("Attached"), statuses);
            assertEquals(1, rows);
        } else {
            assertEquals(List.of(), statuses);
            assertEquals(0, rows, "capacity row of a rolled-back attach");
        }
    }

    // ---- backup storage and images

    @Test
    void backupStorageAddAndReconnect() throws Exception {
        for (String step : stepsOf("backupstorage.add")) {
            String address = unique("bs") + ".example";
            JsonPath end = crashAfter("backupstorage.add", step, () -> as(Tokens.ADMIN)
                    .body(Map.of("name", unique("cbs"), "type", "Simulator", "address", address, "rootPath",
                            "/srv/images"))
                    .post("/v1/backup-storage").then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            assertEquals("Connected", as(Tokens.ADMIN).get("/v1/backup-storage/" + end.getString("resourceId"))
                    .then().extract().path("status"));
        }
        String bs = StorageFixtures.simulatorBackupStorage(unique("bs") + ".example");
        for (String step : stepsOf("backupstorage.reconnect")) {
            JsonPath end = crashAfter("backupstorage.reconnect", step,
                    () -> as(Tokens.ADMIN).post("/v1/backup-storage/" + bs + "/reconnect").then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            assertEquals("Connected",
                    as(Tokens.ADMIN).get("/v1/backup-storage/" + bs).then().extract().path("status"));
        }
    }

    @Test
    void imageImportAndDelete() throws Exception {
        String bsAddress = unique("ibs") + ".example";
        String bs = StorageFixtures.simulatorBackupStorage(bsAddress);
        for (String step : stepsOf("image.import")) {
            JsonPath end = crashAfter("image.import", step, () -> as(Tokens.ADMIN)
                    .body(Map.of("name", unique("ci"), "format", "qcow2", "url", "/data/guest.qcow2", "shared", true,
                            "backupStorageId", bs))
                    .post("/v1/images").then().statusCode(202));
            imageSettled(end, bsAddress);
        }
        imageSettled(crashDuring(bsAddress, SimulatorAction.BS_IMPORT, () -> as(Tokens.ADMIN)
                .body(Map.of("name", unique("ci"), "format", "qcow2", "url", "/data/guest.qcow2", "shared", true,
                        "backupStorageId", bs))
                .post("/v1/images").then().statusCode(202).extract().path("jobId")), bsAddress);

        // delete an image with a copy cached on a host: a VM used it
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 8, 8192, 20);
        String hostAddress = c.hostAddresses().get(0);
        for (String step : stepsOf("image.delete")) {
            JsonPath image = StorageFixtures.importImage(Tokens.ADMIN, unique("di"), "qcow2", "/data/guest.qcow2", bs,
                    true);
            String imageId = image.getString("resourceId");
            String path = as(Tokens.ADMIN).get("/v1/images/" + imageId).then().extract().path("path");
            Map<String, Object> body = new java.util.HashMap<>(VmFixtures.vmBody(c, unique("dv")));
            body.put("imageId", imageId);
            JsonPath vm = VmFixtures.create(Tokens.ADMIN, body);
            assertEquals("Succeeded", vm.getString("state"), vm.prettify());
            Jobs.awaitFinal(as(Tokens.ADMIN).delete("/v1/vm-instances/" + vm.getString("resourceId")).then()
                    .statusCode(202).extract().path("jobId"));
            assertEquals(1, cachedCopies(hostAddress, imageId), "the image is cached on the host");
            JsonPath end = crashAfter("image.delete", step,
                    () -> as(Tokens.ADMIN).delete("/v1/images/" + imageId).then().statusCode(202));
            assertEquals("Succeeded", end.getString("state"), end.prettify());
            as(Tokens.ADMIN).get("/v1/images/" + imageId).then().statusCode(404);
            assertFalse(simulator.files(bsAddress).contains(path), "image file " + path + " left");
            assertEquals(0, cachedCopies(hostAddress, imageId), "cached copy left");
            assertEquals(0, count("SELECT COUNT(*) FROM image_cache WHERE image_id = ?", imageId));
        }
    }

    /** An import ends Ready with its file, or in Error without one. */
    void imageSettled(JsonPath end, String bsAddress) {
        JsonPath image = as(Tokens.ADMIN).get("/v1/images/" + end.getString("resourceId")).then().statusCode(200)
                .extract().jsonPath();
        String path = image.getString("path");
        if (end.getString("state").equals("Succeeded")) {
            assertEquals("Ready", image.getString("status"));
            assertTrue(simulator.files(bsAddress).contains(path), path);
        } else {
            assertEquals("Error", image.getString("status"));
            assertFalse(simulator.files(bsAddress).contains(path), "file of a rolled-back import: " + path);
        }
    }

    // ---- helpers

    long cachedCopies(String address, String imageId) {
        return simulator.files(address).stream().filter(f -> f.contains(imageId) && !f.contains("/volumes/")).count();
    }

    long count(String sql, String... params) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
