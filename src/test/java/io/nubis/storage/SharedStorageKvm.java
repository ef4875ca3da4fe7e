package io.nubis.storage;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.network.NetworkFixtures;
import io.nubis.testing.Jobs;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The rest of a cloud on test hosts 1 and 2 for the shared primary storage tests (NFS, Ceph): the guest image on an
 * SFTP backup storage of host 1, a flat network attached to the cluster with a range of {@code 10.<second>.<n>.0/24},
 * an offering; and the checks and clean-up they share.
 */
public final class SharedStorageKvm {

    /** The cloud, its flat network's bridge name and its subnet's first three octets. */
    public record Net(VmFixtures.Cloud cloud, String bridge, String subnet) {
    }

    /** A work folder with the guest image in {@code src/}, a zone and a KVM cluster with test hosts 1 and 2. */
    public record Base(Path work, Path qcow2, String zone, String cluster, String h1, String h2) {
    }

    private SharedStorageKvm() {
    }

    /** Starts a dev/testbed server ({@code script up}) and returns what its {@code env} prints, as a map. */
    public static java.util.Map<String, String> serverUp(String script) {
        TestHosts.run(List.of(script, "up"));
        java.util.Map<String, String> env = new java.util.HashMap<>();
        for (String line : TestHosts.run(List.of(script, "env")).split("\n")) {
            if (line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return env;
    }

    /** Builds the guest image (once per machine) and adds test hosts 1 and 2 to a new cluster of a new zone. */
    public static Base base(String name) throws java.io.IOException {
        Path work = java.nio.file.Files.createTempDirectory(Path.of("/var/tmp"), "nubis-" + name + "-");
        java.nio.file.Files.createDirectories(work.resolve("src"));
        TestHosts.run(List.of("dev/testbed/guest-image", "build"));
        Path qcow2 = work.resolve("src/guest.qcow2");
        java.nio.file.Files.copy(Path.of(TestHosts.run(List.of("dev/testbed/guest-image", "path", "qcow2")).strip()),
                qcow2);
        String zone = io.nubis.testing.Api.zone(unique(name));
        String cluster = as(Tokens.ADMIN).body(java.util.Map.of("zoneId", zone, "name", unique("kvm"),
                "hypervisorType", "KVM")).post("/v1/clusters").then().statusCode(201).extract().path("id");
        String h1 = io.nubis.testing.Api.addKvmHost(cluster, TestHosts.host(1));
        String h2 = io.nubis.testing.Api.addKvmHost(cluster, TestHosts.host(2));
        return new Base(work, qcow2, zone, cluster, h1, h2);
    }

    /** Imports {@code qcow2} (a file in {@code work/src}) and makes the network; hosts and storage are the caller's. */
    public static Net flatCloud(String zone, String cluster, List<String> hostIds, Path work, Path qcow2, int second) {
        TestHost host1 = TestHosts.host(1);
        TestHost host2 = TestHosts.host(2);
        String bs = StorageFixtures.sftpBackupStorage(host1, work.resolve("bs").toString(),
                work.resolve("src").toString());
        JsonPath image = StorageFixtures.importImage(Tokens.ADMIN, unique("guest"), "qcow2", qcow2.toString(), bs,
                true);
        assertEquals("Succeeded", image.getString("state"), image.prettify());
        String l2 = NetworkFixtures.l2(zone, unique("flat"));
        assertEquals("Succeeded", NetworkFixtures.attach(l2, cluster).getString("state"));
        int n = 100 + (int) (System.nanoTime() % 100);
        String subnet = "10." + second + "." + n;
        String l3 = NetworkFixtures.l3(l2, unique("flat"), subnet + ".0/24", subnet + ".1", true);
        NetworkFixtures.range(l3, subnet + ".10", subnet + ".60");
        VmFixtures.Cloud cloud = new VmFixtures.Cloud(zone, cluster, hostIds, List.of(host1.ip(), host2.ip()),
                image.getString("resourceId"), l3, VmFixtures.offering(1, 160));
        return new Net(cloud, as(Tokens.ADMIN).get("/v1/l2-networks/" + l2).path("bridgeName"), subnet);
    }

    /** Waits for the guest to announce on its serial console the address Nubis gave it. */
    public static void awaitGuestIp(TestHost host, String vm, String ip) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> TestHosts.enter(host, "sh", "-c", "cat \"$1\" 2>/dev/null || true", "sh",
                        "/var/log/nubis/console/" + vm + ".log").contains("NUBIS-GUEST-IP " + ip));
    }

    /**
     * Deletes the hosts (test host addresses are unique: the next class adds the same hosts), then the primary storage
     * and the work folder.
     */
    public static void cleanUp(Collection<String> hostIds, String ps, Path work) {
        for (String id : hostIds) {
            String job = as(Tokens.ADMIN).delete("/v1/hosts/" + id).then().extract().path("jobId");
            if (job != null) {
                Jobs.awaitFinal(job);
            }
        }
        if (ps != null) {
            as(Tokens.ADMIN).delete("/v1/primary-storage/" + ps);
        }
        if (work != null) {
            TestHosts.run(List.of("rm", "-rf", work.toString()));
        }
    }
}
