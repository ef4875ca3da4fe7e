package io.nubis.vm;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.network.NetworkFixtures;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A whole simulated cloud built through the API, as an admin would: what a tenant needs to create VMs. */
public final class VmFixtures {

    /** Ids of a ready simulated cloud. */
    public record Cloud(String zone, String cluster, List<String> hosts, List<String> hostAddresses, String image,
            String l3, String offering) {
    }

    private VmFixtures() {
    }

    /**
     * A zone with one Simulator cluster of {@code hosts} hosts (each {@code cpus} CPUs, {@code memoryMib} memory), a
     * Local primary storage, a shared image on a Simulator backup storage, a shared flat L3 network 10.x.y.0/24 with
     * addresses .10-.{@code 9 + ips}, and an offering of 1 vCPU / 256 MiB.
     */
    public static Cloud simulated(io.nubis.driver.simulator.SimulatorControl simulator, int hosts, int cpus,
            long memoryMib, int ips) {
        return simulated(simulator, hosts, cpus, memoryMib, ips, false);
    }

    /** As {@link #simulated}, on an NFS primary storage (the simulated hosts share its files) when {@code nfs}. */
    public static Cloud simulated(io.nubis.driver.simulator.SimulatorControl simulator, int hosts, int cpus,
            long memoryMib, int ips, boolean nfs) {
        return simulated(simulator, hosts, cpus, memoryMib, ips, nfs ? "NFS" : "Local");
    }

    /**
     * As {@link #simulated}, on a primary storage of {@code type} Local, NFS, Ceph or iSCSI (shared: one file store; a
     * simulated iSCSI target offers the simulator's configured LUNs).
     */
    public static Cloud simulated(io.nubis.driver.simulator.SimulatorControl simulator, int hosts, int cpus,
            long memoryMib, int ips, String type) {
        String zone = Api.zone(unique("vz"));
        String cluster = Api.cluster(zone, unique("vc"));
        List<String> hostIds = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            String address = unique("vh") + ".example";
            simulator.define(address, cpus, memoryMib);
            hostIds.add(NetworkFixtures.simulatedHost(cluster, address));
            addresses.add(address);
        }
        String ps = switch (type) {
            case "NFS" -> as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("nfs"), "type", "NFS", "url",
                    "nas.example:/srv/" + unique("ps"))).post("/v1/primary-storage").then().statusCode(201)
                    .extract().path("id");
            case "Ceph" -> as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("ceph"), "type", "Ceph",
                    "monitors", "mon1.example,mon2.example:3300", "pool", unique("pool"), "cephUser", "nubis",
                    "cephKey", "AQCwbxNrLPs5LBAAvzaoIosyvPFujjEY4eKXyQ==")).post("/v1/primary-storage").then()
                    .statusCode(201).extract().path("id");
            case "iSCSI" -> as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("iscsi"), "type", "iSCSI",
                    "portal", "san.example", "iqn", "iqn.2026-12.example.san:" + unique("t")))
                    .post("/v1/primary-storage").then().statusCode(201).extract().path("id");
            default -> StorageFixtures.localStorage(zone, "/var/lib/nubis/" + unique("ps"));
        };
        assertEquals("Succeeded", StorageFixtures.attach(ps, cluster).getString("state"));
        String bs = StorageFixtures.simulatorBackupStorage(unique("bs") + ".example");
        JsonPath image = StorageFixtures.importImage(Tokens.ADMIN, unique("img"), "qcow2", "/data/guest.qcow2", bs,
                true);
        assertEquals("Succeeded", image.getString("state"), image.prettify());
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        assertEquals("Succeeded", NetworkFixtures.attach(l2, cluster).getString("state"));
        int net = (int) (System.nanoTime() % 200) + 20;
        String prefix = "10." + net + "." + (int) (System.nanoTime() % 250) + ".";
        String l3 = NetworkFixtures.l3(l2, unique("l3"), prefix + "0/24", prefix + "1", true);
        NetworkFixtures.range(l3, prefix + "10", prefix + (9 + ips));
        String offering = offering(1, 256);
        return new Cloud(zone, cluster, hostIds, addresses, image.getString("resourceId"), l3, offering);
    }

    /** An enabled instance offering; returns its id. */
    public static String offering(int cpus, long memoryMib) {
        return as(Tokens.ADMIN)
                .body(Map.of("name", unique("off"), "cpus", cpus, "memoryMib", memoryMib, "allocatorStrategy",
                        "LeastUsed"))
                .post("/v1/instance-offerings").then().statusCode(201).extract().path("id");
    }

    /** The JSON body creating a VM on the cloud's image, L3 and offering. */
    public static Map<String, Object> vmBody(Cloud c, String name) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("offeringId", c.offering());
        b.put("imageId", c.image());
        b.put("l3NetworkIds", List.of(c.l3()));
        return b;
    }

    /** Creates a VM as {@code user} and waits for its job; returns the final job JSON. */
    public static JsonPath create(String user, Map<String, Object> body) {
        String job = as(user).body(body).post("/v1/vm-instances").then().statusCode(202).extract().path("jobId");
        return Jobs.awaitFinal(job, java.time.Duration.ofSeconds(120));
    }
}
