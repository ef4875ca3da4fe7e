package io.nubis.storage.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where an image may come from (issue 6, item 1), on simulated stores: tenants import by upload or http(s) only; admins
 * import paths only inside a store's import folders, which never overlap the store's own directory. The real
 * server-side check (links resolved) is {@code ImagePathImportKvmTest}.
 */
@QuarkusTest
class ImageSourceRulesTest {

    String bs;

    @BeforeEach
    void store() {
        bs = StorageFixtures.simulatorBackupStorage(unique("bs") + ".example");
    }

    private io.restassured.response.ValidatableResponse register(String user, String url) {
        return as(user).body(Map.of("name", unique("i"), "format", "qcow2", "url", url, "backupStorageId", bs))
                .post("/v1/images").then();
    }

    private long imageCount() {
        return as(Tokens.ADMIN).queryParam("size", "1").get("/v1/images").then().extract().jsonPath()
                .getLong("total");
    }

    @Test
    void tenantsCannotImportPathsOfAnyKind() {
        long before = imageCount();
        for (String url : List.of("/data/guest.qcow2", "/etc/shadow", "file:///root/.ssh/authorized_keys",
                "FILE:///etc/passwd", "/srv/images/images/x.qcow2")) {
            register(Tokens.ALICE, url).statusCode(400).body("errors[0].field", is("url"))
                    .body("errors[0].code", is("error_url_tenant_http_only"));
        }
        assertEquals(before, imageCount(), "no image row was left behind");
    }

    @Test
    void adminsImportPathsOnlyInsideImportFolders() {
        JsonPath ok = StorageFixtures.importImage(Tokens.ADMIN, unique("in"), "qcow2", "/data/guest.qcow2", bs, true);
        assertEquals("Succeeded", ok.getString("state"), ok.prettify());
        register(Tokens.ADMIN, "/etc/shadow").statusCode(400).body("errors[0].code", is("error_path_import_outside"));
        register(Tokens.ADMIN, "/data").statusCode(400).body("errors[0].code", is("error_path_import_outside"));
        register(Tokens.ADMIN, "/data/../etc/shadow").statusCode(400).body("errors[0].code", is("error_url_format"));
        register(Tokens.ADMIN, "/database/x.qcow2").statusCode(400)
                .body("errors[0].code", is("error_path_import_outside"));
        // the store's own images, e.g. another account's image file, are never a source
        register(Tokens.ADMIN, "/srv/images/images/x.qcow2").statusCode(400)
                .body("errors[0].code", is("error_path_import_outside"));
        as(Tokens.ADMIN).body(Map.of("name", unique("i"), "format", "qcow2", "url", "/data/x.qcow2"))
                .post("/v1/images").then().statusCode(400).body("errors[0].field", is("backupStorageId"));
    }

    @Test
    void withoutImportFoldersPathImportsAreRefused() {
        as(Tokens.ADMIN).body(Map.of("importFolders", List.of())).put("/v1/backup-storage/" + bs + "/import-folders")
                .then().statusCode(200).body("importFolders", is(List.of()));
        register(Tokens.ADMIN, "/data/guest.qcow2").statusCode(400)
                .body("errors[0].code", is("error_path_import_no_folder"));
    }

    @Test
    void importFoldersAreValidatedAndAdminOnly() {
        String url = "/v1/backup-storage/" + bs + "/import-folders";
        for (String bad : List.of("/", "relative/dir", "/srv/images", "/srv/images/images", "/srv", "/a/../b")) {
            as(Tokens.ADMIN).body(Map.of("importFolders", List.of(bad))).put(url).then().statusCode(400)
                    .body("errors[0].field", is("importFolders"));
        }
        as(Tokens.ADMIN).body(Map.of("importFolders", List.of("/data/", "/mnt/isos", "/data"))).put(url).then()
                .statusCode(200).body("importFolders", contains("/data", "/mnt/isos"));
        as(Tokens.ALICE).body(Map.of("importFolders", List.of("/"))).put(url).then().statusCode(403);
        as(Tokens.ADMIN).queryParam("targetId", bs).queryParam("action", "backupstorage.import-folders")
                .get("/v1/audit-events").then().body("items.detail", hasItem("/data, /mnt/isos"));
        as(Tokens.ADMIN).body(Map.of("name", unique("sbs"), "type", "Simulator", "address", unique("a") + ".example",
                "rootPath", "/srv/x", "importFolders", List.of("/srv"))).post("/v1/backup-storage").then()
                .statusCode(400).body("errors[0].field", is("importFolders"))
                .body("errors[0].code", is("error_import_folder_overlaps_root"));
    }
}
