package io.nubis.platform.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.storage.StorageFixtures;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Request body limits (issue 6): 1 MiB for ordinary requests, large bodies only on the upload endpoints, and the admin
 * upload page refuses non-admins before it reads the body.
 */
@QuarkusTest
class RequestLimitsTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static int send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static HttpRequest.Builder api(String path, String user) {
        return HttpRequest.newBuilder(URI.create(PortalSession.baseUrl() + path))
                .header("Authorization", "Bearer " + Tokens.of(user)).header("Content-Type", "application/json");
    }

    static String bigJson(int bytes) {
        char[] pad = new char[bytes];
        Arrays.fill(pad, 'x');
        return "{\"name\":\"" + new String(pad) + "\"}";
    }

    @Test
    void aLargeJsonBodyIsRefusedWith413AndAChunkedOneWith411() throws Exception {
        long vms = as(Tokens.ALICE).get("/v1/vm-instances").then().extract().jsonPath().getLong("total");
        assertEquals(413, send(api("/v1/vm-instances", Tokens.ALICE)
                .POST(HttpRequest.BodyPublishers.ofString(bigJson(2 << 20)))));
        assertEquals(413, send(api("/v1/zones", Tokens.ADMIN).POST(HttpRequest.BodyPublishers.ofString(bigJson(
                (1 << 20) + 1)))));
        // no length: sent in chunks
        assertEquals(411, send(api("/v1/vm-instances", Tokens.ALICE).POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new ByteArrayInputStream("{\"name\":\"x\"}".getBytes())))));
        // small bodies are fine (400: the VM request is incomplete, but it was read)
        assertEquals(400, send(api("/v1/vm-instances", Tokens.ALICE).POST(HttpRequest.BodyPublishers
                .ofString("{\"name\":\"x\"}"))));
        assertEquals(vms, as(Tokens.ALICE).get("/v1/vm-instances").then().extract().jsonPath().getLong("total"));
    }

    @Test
    void uploadsStillTakeLargeBodies() throws Exception {
        String bs = StorageFixtures.simulatorBackupStorage(unique("bs") + ".example");
        byte[] qcow2 = new byte[3 << 20];
        qcow2[0] = 'Q';
        qcow2[1] = 'F';
        qcow2[2] = 'I';
        qcow2[3] = (byte) 0xfb;
        java.nio.ByteBuffer.wrap(qcow2, 24, 8).putLong(8L << 20);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(PortalSession.baseUrl() + "/v1/images/upload?name="
                + unique("big") + "&format=qcow2&backupStorageId=" + bs))
                .header("Authorization", "Bearer " + Tokens.of(Tokens.ALICE))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(qcow2));
        assertEquals(201, send(b));
    }

    @Test
    void theAdminUploadPageRefusesTenantsBeforeReadingTheBody() throws Exception {
        PortalSession alice = PortalSession.login("alice");
        byte[] body = new byte[2 << 20];
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(PortalSession.baseUrl() + "/admin/images/upload"))
                .header("Cookie", alice.cookies().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining("; ")))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        assertEquals(403, send(b));
    }
}
