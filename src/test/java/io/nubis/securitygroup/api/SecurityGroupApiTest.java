package io.nubis.securitygroup.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.FirewallRule;
import io.nubis.driver.NicDevice;
import io.nubis.driver.NicFilterSpec;
import io.nubis.driver.NicFirewall;
import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Jobs;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Security groups through the API on simulated hosts (issue 11): default rules, field-by-field checks, tenant
 * isolation, NICs joining and leaving at run time, peer groups, what each NIC filter on its host carries, delete
 * refused while used, destroy leaving the groups.
 */
@QuarkusTest
class SecurityGroupApiTest {

    @Inject
    SimulatorControl simulator;

    @Test
    void groupsRulesAndMembersReachTheFiltersOfTheirNics() {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 1, 8, 8192, 10);
        JsonPath web = as(Tokens.ALICE).body(Map.of("name", unique("web"))).post("/v1/security-groups").then()
                .statusCode(201).extract().jsonPath();
        String webId = web.getString("id");
        assertEquals(List.of("ingress", "egress"), web.getList("rules.direction"));
        assertEquals(webId, web.getString("rules[0].remoteGroupId"), "members of the group may reach each other");
        assertEquals("0.0.0.0/0", web.getString("rules[1].cidr"), "everything out");
        as(Tokens.BOB).get("/v1/security-groups/" + webId).then().statusCode(404);
        as(Tokens.BOB).get("/v1/security-groups").then().body("id", not(hasItem(webId)));
        as(Tokens.ALICE).body(Map.of("name", web.getString("name"))).post("/v1/security-groups").then()
                .statusCode(400).body("errors.field", hasItem("name"));

        // bad rules, field by field
        as(Tokens.ALICE).body(Map.of("direction", "sideways", "protocol", "sctp", "cidr", "0.0.0.0/0"))
                .post("/v1/security-groups/" + webId + "/rules").then().statusCode(400)
                .body("errors.field", hasItems("direction", "protocol"));
        as(Tokens.ALICE).body(Map.of("direction", "ingress", "protocol", "icmp", "portStart", 1, "cidr", "0.0.0.0/0"))
                .post("/v1/security-groups/" + webId + "/rules").then().statusCode(400)
                .body("errors.field", hasItem("portStart"));
        as(Tokens.ALICE).body(Map.of("direction", "ingress", "protocol", "tcp", "portStart", 90, "portEnd", 70000,
                "cidr", "10.0.0.1/24")).post("/v1/security-groups/" + webId + "/rules").then().statusCode(400)
                .body("errors.field", hasItems("portEnd", "cidr")).body("detail", containsString("10.0.0.0/24"));
        as(Tokens.ALICE).body(Map.of("direction", "ingress", "protocol", "tcp", "portStart", 90, "portEnd", 80,
                "cidr", "0.0.0.0/0", "remoteGroupId", webId)).post("/v1/security-groups/" + webId + "/rules").then()
                .statusCode(400).body("errors.field", hasItems("portEnd", "cidr"));
        String bobs = as(Tokens.BOB).body(Map.of("name", unique("bobs"))).post("/v1/security-groups").then()
                .statusCode(201).extract().path("id");
        as(Tokens.ALICE).body(Map.of("direction", "ingress", "protocol", "all", "remoteGroupId", bobs))
                .post("/v1/security-groups/" + webId + "/rules").then().statusCode(404);
        as(Tokens.BOB).body(Map.of("direction", "ingress", "protocol", "all", "cidr", "0.0.0.0/0"))
                .post("/v1/security-groups/" + webId + "/rules").then().statusCode(404);

        // a VM joins: its NIC's filter gets the group's rules, the group's members as peers
        String vm1 = vm(cloud, "sg-1");
        JsonPath nic1 = as(Tokens.ALICE).get("/v1/vm-instances/" + vm1).then().extract().jsonPath();
        String ip1 = nic1.getString("nics[0].ip");
        String address = cloud.hostAddresses().get(0);
        assertNull(filter(address, nic1.getString("nics[0].id")).firewall(), "in no group: no firewall");
        as(Tokens.BOB).body(Map.of("securityGroupId", webId)).post("/v1/vm-instances/" + vm1 + "/security-groups")
                .then().statusCode(404);
        as(Tokens.ALICE).body(Map.of("securityGroupId", bobs)).post("/v1/vm-instances/" + vm1 + "/security-groups")
                .then().statusCode(404);
        join(vm1, webId);
        as(Tokens.ALICE).body(Map.of("securityGroupId", webId)).post("/v1/vm-instances/" + vm1 + "/security-groups")
                .then().statusCode(409);
        String set = "g" + webId.replace("-", "").substring(0, 12);
        NicFirewall fw = filter(address, nic1.getString("nics[0].id")).firewall();
        assertEquals(List.of(new FirewallRule("all", null, null, null, set)), fw.ingress());
        assertEquals(List.of(new FirewallRule("all", null, null, "0.0.0.0/0", null)), fw.egress());
        assertEquals(Map.of(set, List.of(ip1)), fw.peerSets());

        // a rule added at run time
        String job = as(Tokens.ALICE).body(Map.of("direction", "ingress", "protocol", "TCP", "portStart", 80, "cidr",
                "0.0.0.0/0")).post("/v1/security-groups/" + webId + "/rules").then().statusCode(201).extract()
                .path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
        assertTrue(filter(address, nic1.getString("nics[0].id")).firewall().ingress()
                .contains(new FirewallRule("tcp", 80, 80, "0.0.0.0/0", null)));
        as(Tokens.ALICE).body(Map.of("direction", "ingress", "protocol", "tcp", "portStart", 80, "portEnd", 80,
                "cidr", "0.0.0.0/0")).post("/v1/security-groups/" + webId + "/rules").then().statusCode(409)
                .body("code", is("error_sg_rule_exists"));

        // groups count against the account's quota: at the limit the next one is refused, nothing created
        String account = web.getString("accountId");
        try {
            long used = as(Tokens.ALICE).get("/v1/accounts/" + account + "/quotas").then().statusCode(200).extract()
                    .jsonPath().getLong("find { it.kind == 'SECURITY_GROUPS' }.usage");
            assertTrue(used >= 1, "the group is counted: " + used);
            as(Tokens.ADMIN).body(Map.of("security_groups", used)).put("/v1/accounts/" + account + "/quotas").then()
                    .statusCode(200);
            String over = unique("over");
            as(Tokens.ALICE).body(Map.of("name", over)).post("/v1/security-groups").then().statusCode(409)
                    .body("code", is("error_quota_exceeded"));
            as(Tokens.ALICE).get("/v1/security-groups").then().body("name", not(hasItem(over)));
        } finally {
            io.nubis.testing.Quotas.clear(account);
        }

        // a database group admits the web group's members: their addresses follow membership
        String db = as(Tokens.ALICE).body(Map.of("name", unique("db"))).post("/v1/security-groups").then()
                .statusCode(201).extract().path("id");
        as(Tokens.ALICE).body(Map.of("direction", "ingress", "protocol", "tcp", "portStart", 3306, "remoteGroupId",
                webId)).post("/v1/security-groups/" + db + "/rules").then().statusCode(201)
                .body("jobId", is((Object) null)); // no member yet: no host to change
        String vm2 = vm(cloud, "sg-2");
        String nic2 = as(Tokens.ALICE).get("/v1/vm-instances/" + vm2).path("nics[0].id");
        join(vm2, db);
        assertEquals(List.of(ip1), filter(address, nic2).firewall().peerSets().get(set));
        as(Tokens.ALICE).get("/v1/vm-instances/" + vm2 + "/security-groups").then().body("groupId", is(List.of(db)));

        // deleting a group in use: 409 naming its members and the groups whose rules name it
        as(Tokens.ALICE).delete("/v1/security-groups/" + webId).then().statusCode(409)
                .body("detail", containsString("sg-1")).body("detail", containsString(
                        as(Tokens.ALICE).get("/v1/security-groups/" + db).path("name").toString()));

        // VM 1 leaves web: it is unfiltered again, and db's peer set forgets its address
        String left = as(Tokens.ALICE).delete("/v1/vm-instances/" + vm1 + "/security-groups/" + webId).then()
                .statusCode(200).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(left).getString("state"));
        assertNull(filter(address, nic1.getString("nics[0].id")).firewall());
        assertEquals(List.of(), filter(address, nic2).firewall().peerSets().get(set));
        as(Tokens.ALICE).delete("/v1/vm-instances/" + vm1 + "/security-groups/" + webId).then().statusCode(409);

        // a VM created in groups: its NIC is in them before it starts; another account's group is refused
        Map<String, Object> body = new HashMap<>(VmFixtures.vmBody(cloud, "sg-3"));
        body.put("securityGroupIds", List.of(bobs));
        as(Tokens.ALICE).body(body).post("/v1/vm-instances").then().statusCode(400)
                .body("errors.field", hasItem("securityGroupIds"));
        body.put("securityGroupIds", List.of(db));
        JsonPath created = VmFixtures.create(Tokens.ALICE, body);
        assertEquals("Succeeded", created.getString("state"), created.prettify());
        String vm3 = created.getString("resourceId");
        String nic3 = as(Tokens.ALICE).get("/v1/vm-instances/" + vm3).path("nics[0].id");
        String dbSet = "g" + db.replace("-", "").substring(0, 12);
        assertTrue(filter(address, nic3).firewall().peerSets().containsKey(dbSet), "in db from its start");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> filter(address, nic2)
                .firewall().peerSets().get(dbSet).size() == 2); // db's other member learns the new address
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm3).then()
                .statusCode(202).extract().path("jobId")).getString("state"));

        // destroying VM 2 takes it out of db
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm2).then()
                .statusCode(202).extract().path("jobId")).getString("state"));
        as(Tokens.ALICE).get("/v1/security-groups/" + db).then().body("members", is(0));
        as(Tokens.ALICE).delete("/v1/security-groups/" + db).then().statusCode(204);
        as(Tokens.ALICE).delete("/v1/security-groups/" + webId).then().statusCode(204);
        as(Tokens.BOB).delete("/v1/security-groups/" + bobs).then().statusCode(204);
    }

    @Test
    void aHostThatLostItsRulesGetsEveryGroupBackWhenItReconnects() {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 1, 8, 8192, 10);
        String group = as(Tokens.ALICE).body(Map.of("name", unique("rb"))).post("/v1/security-groups").then()
                .statusCode(201).extract().path("id");
        Map<String, Object> body = new HashMap<>(VmFixtures.vmBody(cloud, "sg-reboot"));
        body.put("securityGroupIds", List.of(group));
        String vm = VmFixtures.create(Tokens.ALICE, body).getString("resourceId");
        String nic = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("nics[0].id");
        String address = cloud.hostAddresses().get(0);
        NicFirewall before = filter(address, nic).firewall();
        simulator.dropNicFilters(address); // the host rebooted
        assertNull(filter(address, nic));
        String job = as(Tokens.ADMIN).post("/v1/hosts/" + cloud.hosts().get(0) + "/reconnect").then().statusCode(202)
                .extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
        assertEquals(before, filter(address, nic).firewall(), "the same firewall, from the database");
        assertEquals("Succeeded", Jobs.awaitFinal(as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then()
                .statusCode(202).extract().path("jobId")).getString("state"));
        as(Tokens.ALICE).delete("/v1/security-groups/" + group).then().statusCode(204);
    }

    private NicFilterSpec filter(String address, String nicId) {
        return simulator.nicFilters(address).get(NicDevice.name(nicId));
    }

    private static void join(String vm, String group) {
        String job = as(Tokens.ALICE).body(Map.of("securityGroupId", group))
                .post("/v1/vm-instances/" + vm + "/security-groups").then().statusCode(200).extract().path("jobId");
        assertEquals("Succeeded", Jobs.awaitFinal(job).getString("state"));
    }

    private static String vm(VmFixtures.Cloud cloud, String name) {
        Map<String, Object> body = new HashMap<>(VmFixtures.vmBody(cloud, name));
        JsonPath job = VmFixtures.create(Tokens.ALICE, body);
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        return job.getString("resourceId");
    }
}
