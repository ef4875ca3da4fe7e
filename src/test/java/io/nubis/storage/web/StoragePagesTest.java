package io.nubis.storage.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Jobs;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storage pages: admin forms with per-field errors, lists and details, multipart upload, tenant lists. */
@QuarkusTest
class StoragePagesTest {

    static PortalSession admin;
    static PortalSession alice;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
        alice = PortalSession.login(Tokens.ALICE);
    }

    @Test
    void backupStorageFormShowsFieldErrorsThenAddsAndShowsCapacity() {
        Response bad = admin.submit("/admin/backup-storage/new", "/admin/backup-storage",
                Map.of("name", unique("pbs"), "type", "SFTP", "address", "10.61.0.11", "port", "22", "username", "",
                        "rootPath", "/srv/../x"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("id=\"e-rootPath\""));
        assertThat(bad.asString(), containsString("id=\"e-password\""));

        String name = unique("pbs");
        Response ok = admin.submit("/admin/backup-storage/new", "/admin/backup-storage",
                Map.of("name", name, "type", "Simulator", "address", unique("pbs") + ".example", "port", "22",
                        "rootPath", "/srv/images"));
        assertEquals(303, ok.statusCode(), ok.asString());
        String detail = ok.header("Location");
        String id = detail.substring(detail.lastIndexOf('/') + 1);
        Jobs.awaitFinal(as(Tokens.ADMIN).queryParam("resourceId", id).get("/v1/jobs").then().extract()
                .path("items[0].id"));
        String page = admin.page(detail).asString();
        assertThat(page, containsString(name));
        assertThat(page, containsString("id=\"bs-capacity\""));
        assertThat(page, containsString("of 1 TiB used"));
        assertThat(admin.page("/admin/backup-storage").asString(), containsString(name));
        // zones: none (serves all), then one chosen in the form; an empty choice is a field error
        assertThat(page, containsString("id=\"bs-zones-all\""));
        Response noZone = admin.submit(detail, detail + "/zones", Map.of("zoneId", ""));
        assertEquals(400, noZone.statusCode());
        assertThat(noZone.asString(), containsString("id=\"e-zoneId\""));
        String zone = io.nubis.testing.Api.zone(unique("pz"));
        assertEquals(303, admin.submit(detail, detail + "/zones", Map.of("zoneId", zone)).statusCode());
        assertThat(admin.page(detail).asString(), containsString("id=\"bs-zones\""));
        assertEquals(303, admin.submit(detail, detail + "/zones/" + zone + "/detach", Map.of()).statusCode());
        assertThat(admin.page(detail).asString(), containsString("id=\"bs-zones-all\""));
    }

    @Test
    void imagesRegisterByUrlAndUploadAFileFromThePortal() {
        String bs = StorageFixtures.simulatorBackupStorage(unique("pbs") + ".example");
        Response bad = admin.submit("/admin/images/new", "/admin/images",
                Map.of("name", unique("pi"), "format", "qcow2", "url", "relative.qcow2", "backupStorageId", bs));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("id=\"e-url\""));

        String name = unique("pi");
        Response ok = admin.submit("/admin/images/new", "/admin/images",
                Map.of("name", name, "format", "qcow2", "url", "/data/p.qcow2", "backupStorageId", bs, "shared",
                        "on"));
        assertEquals(303, ok.statusCode(), ok.asString());
        String imageId = ok.header("Location").substring(ok.header("Location").lastIndexOf('/') + 1);
        Jobs.awaitFinal(as(Tokens.ADMIN).queryParam("resourceId", imageId).get("/v1/jobs").then().extract()
                .path("items[0].id"));
        assertThat(admin.page("/admin/images/" + imageId).asString(), containsString("id=\"image-sha256\""));
        // issue 12: a copy on another store from the image's page (an empty choice is a field error), then removed
        String detail = "/admin/images/" + imageId;
        assertThat(admin.page(detail).asString(), containsString("id=\"image-copies-none\""));
        Response noStore = admin.submit(detail, detail + "/copies", Map.of("backupStorageId", ""));
        assertEquals(400, noStore.statusCode());
        assertThat(noStore.asString(), containsString("id=\"e-backupStorageId\""));
        String other = StorageFixtures.simulatorBackupStorage(unique("pcs") + ".example");
        assertEquals(303, admin.submit(detail, detail + "/copies", Map.of("backupStorageId", other)).statusCode());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> admin.page(detail).asString().contains("<td>Ready</td>"));
        assertThat(admin.page(detail).asString(), containsString("id=\"image-copies\""));
        assertEquals(303, admin.submit(detail, detail + "/copies/" + other + "/remove", Map.of()).statusCode());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> admin.page(detail).asString().contains("id=\"image-copies-none\""));
        assertThat(alice.page("/portal/images?size=500").asString(), containsString(name)); // by name: other tests'
                                                                                            // images come first

        byte[] qcow2 = new byte[4096];
        qcow2[0] = 'Q';
        qcow2[1] = 'F';
        qcow2[2] = 'I';
        qcow2[3] = (byte) 0xfb;
        ByteBuffer.wrap(qcow2, 24, 8).putLong(1 << 20);
        String csrf = PortalSession.csrfToken(admin.page("/admin/images/upload").asString());
        String uploaded = unique("pu");
        Response up = given().redirects().follow(false).cookies(admin.cookies()).multiPart("csrf-token", csrf)
                .multiPart("name", uploaded).multiPart("format", "qcow2").multiPart("backupStorageId", bs)
                .multiPart("file", "disk.qcow2", qcow2, "application/octet-stream")
                .post(PortalSession.baseUrl() + "/admin/images/upload");
        assertEquals(303, up.statusCode(), up.asString());
        assertThat(admin.page(up.header("Location")).asString(), containsString("Ready"));

        Response wrong = given().redirects().follow(false).cookies(admin.cookies()).multiPart("csrf-token", csrf)
                .multiPart("name", unique("pu")).multiPart("format", "iso").multiPart("backupStorageId", bs)
                .multiPart("file", "disk.iso", qcow2, "application/octet-stream")
                .post(PortalSession.baseUrl() + "/admin/images/upload");
        assertEquals(400, wrong.statusCode());
        assertThat(wrong.asString(), containsString("declared as iso"));
    }

    @Test
    void primaryStoragePagesAttachAndShowPerHostCapacity() {
        List<String> inv = StorageFixtures.simulatorCluster(2);
        Response bad = admin.submit("/admin/primary-storage/new", "/admin/primary-storage",
                Map.of("zoneId", inv.get(0), "name", unique("pp"), "path", "not/absolute"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("id=\"e-path\""));
        Response badNfs = admin.submit("/admin/primary-storage/new", "/admin/primary-storage",
                Map.of("zoneId", inv.get(0), "name", unique("pp"), "type", "NFS", "url", "nas;reboot"));
        assertEquals(400, badNfs.statusCode());
        assertThat(badNfs.asString(), containsString("id=\"e-url\""));
        assertThat(badNfs.asString(), containsString("<option value=\"NFS\" selected>"));
        Response badCeph = admin.submit("/admin/primary-storage/new", "/admin/primary-storage",
                Map.of("zoneId", inv.get(0), "name", unique("pp"), "type", "Ceph", "monitors", "10.0.0.1;x",
                        "pool", "p", "cephUser", "nubis", "cephKey", "AQCwbxNrLPs5LBAAvzaoIosyvPFujjEY4eKXyQ=="));
        assertEquals(400, badCeph.statusCode());
        assertThat(badCeph.asString(), containsString("id=\"e-monitors\""));
        assertThat(badCeph.asString(), org.hamcrest.Matchers.not(containsString("AQCwbxNrLPs5LBAAvzaoIosyvPFujjEY")));
        Response ok = admin.submit("/admin/primary-storage/new", "/admin/primary-storage",
                Map.of("zoneId", inv.get(0), "name", unique("pp"), "path", "/var/lib/nubis/page-" + unique("p")));
        assertEquals(303, ok.statusCode(), ok.asString());
        String detail = ok.header("Location");
        Response attach = admin.submit(detail, detail + "/attach", Map.of("clusterId", inv.get(1)));
        assertEquals(303, attach.statusCode());
        String ps = detail.substring(detail.lastIndexOf('/') + 1);
        Jobs.awaitFinal(as(Tokens.ADMIN).queryParam("resourceId", ps).get("/v1/jobs").then().extract()
                .path("items[0].id"));
        String page = admin.page(detail).asString();
        assertThat(page, containsString("id=\"ps-hosts\""));
        assertTrue(page.split("of 1 TiB used").length >= 3, "one capacity row per host");
        assertThat(admin.page("/admin/primary-storage").asString(), containsString("2 TiB"));
    }

    /** Issue 12: the iSCSI form (portal, IQN; errors per field), then the target's LUNs on the page and a refresh. */
    @Test
    void iscsiStorageShowsItsLunsAndRefreshes() {
        List<String> inv = StorageFixtures.simulatorCluster(1);
        Response bad = admin.submit("/admin/primary-storage/new", "/admin/primary-storage",
                Map.of("zoneId", inv.get(0), "name", unique("pi"), "type", "iSCSI", "portal", "san;reboot", "iqn",
                        "not an iqn"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("id=\"e-portal\""));
        assertThat(bad.asString(), containsString("id=\"e-iqn\""));
        assertThat(bad.asString(), containsString("<option value=\"iSCSI\" selected>"));
        Response ok = admin.submit("/admin/primary-storage/new", "/admin/primary-storage",
                Map.of("zoneId", inv.get(0), "name", unique("pi"), "type", "iSCSI", "portal", "san.example", "iqn",
                        "iqn.2026-12.example.san:" + unique("page")));
        assertEquals(303, ok.statusCode(), ok.asString());
        String detail = ok.header("Location");
        String ps = detail.substring(detail.lastIndexOf('/') + 1);
        assertEquals(303, admin.submit(detail, detail + "/attach", Map.of("clusterId", inv.get(1))).statusCode());
        Jobs.awaitFinal(as(Tokens.ADMIN).queryParam("resourceId", ps).get("/v1/jobs").then().extract()
                .path("items[0].id"));
        String page = admin.page(detail).asString();
        assertThat(page, containsString("id=\"ps-luns\""));
        String table = page.substring(page.indexOf("id=\"ps-luns\""));
        table = table.substring(0, table.indexOf("</table>"));
        assertEquals(16, table.split("<td>20 GiB</td>", -1).length - 1, "16 free LUNs of 20 GiB: " + table);
        assertEquals(303, admin.submit(detail, detail + "/refresh", Map.of()).statusCode());
    }

    @Test
    void tenantsGetTheirListsButNotTheAdminPages() {
        // regression: a page class at /portal shadowed the home page's /portal (404)
        assertEquals(200, alice.page("/portal").statusCode());
        Response volumes = alice.page("/portal/volumes");
        assertEquals(200, volumes.statusCode());
        assertThat(volumes.asString(), containsString("<h1 class=\"h3 mb-0\">Volumes</h1>"));
        assertThat(volumes.asString(), not(containsString("href=\"/admin/backup-storage\"")));
        assertEquals(403, alice.get("/admin/backup-storage").statusCode());
        assertEquals(403, alice.get("/admin/images").statusCode());
        assertEquals(403, alice.get("/admin/primary-storage").statusCode());
        String zh = admin.acceptLanguage("zh-CN").page("/admin/backup-storage").asString();
        admin.acceptLanguage(null);
        assertThat(zh, containsString("镜像服务器"));
    }
}
