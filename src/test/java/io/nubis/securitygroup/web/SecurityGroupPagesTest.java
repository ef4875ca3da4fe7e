package io.nubis.securitygroup.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security group pages (issue 11): a tenant creates a group (with its default rules shown), adds rules through the
 * form (a bad CIDR comes back on its field, in Chinese too), removes one and deletes the group; another tenant gets
 * 404.
 */
@QuarkusTest
class SecurityGroupPagesTest {

    @Test
    void aTenantManagesAGroupAndItsRulesThroughThePortal() {
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        String name = unique("web");
        Response bad = alice.submit("/portal/security-groups", "/portal/security-groups", Map.of("name", "no spaces"));
        assertEquals(400, bad.statusCode());
        Response created = alice.submit("/portal/security-groups", "/portal/security-groups", Map.of("name", name));
        assertEquals(303, created.statusCode());
        String id = as(Tokens.ALICE).get("/v1/security-groups").path("find { it.name == '" + name + "' }.id");
        String page = alice.get("/portal/security-groups/" + id).asString();
        assertThat(page, containsString("group " + name)); // the default rule: members of the group itself
        assertThat(alice.get("/portal/security-groups").asString(), containsString("data-group=\"" + name + "\""));

        Response wrong = alice.submit("/portal/security-groups/" + id, "/portal/security-groups/" + id + "/rules",
                Map.of("direction", "ingress", "protocol", "tcp", "portStart", "80", "cidr", "10.0.0.1/24"));
        assertEquals(400, wrong.statusCode());
        assertThat(wrong.asString(), containsString("did you mean 10.0.0.0/24"));
        Response notNumber = alice.submit("/portal/security-groups/" + id, "/portal/security-groups/" + id + "/rules",
                Map.of("direction", "ingress", "protocol", "tcp", "portStart", "eighty", "cidr", "0.0.0.0/0"));
        assertEquals(400, notNumber.statusCode());
        assertEquals(303, alice.submit("/portal/security-groups/" + id, "/portal/security-groups/" + id + "/rules",
                Map.of("direction", "ingress", "protocol", "tcp", "portStart", "22", "cidr", "10.0.0.0/8"))
                .statusCode());
        assertThat(alice.get("/portal/security-groups/" + id).asString(),
                containsString("data-rule=\"ingress tcp 22\""));
        String rule = as(Tokens.ALICE).get("/v1/security-groups/" + id).path("rules.find { it.portStart == 22 }.id");
        assertEquals(303, alice.submit("/portal/security-groups/" + id,
                "/portal/security-groups/" + id + "/rules/" + rule + "/delete", Map.of()).statusCode());
        assertThat(alice.get("/portal/security-groups/" + id).asString(),
                org.hamcrest.Matchers.not(containsString("data-rule=\"ingress tcp 22\"")));

        PortalSession zh = PortalSession.login(Tokens.ALICE).acceptLanguage("zh-CN");
        Response zhWrong = zh.submit("/portal/security-groups/" + id, "/portal/security-groups/" + id + "/rules",
                Map.of("direction", "ingress", "protocol", "tcp", "portStart", "80", "cidr", "10.0.0.1/24"));
        assertThat(zhWrong.asString(), containsString("不是网络地址"));

        assertEquals(404, PortalSession.login(Tokens.BOB).get("/portal/security-groups/" + id).statusCode());
        assertEquals(303, alice.submit("/portal/security-groups/" + id, "/portal/security-groups/" + id + "/delete",
                Map.of()).statusCode());
        as(Tokens.ALICE).get("/v1/security-groups/" + id).then().statusCode(404);
    }

    @jakarta.inject.Inject
    io.nubis.driver.simulator.SimulatorControl simulator;

    @Test
    void aVmsNicJoinsAndLeavesAGroupOnTheVmPage() {
        io.nubis.vm.VmFixtures.Cloud cloud = io.nubis.vm.VmFixtures.simulated(simulator, 1, 8, 8192, 10);
        String vm = io.nubis.vm.VmFixtures.create(Tokens.ALICE, io.nubis.vm.VmFixtures.vmBody(cloud, unique("pg")))
                .getString("resourceId");
        String nic = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].id");
        String name = unique("app");
        String group = as(Tokens.ALICE).body(Map.of("name", name)).post("/v1/security-groups").then().statusCode(201)
                .extract().path("id");
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        assertEquals(303, alice.submit("/portal/vms/" + vm, "/portal/vms/" + vm + "/security-groups",
                Map.of("securityGroupId", group, "nicId", nic)).statusCode());
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm + "/security-groups").then()
                .body("groupId", org.hamcrest.Matchers.hasItem(group));
        assertThat(alice.get("/portal/vms/" + vm).asString(), containsString(">" + name + "</a>"));
        String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].ip");
        assertThat(alice.get("/portal/security-groups/" + group).asString(), containsString("data-member=\"" + ip));
        as(Tokens.ALICE).get("/v1/security-groups/" + group + "/members").then()
                .body("[0].nicId", org.hamcrest.Matchers.is(nic)).body("[0].ip", org.hamcrest.Matchers.is(ip));
        as(Tokens.BOB).get("/v1/security-groups/" + group + "/members").then().statusCode(404);
        assertEquals(303, alice.submit("/portal/vms/" + vm, "/portal/vms/" + vm + "/security-groups/" + group
                + "/leave", Map.of("nicId", nic)).statusCode());
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm + "/security-groups").then()
                .body("size()", org.hamcrest.Matchers.is(0));
        assertEquals(404, PortalSession.login(Tokens.BOB).submit("/portal/security-groups", "/portal/vms/" + vm
                + "/security-groups", Map.of("securityGroupId", group, "nicId", nic)).statusCode());
    }
}
