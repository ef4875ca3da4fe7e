package io.nubis.platform.api;

import static io.nubis.testing.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.nubis.platform.PageRequest;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Paging bounds (issue 6, item 5): {@code page=5000000&size=500} made the offset overflow (500). The API answers 400
 * per field; the portal clamps.
 */
@QuarkusTest
class PagingBoundsTest {

    static final List<String> LISTS = List.of("/v1/vm-instances", "/v1/jobs", "/v1/images", "/v1/volumes",
            "/v1/audit-events", "/v1/zones", "/v1/clusters", "/v1/hosts", "/v1/l2-networks", "/v1/l3-networks",
            "/v1/instance-offerings", "/v1/primary-storage", "/v1/backup-storage");

    @Test
    void anOverflowingOffsetIsAFieldErrorOnEveryList() {
        for (String list : LISTS) {
            as(Tokens.ADMIN).queryParam("page", "5000000").queryParam("size", "500").get(list).then()
                    .statusCode(400).body("errors[0].field", is("page")).body("errors[0].code", is("error_range"));
            as(Tokens.ADMIN).queryParam("page", "2147483647").get(list).then().statusCode(400)
                    .body("errors[0].field", is("page"));
        }
        as(Tokens.ALICE).queryParam("page", "5000000").queryParam("size", "500").get("/v1/vm-instances").then()
                .statusCode(400);
    }

    @Test
    void badNumbersAndSizesAreFieldErrors() {
        as(Tokens.ADMIN).queryParam("page", "0").get("/v1/jobs").then().statusCode(400)
                .body("errors[0].field", is("page"));
        as(Tokens.ADMIN).queryParam("page", "-3").get("/v1/jobs").then().statusCode(400);
        as(Tokens.ADMIN).queryParam("size", "501").get("/v1/jobs").then().statusCode(400)
                .body("errors[0].field", is("size"));
        as(Tokens.ADMIN).queryParam("size", "0").get("/v1/jobs").then().statusCode(400);
        as(Tokens.ADMIN).queryParam("page", "x").queryParam("size", "99999999999").get("/v1/jobs").then()
                .statusCode(400).body("errors.field", hasItem("page")).body("errors.field", hasItem("size"));
        // the deepest page is still served
        int last = PageRequest.maxPage(500);
        as(Tokens.ADMIN).queryParam("page", last).queryParam("size", "500").get("/v1/jobs").then().statusCode(200)
                .body("items.size()", is(0));
        as(Tokens.ADMIN).queryParam("page", last + 1).queryParam("size", "500").get("/v1/jobs").then()
                .statusCode(400);
    }

    @Test
    void thePortalClampsInsteadOfFailing() {
        PortalSession admin = PortalSession.login("admin");
        for (String page : List.of("/portal/vms", "/jobs", "/admin/images", "/admin/hosts", "/admin/audit",
                "/portal/volumes")) {
            assertEquals(200, admin.page(page + "?page=5000000&size=500").statusCode(), page);
            assertEquals(200, admin.page(page + "?page=2147483647&size=-1").statusCode(), page);
        }
    }
}
