package io.nubis.iam.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nubis.storage.StorageFixtures;
import io.nubis.testing.IamUsers;
import io.nubis.testing.Tokens;
import java.time.Duration;
import org.awaitility.Awaitility;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 against the real Keycloak: accounts, users created in Keycloak, the policy matrix (implicit deny, allow, deny
 * through a group overriding an allow, resource-scoped allow), owners only manage IAM, disabled users and accounts
 * refused at once, delete refused while the account holds resources.
 */
@QuarkusTest
class IamApiTest {

    static final String PASSWORD = IamUsers.PASSWORD;

    record Account(String id, String name, String ownerId, String owner) {
    }

    static RequestSpecification with(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static Account account() {
        String name = unique("iam");
        String id = as(Tokens.ADMIN).body(Map.of("name", name)).post("/v1/accounts").then().statusCode(201)
                .body("state", is("Enabled")).extract().path("id");
        String owner = name + "-owner";
        String ownerId = as(Tokens.ADMIN).body(IamUsers.person(owner, "role", "OWNER"))
                .post("/v1/accounts/" + id + "/users").then().statusCode(201).body("role", is("OWNER")).extract()
                .path("id");
        return new Account(id, name, ownerId, owner);
    }

    static String user(Account a, String ownerToken, String suffix) {
        return with(ownerToken).body(IamUsers.person(a.name() + "-" + suffix))
                .post("/v1/accounts/" + a.id() + "/users").then().statusCode(201).body("role", is("MEMBER"))
                .extract().path("id");
    }

    static String policy(Account a, String token, String name, List<Map<String, Object>> statements) {
        return with(token).body(Map.of("name", name, "statements", statements)).post("/v1/accounts/" + a.id()
                + "/policies").then().statusCode(201).extract().path("id");
    }

    static void attach(String token, String policyId, String type, String principalId) {
        with(token).body(Map.of("principalType", type, "principalId", principalId))
                .post("/v1/policies/" + policyId + "/attachments").then().statusCode(200);
    }

    @Test
    void badAccountsAreRefusedPerField() {
        as(Tokens.ADMIN).body(Map.of("name", "bad name!")).post("/v1/accounts").then().statusCode(400)
                .body("errors[0].field", is("name"));
        as(Tokens.ADMIN).body(Map.of("name", "admin")).post("/v1/accounts").then().statusCode(409);
        as(Tokens.ALICE).body(Map.of("name", unique("x"))).post("/v1/accounts").then().statusCode(403);
        as(Tokens.ALICE).get("/v1/accounts").then().statusCode(200).body("name", contains("acme"));
        as(Tokens.ADMIN).body(Map.of("username", "Bad Name", "email", "nope")).post("/v1/accounts/"
                + io.nubis.iam.Accounts.ADMIN_ID + "/users").then().statusCode(400).body("errors.field",
                        containsInAnyOrder("username", "email", "firstName", "lastName", "password"));
    }

    @Test
    void policyMatrix() {
        Account a = account();
        String owner = Tokens.fresh(a.owner(), PASSWORD);
        with(owner).get("/v1/vm-instances").then().statusCode(200);
        String memberId = user(a, owner, "dev");
        String member = Tokens.fresh(a.name() + "-dev", PASSWORD);

        // nothing attached: implicit deny, audited
        with(member).get("/v1/vm-instances").then().statusCode(403).body("code", is("error_policy_denied"));
        as(Tokens.ADMIN).queryParam("action", "vm:read").queryParam("result", "DENIED")
                .queryParam("user", a.name() + "-dev").get("/v1/audit-events").then().statusCode(200)
                .body("total", is(1));
        // audit filters by account and resource type; an owner reads its account's events only
        as(Tokens.ADMIN).queryParam("account", a.name()).queryParam("targetType", "user").get("/v1/audit-events")
                .then().statusCode(200).body("total", is(2)).body("items.action", everyItem(is("user.create")));
        with(owner).queryParam("account", "acme").get("/v1/audit-events").then().statusCode(200)
                .body("total", is(0));

        // allow
        String vmAll = policy(a, owner, "vm-all", List.of(Map.of("effect", "Allow", "actions", List.of("vm:*",
                "account:read"), "resources", List.of("*"))));
        attach(owner, vmAll, "USER", memberId);
        with(member).get("/v1/vm-instances").then().statusCode(200);

        // a deny through a group overrides the user's allow
        String groupId = with(owner).body(Map.of("name", "readonly")).post("/v1/accounts/" + a.id() + "/groups")
                .then().statusCode(201).extract().path("id");
        with(owner).put("/v1/groups/" + groupId + "/members/" + memberId).then().statusCode(200)
                .body("members", contains(a.name() + "-dev"));
        String noRead = policy(a, owner, "no-vm-read", List.of(Map.of("effect", "Deny", "actions",
                List.of("vm:read"), "resources", List.of("*"))));
        attach(owner, noRead, "GROUP", groupId);
        with(member).get("/v1/vm-instances").then().statusCode(403);
        with(member).body(Map.of()).post("/v1/vm-instances").then().statusCode(400); // vm:create still allowed
        JsonPath eff = with(owner).get("/v1/users/" + memberId + "/effective-permissions").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("deny", eff.getString("find { it.action == 'vm:read' }.reason"));
        assertEquals("no-vm-read", eff.getString("find { it.action == 'vm:read' }.policy"));
        assertEquals("allow", eff.getString("find { it.action == 'vm:create' }.reason"));
        assertEquals("implicit-deny", eff.getString("find { it.action == 'volume:read' }.reason"));
        with(owner).delete("/v1/groups/" + groupId + "/members/" + memberId).then().statusCode(200);
        with(member).get("/v1/vm-instances").then().statusCode(200);

        // resource-scoped allow: only that account id, not the list
        String scoped = policy(a, owner, "see-account", List.of(Map.of("effect", "Allow", "actions",
                List.of("account:read"), "resources", List.of(a.id()))));
        with(owner).delete("/v1/policies/" + vmAll + "/attachments/USER/" + memberId).then().statusCode(200);
        attach(owner, scoped, "USER", memberId);
        with(member).get("/v1/accounts/" + a.id()).then().statusCode(200).body("name", is(a.name()));
        with(member).get("/v1/accounts").then().statusCode(403);
        with(member).get("/v1/vm-instances").then().statusCode(403);

        // a member never manages IAM, even with user:* allowed
        String iamAll = policy(a, owner, "iam-all", List.of(Map.of("effect", "Allow", "actions", List.of("user:*",
                "policy:*"), "resources", List.of("*"))));
        attach(owner, iamAll, "USER", memberId);
        with(member).body(IamUsers.person(a.name() + "-x"))
                .post("/v1/accounts/" + a.id() + "/users").then().statusCode(403).body("code", is("error_owner_only"));
        with(member).body(Map.of("principalType", "USER", "principalId", memberId))
                .post("/v1/policies/" + vmAll + "/attachments").then().statusCode(403);
        with(member).get("/v1/accounts/" + a.id() + "/users").then().statusCode(200).body("username",
                hasItem(a.owner()));
    }

    @Test
    void badPoliciesAreRefusedPerStatement() {
        Account a = account();
        String owner = Tokens.fresh(a.owner(), PASSWORD);
        with(owner).body(Map.of("name", "p", "statements", List.of(Map.of("effect", "Maybe", "actions",
                List.of("vm:fly"), "resources", List.of("../etc"))))).post("/v1/accounts/" + a.id() + "/policies")
                .then().statusCode(400).body("errors.field", contains("statements[0].effect",
                        "statements[0].actions", "statements[0].resources"));
        with(owner).body(Map.of("name", "p", "statements", List.of())).post("/v1/accounts/" + a.id() + "/policies")
                .then().statusCode(400).body("errors[0].field", is("statements"));
        // a policy too large for people (and for its column) is refused, not stored half
        List<String> ids = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> java.util.UUID.randomUUID().toString()).toList();
        List<Map<String, Object>> huge = java.util.Collections.nCopies(50, Map.of("effect", "Allow", "actions",
                List.of("vm:read"), "resources", ids));
        with(owner).body(Map.of("name", "huge", "statements", huge)).post("/v1/accounts/" + a.id() + "/policies")
                .then().statusCode(400).body("errors[0].field", is("statements"));
        as(Tokens.ADMIN).body(IamUsers.person(a.name() + "-long", "email", "x".repeat(60) + "@" + "a".repeat(250)
                + ".org")).post("/v1/accounts/" + a.id() + "/users").then().statusCode(400)
                .body("errors[0].field", is("email"));
        // another account's policies, users and groups answer 404
        as(Tokens.ALICE).get("/v1/accounts/" + a.id() + "/policies").then().statusCode(404);
        as(Tokens.ALICE).get("/v1/users/" + a.ownerId()).then().statusCode(404);
        with(owner).get("/v1/accounts").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void disabledUsersAndAccountsAreRefusedAtOnce() {
        Account a = account();
        String owner = Tokens.fresh(a.owner(), PASSWORD);
        String memberId = user(a, owner, "ops");
        String member = Tokens.fresh(a.name() + "-ops", PASSWORD);
        with(member).get("/v1/accounts/" + a.id() + "/users").then().statusCode(403); // implicit deny
        with(owner).post("/v1/users/" + memberId + "/disable").then().statusCode(200).body("disabled", is(true));
        with(member).get("/v1/audit-events").then().statusCode(403).body("code", is("error_user_disabled"));
        assertNotEquals(200, Tokens.loginStatus(a.name() + "-ops", PASSWORD), "disabled in Keycloak too");
        with(owner).post("/v1/users/" + memberId + "/enable").then().statusCode(200);
        assertEquals(200, Tokens.loginStatus(a.name() + "-ops", PASSWORD));
        with(owner).post("/v1/users/" + a.ownerId() + "/disable").then().statusCode(409);

        as(Tokens.ADMIN).post("/v1/accounts/" + a.id() + "/disable").then().statusCode(200)
                .body("state", is("Disabled"));
        with(owner).get("/v1/accounts").then().statusCode(403).body("code", is("error_account_disabled"));
        as(Tokens.ADMIN).post("/v1/accounts/" + a.id() + "/enable").then().statusCode(200);
        with(owner).get("/v1/accounts").then().statusCode(200);

        with(owner).body(Map.of("password", "Another-pass-2")).post("/v1/users/" + memberId + "/password").then()
                .statusCode(204);
        assertNotEquals(200, Tokens.loginStatus(a.name() + "-ops", PASSWORD));
        assertEquals(200, Tokens.loginStatus(a.name() + "-ops", "Another-pass-2"));
        with(owner).body(Map.of("password", "short")).post("/v1/users/" + memberId + "/password").then()
                .statusCode(400).body("errors[0].field", is("password"));
    }

    @Test
    void deletingAnAccountRemovesItsUsersFromKeycloak() {
        Account a = account();
        String owner = Tokens.fresh(a.owner(), PASSWORD);
        user(a, owner, "gone");
        String bs = StorageFixtures.simulatorBackupStorage(unique("bs") + ".example");
        byte[] qcow2 = new byte[8192];
        qcow2[0] = 'Q';
        qcow2[1] = 'F';
        qcow2[2] = 'I';
        qcow2[3] = (byte) 0xfb;
        java.nio.ByteBuffer.wrap(qcow2, 24, 8).putLong(1 << 20);
        String image = with(owner).contentType(ContentType.BINARY).body(qcow2).queryParam("name", "img")
                .queryParam("format", "qcow2").queryParam("backupStorageId", bs).post("/v1/images/upload").then()
                .statusCode(201).extract().path("id");
        as(Tokens.ADMIN).delete("/v1/accounts/" + a.id()).then().statusCode(409)
                .body("code", is("error_account_not_empty")).body("detail", containsString("1 images"));
        with(owner).delete("/v1/images/" + image).then().statusCode(anyOf(is(202), is(204)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> as(Tokens.ADMIN)
                .get("/v1/images/" + image).statusCode() == 404);
        as(Tokens.ADMIN).delete("/v1/accounts/" + a.id()).then().statusCode(204);
        as(Tokens.ADMIN).get("/v1/accounts/" + a.id()).then().statusCode(404);
        // the owner's token has not expired, but neither the user nor the account comes back with it
        with(owner).get("/v1/accounts").then().statusCode(403);
        as(Tokens.ADMIN).get("/v1/accounts").then().body("name", not(hasItem(a.name())));
        assertNotEquals(200, Tokens.loginStatus(a.owner(), PASSWORD));
        assertNotEquals(200, Tokens.loginStatus(a.name() + "-gone", PASSWORD));
        as(Tokens.ADMIN).delete("/v1/accounts/" + io.nubis.iam.Accounts.ADMIN_ID).then().statusCode(409);
        with(Tokens.fresh(Tokens.ALICE, Tokens.ALICE)).body(IamUsers.person(unique("taken")))
                .post("/v1/accounts/" + a.id() + "/users").then().statusCode(404);
    }
}
