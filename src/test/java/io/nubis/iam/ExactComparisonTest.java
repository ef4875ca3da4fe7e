package io.nubis.iam;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nubis.testing.Api;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Exact (binary) comparison of what identifies accounts, users and resources (issue 6). */
@QuarkusTest
class ExactComparisonTest {

    @Inject
    AccountService accounts;

    /** Made-up subjects: the directory check (does Keycloak know it?) is not what this test is about. */
    Caller login(String subject, String username, String account) {
        return accounts.login(subject, username, account, s -> true);
    }

    @Test
    void accountNamesDifferingInCaseOrSpacesAreDifferentAccounts() {
        Caller admin = login(UUID.randomUUID().toString(), unique("u"), "admin");
        Caller shouting = login(UUID.randomUUID().toString(), unique("u"), "ADMIN");
        Caller padded = login(UUID.randomUUID().toString(), unique("u"), "admin ");
        assertEquals(io.nubis.iam.Account.ADMIN_ID, admin.accountId());
        assertFalse(shouting.admin(), "a group /accounts/ADMIN is not the admin account");
        assertFalse(padded.admin(), "nor /accounts/admin with a trailing space");
        assertNotEquals(admin.accountId(), shouting.accountId());
        assertNotEquals(admin.accountId(), padded.accountId());
        String name = unique("acme");
        assertNotEquals(login(UUID.randomUUID().toString(), unique("u"), name).accountId(),
                login(UUID.randomUUID().toString(), unique("u"), name.toUpperCase()).accountId());
    }

    @Test
    void usersAreFoundByTheirExactSubject() {
        String subject = "Subject-" + UUID.randomUUID();
        Caller a = login(subject, unique("u"), unique("acct"));
        Caller b = login(subject.toLowerCase(), unique("u"), unique("acct"));
        assertNotEquals(a.userId(), b.userId());
    }

    @Test
    void anIdDifferingInCaseOrSpacesNamesNothing() {
        String zone = Api.zone(unique("z"));
        as(Tokens.ADMIN).get("/v1/zones/" + zone).then().statusCode(200);
        as(Tokens.ADMIN).get("/v1/zones/" + zone.toUpperCase()).then().statusCode(404);
        as(Tokens.ADMIN).get("/v1/zones/" + zone + "%20").then().statusCode(404);
        as(Tokens.ADMIN).get("/v1/zones/%20" + zone).then().statusCode(404);
        as(Tokens.ADMIN).delete("/v1/zones/" + zone.toUpperCase()).then().statusCode(404);
        as(Tokens.ADMIN).get("/v1/zones/" + zone).then().statusCode(200);
    }
}
