package io.nubis.storage;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.testing.Api;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders for storage test fixtures through the API, as an admin would set them up. */
public final class StorageFixtures {

    private StorageFixtures() {
    }

    /**
     * A connected Simulator backup storage at a fresh address, with {@code /data} as its import folder (simulated
     * images are imported from paths there); returns its id.
     */
    public static String simulatorBackupStorage(String address) {
        String job = as(Tokens.ADMIN).body(Map.of("name", unique("sbs"), "type", "Simulator", "address", address,
                "rootPath", "/srv/images", "importFolders", List.of("/data"))).post("/v1/backup-storage").then()
                .statusCode(202).extract().path("jobId");
        JsonPath j = Jobs.awaitFinal(job);
        assertEquals("Succeeded", j.getString("state"), j.prettify());
        return j.getString("resourceId");
    }

    /**
     * A connected SFTP backup storage on a test host (password login) rooted at {@code root}, from whose
     * {@code importFolder} admins may import images by path (null: none); returns its id.
     */
    public static String sftpBackupStorage(io.nubis.testing.TestHosts.TestHost host, String root,
            String importFolder) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", unique("sftp"));
        b.put("type", "SFTP");
        b.put("address", host.ip());
        b.put("port", host.sshPort());
        b.put("username", host.user());
        b.put("password", host.password());
        b.put("rootPath", root);
        if (importFolder != null) {
            b.put("importFolders", List.of(importFolder));
        }
        JsonPath job = Jobs.awaitFinal(as(Tokens.ADMIN).body(b).post("/v1/backup-storage").then().statusCode(202)
                .extract().path("jobId"));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        return job.getString("resourceId");
    }

    /** Registers an image from a URL as {@code user}, waits for its job; returns the final job JSON. */
    public static JsonPath importImage(String user, String name, String format, String url, String bsId,
            boolean shared) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("format", format);
        body.put("url", url);
        body.put("shared", shared);
        if (bsId != null) {
            body.put("backupStorageId", bsId);
        }
        String job = as(user).body(body).post("/v1/images").then().statusCode(202).extract().path("jobId");
        return Jobs.awaitFinal(job);
    }

    /**
     * Uploads a small synthetic qcow2 image (1 MiB virtual) as {@code user}, the way tenants add images of their own;
     * returns the image id.
     */
    public static String uploadImage(String user, String name, String bsId) {
        byte[] qcow2 = new byte[8192];
        qcow2[0] = 'Q';
        qcow2[1] = 'F';
        qcow2[2] = 'I';
        qcow2[3] = (byte) 0xfb;
        java.nio.ByteBuffer.wrap(qcow2, 24, 8).putLong(1 << 20);
        var req = as(user).contentType(io.restassured.http.ContentType.BINARY).body(qcow2).queryParam("name", name)
                .queryParam("format", "qcow2");
        if (bsId != null) {
            req = req.queryParam("backupStorageId", bsId);
        }
        return req.post("/v1/images/upload").then().statusCode(201).extract().path("id");
    }

    /** A zone + Simulator cluster with {@code n} connected simulated hosts; returns [zone, cluster, host ids...]. */
    public static List<String> simulatorCluster(int n) {
        String zone = Api.zone(unique("sz"));
        String cluster = Api.cluster(zone, unique("sc"));
        List<String> out = new java.util.ArrayList<>(List.of(zone, cluster));
        for (int i = 0; i < n; i++) {
            JsonPath j = Jobs.awaitFinal(Api.addHost(cluster, unique("sh") + ".example"));
            assertEquals("Succeeded", j.getString("state"), j.prettify());
            out.add(j.getString("resourceId"));
        }
        return out;
    }

    /** Creates a Local primary storage in the zone; returns its id. */
    public static String localStorage(String zone, String path) {
        return as(Tokens.ADMIN).body(Map.of("zoneId", zone, "name", unique("ps"), "path", path))
                .post("/v1/primary-storage").then().statusCode(201).extract().path("id");
    }

    /** Attaches and waits; returns the final job JSON. */
    public static JsonPath attach(String ps, String cluster) {
        String job = as(Tokens.ADMIN).body(Map.of("clusterId", cluster)).post("/v1/primary-storage/" + ps + "/clusters")
                .then().statusCode(202).extract().path("jobId");
        return Jobs.awaitFinal(job);
    }
}
