package io.nubis.iam.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.nubis.network.NetworkFixtures;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Api;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: admins share offerings, images and public L3 networks with every account or with chosen accounts; others
 * neither list nor read nor use them (404).
 */
@QuarkusTest
class SharingTest {

    static String accountId(String user) {
        return as(user).get("/v1/accounts").then().statusCode(200).extract().path("[0].id");
    }

    @Test
    void chosenAccountsSeeWhatIsSharedWithThemAndOthersDoNot() {
        String acme = accountId(Tokens.ALICE);
        accountId(Tokens.BOB);
        String offering = io.nubis.vm.VmFixtures.offering(1, 256);
        as(Tokens.BOB).get("/v1/instance-offerings/" + offering).then().statusCode(200); // every account by default

        as(Tokens.ADMIN).body(Map.of("all", false, "accountIds", List.of(acme)))
                .put("/v1/sharing/instance-offering/" + offering).then().statusCode(200).body("all", is(false))
                .body("accounts.name", hasItem("acme"));
        as(Tokens.ALICE).get("/v1/instance-offerings/" + offering).then().statusCode(200);
        as(Tokens.ALICE).queryParam("size", "200").get("/v1/instance-offerings").then()
                .body("items.id", hasItem(offering));
        as(Tokens.BOB).get("/v1/instance-offerings/" + offering).then().statusCode(404);
        as(Tokens.BOB).queryParam("size", "200").get("/v1/instance-offerings").then()
                .body("items.id", not(hasItem(offering)));
        as(Tokens.BOB).body(Map.of("name", "v", "offeringId", offering)).post("/v1/vm-instances").then()
                .statusCode(org.hamcrest.Matchers.anyOf(is(400), is(404)));

        // an admin's image, shared with acme only
        String bs = StorageFixtures.simulatorBackupStorage(unique("bs") + ".example");
        String image = StorageFixtures.uploadImage(Tokens.ADMIN, unique("img"), bs);
        as(Tokens.ALICE).get("/v1/images/" + image).then().statusCode(404);
        as(Tokens.ADMIN).body(Map.of("accountIds", List.of(acme))).put("/v1/sharing/image/" + image).then()
                .statusCode(200);
        as(Tokens.ALICE).get("/v1/images/" + image).then().statusCode(200);
        as(Tokens.BOB).get("/v1/images/" + image).then().statusCode(404);
        as(Tokens.ALICE).delete("/v1/images/" + image).then().statusCode(403); // seeing is not owning

        // a public L3 network, first for nobody, then for all
        String zone = Api.zone(unique("z"));
        String l2 = NetworkFixtures.l2(zone, unique("l2"));
        String l3 = NetworkFixtures.l3(l2, unique("l3"), "10.77.0.0/24", "10.77.0.1", false);
        as(Tokens.ALICE).get("/v1/l3-networks/" + l3).then().statusCode(404);
        as(Tokens.ADMIN).body(Map.of("all", true)).put("/v1/sharing/l3-network/" + l3).then().statusCode(200)
                .body("all", is(true));
        as(Tokens.BOB).get("/v1/l3-networks/" + l3).then().statusCode(200);

        // bad input and rights
        as(Tokens.ADMIN).body(Map.of("accountIds", List.of("00000000-0000-0000-0000-00000000ffff")))
                .put("/v1/sharing/image/" + image).then().statusCode(400).body("errors[0].field", is("accountIds"));
        as(Tokens.ADMIN).body(Map.of("all", true)).put("/v1/sharing/zone/" + zone).then().statusCode(404);
        as(Tokens.ALICE).body(Map.of("all", true)).put("/v1/sharing/image/" + image).then().statusCode(403);
        String tenantImage = StorageFixtures.uploadImage(Tokens.ALICE, unique("own"), bs);
        as(Tokens.ADMIN).body(Map.of("all", true)).put("/v1/sharing/image/" + tenantImage).then().statusCode(409);

        // the form
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        String page = "/admin/sharing/instance-offering/" + offering;
        org.hamcrest.MatcherAssert.assertThat(admin.get(page).asString(),
                org.hamcrest.Matchers.containsString("id=\"s-" + acme + "\" name=\"accountId\" value=\"" + acme
                        + "\" checked"));
        org.junit.jupiter.api.Assertions.assertEquals(303,
                admin.submit(page, page, Map.of("all", "on")).statusCode());
        as(Tokens.BOB).get("/v1/instance-offerings/" + offering).then().statusCode(200);
    }
}
