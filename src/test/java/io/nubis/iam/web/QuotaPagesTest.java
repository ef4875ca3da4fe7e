package io.nubis.iam.web;

import static io.nubis.testing.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.iam.QuotaKind;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 9: admins set default and per-account quotas through forms (errors per field); tenants cannot. */
@QuarkusTest
class QuotaPagesTest {

    String account;

    @AfterEach
    void noLimitsLeft() {
        io.nubis.testing.Quotas.clear(account);
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    String accountId(String name) {
        try (var c = db.getConnection(); var st = c.prepareStatement("SELECT id FROM account WHERE name = ?")) {
            st.setString(1, name);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every quota field of a form, blank, with some set. */
    static Map<String, String> form(Map<String, String> set) {
        Map<String, String> f = new HashMap<>();
        for (QuotaKind k : QuotaKind.values()) {
            f.put(k.name().toLowerCase(Locale.ROOT), "");
        }
        f.putAll(set);
        return f;
    }

    @Test
    void adminsSetDefaultAndAccountQuotasThroughForms() {
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        String page = "/admin/quotas";
        assertThat(admin.get(page).asString(), containsString("id=\"quota-defaults\""));

        Response bad = admin.submit(page, page, form(Map.of("vms", "lots")));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("id=\"e-vms\""));
        assertThat(bad.asString(), containsString("value=\"lots\""));

        Response saved = admin.submit(page, page, form(Map.of("vms", "50", "vcpus", "100")));
        assertEquals(303, saved.statusCode());
        assertThat(admin.follow(saved).asString(), containsString("The quotas are saved."));
        assertEquals(50, (int) as(Tokens.ADMIN).get("/v1/quota-defaults").then().extract().path("VMS"));

        as(Tokens.ALICE).get("/v1/vm-instances").then().statusCode(200); // alice's account exists once she came
        account = accountId("acme");
        String accountPage = page + "/" + account;
        Response own = admin.submit(accountPage, accountPage, form(Map.of("vms", "7")));
        assertEquals(303, own.statusCode());
        String html = admin.follow(own).asString();
        assertThat(html, containsString("value=\"7\""));
        as(Tokens.ADMIN).get("/v1/accounts/" + account + "/quotas").then()
                .body("find { it.kind == 'VMS' }.limit", org.hamcrest.Matchers.is(7))
                .body("find { it.kind == 'VCPUS' }.source", org.hamcrest.Matchers.is("default"));

        PortalSession alice = PortalSession.login(Tokens.ALICE);
        assertEquals(403, alice.get(page).statusCode());
    }
}
