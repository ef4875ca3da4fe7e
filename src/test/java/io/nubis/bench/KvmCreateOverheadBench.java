package io.nubis.bench;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.network.NetworkFixtures;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test (docs/performance.md; run by {@code ./nubis bench-kvm}): on a real test host, the time from a
 * VM create request to the domain running, next to the same work done by hand with ssh: qemu-img linked clone, virsh
 * define, virsh start. The image cache and the host's DHCP are warm in both cases (one VM is created first). Prints the
 * figures; asserts only that the runs worked.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "nubis.bench", matches = "true")
class KvmCreateOverheadBench {

    private static final int RUNS = 5;

    @Test
    void createToRunningAgainstTheSameCommandsByHand() throws Exception {
        TestHost host = TestHosts.host(1);
        Path work = Files.createTempDirectory(Path.of("/var/tmp"), "nubis-bench-");
        TestHosts.run(List.of("dev/testbed/guest-image", "build"));
        Path qcow2 = Files.createDirectories(work.resolve("src")).resolve("guest.qcow2");
        Files.copy(Path.of(TestHosts.run(List.of("dev/testbed/guest-image", "path", "qcow2")).strip()), qcow2);
        String zone = Api.zone(unique("bench"));
        String cluster = as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("kvm"), "hypervisorType", "KVM"))
                .post("/v1/clusters").then().statusCode(201).extract().path("id");
        Api.addKvmHost(cluster, host);
        String psPath = "/var/lib/nubis/" + unique("bench-ps");
        String ps = StorageFixtures.localStorage(zone, psPath);
        assertEquals("Succeeded", StorageFixtures.attach(ps, cluster).getString("state"));
        String bsId = StorageFixtures.sftpBackupStorage(host, work.resolve("bs").toString(),
                work.resolve("src").toString());
        JsonPath image = StorageFixtures.importImage(Tokens.ADMIN, unique("img"), "qcow2", qcow2.toString(), bsId,
                true);
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        assertEquals("Succeeded", NetworkFixtures.attach(l2, cluster).getString("state"));
        String l3 = NetworkFixtures.l3(l2, unique("l3"), "10.78.1.0/24", "10.78.1.1", true);
        NetworkFixtures.range(l3, "10.78.1.10", "10.78.1.100");
        VmFixtures.Cloud cloud = new VmFixtures.Cloud(zone, cluster, List.of(), List.of(host.ip()),
                image.getString("resourceId"), l3, VmFixtures.offering(1, 160));

        List<String> vms = new ArrayList<>();
        vms.add(VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("warm"))).getString("resourceId"));
        List<Long> nubis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            JsonPath job = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("timed")));
            nubis.add((System.nanoTime() - t0) / 1_000_000);
            assertEquals("Succeeded", job.getString("state"), job.prettify());
            // a test host has 2 vCPUs: give the capacity back before the next run
            Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + job.getString("resourceId")).then()
                    .statusCode(202).extract().path("jobId"));
        }

        String cache = TestHosts.enter(host, "sh", "-c", "ls " + psPath + "/images/*").strip().split("\\s+")[0];
        String bridge = TestHosts.enter(host, "sh", "-c", "ls /sys/class/net | grep '^nbr' | head -1").strip();
        List<Long> byHand = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String id = java.util.UUID.randomUUID().toString();
            String vol = work.resolve("hand-" + i + ".qcow2").toString();
            Path xml = work.resolve("hand-" + i + ".xml");
            Files.writeString(xml, domainXml(id, vol, bridge));
            long t0 = System.nanoTime();
            ssh(host, "qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", cache, vol);
            ssh(host, "virsh", "define", xml.toString());
            ssh(host, "virsh", "start", "hand-" + id);
            byHand.add((System.nanoTime() - t0) / 1_000_000);
            ssh(host, "virsh", "destroy", "hand-" + id);
            ssh(host, "virsh", "undefine", "hand-" + id);
        }
        for (String vm : vms) {
            Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().extract().path("jobId"));
        }
        TestHosts.run(List.of("rm", "-rf", work.toString()));
        long n = median(nubis);
        long b = median(byHand);
        System.out.printf("%nKVM create on a real test host (TCG), median of %d: Nubis request -> domain running %d ms"
                + " (runs %s); the same qemu-img + virsh define + virsh start by hand over ssh %d ms (runs %s);"
                + " overhead %+.0f%%%n%n", RUNS, n, nubis, b, byHand, 100.0 * (n - b) / b);
    }

    private static void ssh(TestHost h, String... cmd) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-i", h.privateKeyFile().toString(), "-o",
                "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                h.user() + "@" + h.ip()));
        argv.addAll(List.of(cmd));
        TestHosts.run(argv);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String domainXml(String id, String volume, String bridge) {
        return "<domain type='qemu'><name>hand-" + id + "</name><uuid>" + id + "</uuid><memory unit='MiB'>160</memory>"
                + "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type><boot dev='hd'/></os>"
                + "<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + volume
                + "'/><target dev='vda' bus='virtio'/></disk><interface type='bridge'><source bridge='" + bridge
                + "'/><model type='virtio'/></interface><serial type='pty'/><console type='pty'/></devices></domain>";
    }
}
