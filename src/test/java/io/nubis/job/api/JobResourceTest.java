package io.nubis.job.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.nubis.iam.Account;
import io.nubis.job.JobFixtures;
import io.nubis.job.TimedWorkflow;
import io.nubis.platform.Ids;
import io.nubis.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/jobs} with real Keycloak tokens: authentication, tenant scoping, filters and input errors. */
@QuarkusTest
class JobResourceTest {

    private String acmeJob;
    private String globexJob;
    private String acmeResource;
    private String globexResource;

    @BeforeEach
    void jobsOfTwoAccounts() {
        // a first API call provisions each tenant's account
        given().auth().oauth2(Tokens.of(Tokens.ALICE)).get("/v1/jobs").then().statusCode(200);
        given().auth().oauth2(Tokens.of(Tokens.BOB)).get("/v1/jobs").then().statusCode(200);
        acmeResource = Ids.newId();
        globexResource = Ids.newId();
        acmeJob = JobFixtures
                .submit(JobFixtures.request(TimedWorkflow.TYPE, acmeResource, accountId("acme"), Map.of()));
        globexJob = JobFixtures
                .submit(JobFixtures.request(TimedWorkflow.TYPE, globexResource, accountId("globex"), Map.of()));
        JobFixtures.awaitFinal(acmeJob);
        JobFixtures.awaitFinal(globexJob);
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        given().get("/v1/jobs").then().statusCode(401);
        given().get("/v1/jobs/" + acmeJob).then().statusCode(401);
    }

    @Test
    void aTenantSeesOnlyItsAccountsJobs() {
        String alice = Tokens.of(Tokens.ALICE);
        String acme = accountId("acme");
        given().auth().oauth2(alice).queryParam("size", 500).get("/v1/jobs").then().statusCode(200)
                .body("items.accountId", everyItem(equalTo(acme))).body("items.id", hasItem(acmeJob))
                .body("items.id", not(hasItem(globexJob))).body("page", equalTo(1)).body("size", equalTo(500));
        given().auth().oauth2(alice).queryParam("resourceId", globexResource).get("/v1/jobs").then().statusCode(200)
                .body("total", equalTo(0));

        given().auth().oauth2(alice).get("/v1/jobs/" + acmeJob).then().statusCode(200).body("id", equalTo(acmeJob))
                .body("state", equalTo("Succeeded")).body("resourceId", equalTo(acmeResource));
        given().auth().oauth2(alice).get("/v1/jobs/" + acmeJob + "/log").then().statusCode(200)
                .body("message", hasItem("step 1/1 work"));
        given().auth().oauth2(alice).get("/v1/jobs/" + globexJob).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(alice).get("/v1/jobs/" + globexJob + "/log").then().statusCode(404);
    }

    @Test
    void anAdminSeesTheJobsOfEveryAccount() {
        String admin = Tokens.of(Tokens.ADMIN);
        given().auth().oauth2(admin).get("/v1/jobs/" + globexJob).then().statusCode(200);
        given().auth().oauth2(admin).queryParam("resourceId", acmeResource).get("/v1/jobs").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(acmeJob));
        given().auth().oauth2(admin).queryParam("resourceId", globexResource).queryParam("state", "Succeeded")
                .get("/v1/jobs").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(globexJob));
        given().auth().oauth2(admin).queryParam("resourceId", globexResource).queryParam("state", "Failed")
                .get("/v1/jobs").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void invalidQueryValuesAre400WithAFieldError() {
        String alice = Tokens.of(Tokens.ALICE);
        given().auth().oauth2(alice).queryParam("state", "Bogus").get("/v1/jobs").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("state"));
        given().auth().oauth2(alice).queryParam("page", "two").get("/v1/jobs").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    private static String accountId(String name) {
        Account a = QuarkusTransaction.requiringNew().call(() -> Account.<Account>find("name", name).firstResult());
        assertNotNull(a, "account " + name);
        return a.id;
    }
}
