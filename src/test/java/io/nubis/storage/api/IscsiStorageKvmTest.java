package io.nubis.storage.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.storage.SharedStorageKvm;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Jobs;
import io.nubis.testing.LiveMigrationProbe;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12: iSCSI primary storage on the real test hosts: the tgt target of dev/testbed/iscsi (five file-backed LUNs,
 * four thin and one thick) attached to a cluster of test hosts 1 and 2, which list its LUNs with libiscsi. Each volume
 * is one whole LUN, the smallest free one that fits; qemu opens it through its own initiator (libiscsi). A LUN holding
 * someone's old bytes is zeroed before it becomes a volume and again when the volume is deleted; a running guest moves
 * live; the target going down fails a create cleanly, and once it is back the next create works.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IscsiStorageKvmTest {

    TestHost host1;
    TestHost host2;
    Map<String, TestHost> byHostId = new HashMap<>();
    VmFixtures.Cloud cloud;
    Path work;
    Map<String, String> iscsi = new HashMap<>();
    /** LUN number to size, as the target has them. */
    Map<Integer, Long> luns = new HashMap<>();
    String ps;
    String bridge;
    String subnet;

    @BeforeAll
    void buildTheCloud() throws Exception {
        io.restassured.RestAssured.port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        host1 = TestHosts.host(1);
        host2 = TestHosts.host(2);
        TestHosts.run(List.of("dev/testbed/iscsi", "purge")); // a fresh target (new name, empty LUNs) per class
        iscsi.putAll(SharedStorageKvm.serverUp("dev/testbed/iscsi"));
        for (String l : iscsi.get("ISCSI_LUNS").split(" ")) {
            luns.put(Integer.parseInt(l.split(":")[0]), Long.parseLong(l.split(":")[1]));
        }
        SharedStorageKvm.Base base = SharedStorageKvm.base("iscsi");
        work = base.work();
        byHostId.put(base.h1(), host1);
        byHostId.put(base.h2(), host2);
        ps = as(Tokens.ADMIN).body(Map.of("zoneId", base.zone(), "name", unique("iscsi"), "type", "iSCSI", "portal",
                iscsi.get("ISCSI_PORTAL"), "iqn", iscsi.get("ISCSI_IQN"))).post("/v1/primary-storage").then()
                .statusCode(201).body("type", is("iSCSI")).extract().path("id");
        JsonPath attached = StorageFixtures.attach(ps, base.cluster());
        assertEquals("Succeeded", attached.getString("state"), attached.prettify());
        JsonPath view = as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).then().statusCode(200).extract().jsonPath();
        assertEquals(luns.size(), view.getList("luns").size(), "the hosts found every LUN: " + view.prettify());
        for (Map.Entry<Integer, Long> l : luns.entrySet()) {
            assertEquals(l.getValue(), view.getLong("luns.find { it.lun == " + l.getKey() + " }.sizeBytes"));
        }
        long total = luns.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(total, view.getLong("totalBytes"));
        assertEquals(total, view.getLong("availableBytes"));

        SharedStorageKvm.Net net = SharedStorageKvm.flatCloud(base.zone(), base.cluster(), List.of(base.h1(),
                base.h2()), work, base.qcow2(), 78);
        cloud = net.cloud();
        bridge = net.bridge();
        subnet = net.subnet();
    }

    /**
     * Two guests boot from LUNs (the smallest that fit: the image is 64 MiB) and get their leases; a 1 GiB data volume
     * takes a 1 GiB LUN that held old bytes, zeroed first, and is hot-plugged; a running guest moves live with it; what
     * a LUN cannot do is refused; after the deletes every LUN is free and reads as zeros.
     */
    @Test
    void vmsBootFromLunsTakeAZeroedDataLunMoveLiveAndLeaveZeroedLuns() {
        List<String> vms = new ArrayList<>();
        Map<String, String> hostOf = new HashMap<>();
        List<Integer> rootLuns = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("lun-vm")));
            assertEquals("Succeeded", job.getString("state"), job.prettify());
            String vm = job.getString("resourceId");
            vms.add(vm);
            hostOf.put(vm, as(Tokens.ADMIN).get("/v1/vm-instances/" + vm).path("hostId"));
            String root = as(Tokens.ADMIN).queryParam("vmId", vm).get("/v1/volumes").path("items[0].path");
            String prefix = "iscsi://" + iscsi.get("ISCSI_PORTAL") + "/" + iscsi.get("ISCSI_IQN") + "/";
            assertTrue(root.startsWith(prefix), root);
            rootLuns.add(Integer.parseInt(root.substring(prefix.length())));
            TestHost host = byHostId.get(hostOf.get(vm));
            String xml = TestHosts.enter(host, "virsh", "dumpxml", "nubis-" + vm);
            assertTrue(xml.contains("protocol='iscsi'") && xml.contains(iscsi.get("ISCSI_IQN") + "/"
                    + rootLuns.get(i)), "qemu opens the LUN through libiscsi: " + xml);
            String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].ip");
            SharedStorageKvm.awaitGuestIp(host, vm, ip);
        }
        // the smallest LUNs that fit 64 MiB: 256 MiB (5, thick), then 512 MiB (1)
        assertEquals(List.of(5, 1), rootLuns);

        // LUN 2 holds someone's old bytes; the 1 GiB data volume takes it (the smallest free of 1 GiB) zeroed
        TestHosts.run(List.of("dd", "if=/dev/urandom", "of=" + lunFile(2), "bs=1M", "count=4", "conv=notrunc",
                "status=none"));
        String vm = vms.get(0);
        JsonPath accepted = as(Tokens.ALICE).body(Map.of("name", "data", "sizeGib", 1))
                .post("/v1/vm-instances/" + vm + "/volumes").then().statusCode(202).extract().jsonPath();
        JsonPath plugged = Jobs.awaitFinal(accepted.getString("jobId"));
        assertEquals("Succeeded", plugged.getString("state"), plugged.prettify());
        String dataId = accepted.getString("resource.id");
        assertTrue(as(Tokens.ADMIN).get("/v1/volumes/" + dataId).path("path").toString().endsWith("/2"));
        assertTrue(zeros(2, 4L << 20), "the old bytes were erased before the guest got the LUN");
        TestHost source = byHostId.get(hostOf.get(vm));
        assertTrue(TestHosts.enter(source, "virsh", "domblklist", "nubis-" + vm).contains("vdb"),
                "the guest got the disk");
        as(Tokens.ALICE).body(Map.of("name", "s1")).post("/v1/volumes/" + dataId + "/snapshots").then()
                .statusCode(409).body("code", is("error_iscsi_no_snapshots"));
        as(Tokens.ALICE).body(Map.of("name", "big", "sizeGib", 3)).post("/v1/vm-instances/" + vm + "/volumes").then()
                .statusCode(409).body("code", is("error_iscsi_no_lun"));

        String target = cloud.hosts().stream().filter(h -> !h.equals(hostOf.get(vm))).findFirst().orElseThrow();
        String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].ip");
        LiveMigrationProbe.Result r = LiveMigrationProbe.migrateWhilePinging(vm, ip, subnet, bridge, source,
                byHostId.get(target), target);
        System.out.printf("iSCSI live migration: job %d ms, %d of %d pings lost%n", r.jobMillis(), r.lost(),
                r.sent());
        assertTrue(TestHosts.enter(byHostId.get(target), "virsh", "domblklist", "nubis-" + vm).contains("vdb"),
                "the data volume moved with it");

        for (String v : vms) {
            assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + v).then()
                    .statusCode(202).extract().path("jobId")).getString("state"));
        }
        String deleted = as(Tokens.ALICE).delete("/v1/volumes/" + dataId).then().extract().path("jobId");
        if (deleted != null) {
            assertEquals("Succeeded", Jobs.awaitFinal(deleted).getString("state"));
        }
        JsonPath after = as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).jsonPath();
        assertTrue(after.getList("luns.findAll { it.volumeId != null }").isEmpty(), after.prettify());
        assertEquals(luns.values().stream().mapToLong(Long::longValue).sum(), after.getLong("availableBytes"));
        for (int lun : List.of(5, 1, 2)) {
            assertTrue(zeros(lun, luns.get(lun)), "LUN " + lun + " was zeroed when its volume was deleted");
        }
    }

    /**
     * The target stops: a VM create fails fast with a message and gives its LUN back; once the target is back, the next
     * create works without any restart.
     */
    @Test
    void aTargetThatIsDownFailsTheCreateCleanlyAndOnceBackAllWorksAgain() {
        TestHosts.run(List.of("dev/testbed/iscsi", "down"));
        try {
            long t0 = System.nanoTime();
            JsonPath failed = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("down")));
            long took = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("create with the iSCSI target down: %s after %d ms: %s%n", failed.getString("state"),
                    took, failed.getString("error"));
            assertEquals("RolledBack", failed.getString("state"), failed.prettify());
            assertTrue(took < 90_000, "it fails fast: " + took + " ms");
        } finally {
            TestHosts.run(List.of("dev/testbed/iscsi", "up"));
        }
        JsonPath view = as(Tokens.ADMIN).get("/v1/primary-storage/" + ps).jsonPath();
        assertTrue(view.getList("luns.findAll { it.volumeId != null }").isEmpty(), "the LUN came back: "
                + view.prettify());
        JsonPath again = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("back")));
        assertEquals("Succeeded", again.getString("state"), again.prettify());
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/"
                + again.getString("resourceId")).then().statusCode(202).extract().path("jobId")).getString("state"));
    }

    private String lunFile(int lun) {
        return System.getenv().getOrDefault("NUBIS_ISCSI_DIR", "/var/tmp/nubis-iscsi") + "/lun" + lun + ".img";
    }

    /** Whether the first {@code bytes} of the LUN's backing file are zeros. */
    private boolean zeros(int lun, long bytes) {
        return TestHosts.run(List.of("sh", "-c", "cmp -s -n \"$1\" \"$2\" /dev/zero && echo zero || echo data", "sh",
                Long.toString(bytes), lunFile(lun))).strip().equals("zero");
    }

    @AfterAll
    void cleanUp() throws Exception {
        SharedStorageKvm.cleanUp(byHostId.keySet(), ps, work);
        TestHosts.run(List.of("dev/testbed/iscsi", "down"));
    }
}
