package io.nubis.network.api;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.network.IpamService;
import io.nubis.network.NetworkFixtures;
import io.nubis.platform.Ids;
import io.nubis.testing.Api;
import io.nubis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class L3NetworkApiTest {

    @Inject
    IpamService ipam;

    String zone;
    String l2;

    @BeforeEach
    void setUp() {
        zone = Api.zone(unique("z"));
        l2 = NetworkFixtures.l2(zone, unique("l2"));
    }

    long l3Count() {
        return as(Tokens.ADMIN).queryParam("l2Id", l2).get("/v1/l3-networks").then().statusCode(200).extract()
                .jsonPath().getLong("total");
    }

    Map<String, Object> body(String name, String cidr, String gateway, String dns) {
        Map<String, Object> b = new HashMap<>();
        b.put("l2Id", l2);
        b.put("name", name);
        b.put("cidr", cidr);
        if (gateway != null) {
            b.put("gateway", gateway);
        }
        if (dns != null) {
            b.put("dnsServers", dns);
        }
        return b;
    }

    @Test
    void createUpdateAndDeleteAnL3Network() {
        String name = unique("l3");
        String id = as(Tokens.ADMIN).body(body(name, "10.20.0.0/22", "10.20.0.1", "10.20.0.2, 9.9.9.9"))
                .post("/v1/l3-networks").then().statusCode(201).body("cidr", is("10.20.0.0/22"))
                .body("netmask", is("255.255.252.0")).body("gateway", is("10.20.0.1"))
                .body("dnsServers", contains("10.20.0.2", "9.9.9.9")).body("shared", is(false))
                .body("state", is("Enabled")).body("ipTotal", is(0)).extract().path("id");
        as(Tokens.ADMIN).body(Map.of("name", name + "-x", "dnsServers", "1.1.1.1", "shared", true, "cidr",
                "10.99.0.0/16")).put("/v1/l3-networks/" + id).then().statusCode(200).body("name", is(name + "-x"))
                .body("dnsServers", contains("1.1.1.1")).body("shared", is(true)).body("cidr", is("10.20.0.0/22"));
        as(Tokens.ADMIN).post("/v1/l3-networks/" + id + "/disable").then().body("state", is("Disabled"));
        as(Tokens.ADMIN).delete("/v1/l3-networks/" + id).then().statusCode(204);
        assertEquals(0, l3Count());
    }

    @Test
    void everyInvalidFieldIsA400WithItsNameAndNothingIsWritten() {
        String taken = unique("taken");
        NetworkFixtures.l3(l2, taken, "10.30.0.0/24", "10.30.0.1", false);
        record Case(Map<String, Object> body, String field, String code) {
        }
        for (Case c : new Case[]{new Case(body(unique("a"), "10.31.0.0", null, null), "cidr", "error_cidr_format"),
                new Case(body(unique("a"), "10.31.0.0/33", null, null), "cidr", "error_cidr_prefix"),
                new Case(body(unique("a"), "10.31.0.0/31", null, null), "cidr", "error_cidr_prefix"),
                new Case(body(unique("a"), "10.31.0.5/24", null, null), "cidr", "error_cidr_host_bits"),
                new Case(body(unique("a"), "300.31.0.0/24", null, null), "cidr", "error_cidr_format"),
                new Case(body(unique("a"), "fd00::/64", null, null), "cidr", "error_cidr_format"),
                new Case(body(unique("a"), "10.30.0.128/25", null, null), "cidr", "error_cidr_overlaps"),
                new Case(body(unique("a"), "10.31.0.0/24", "10.32.0.1", null), "gateway", "error_gateway_outside"),
                new Case(body(unique("a"), "10.31.0.0/24", "10.31.0.0", null), "gateway", "error_gateway_outside"),
                new Case(body(unique("a"), "10.31.0.0/24", "10.31.0.255", null), "gateway", "error_gateway_outside"),
                new Case(body(unique("a"), "10.31.0.0/24", "gw", null), "gateway", "error_ipv4_format"),
                new Case(body(unique("a"), "10.31.0.0/24", null, "8.8.8.8,dns.example"), "dnsServers",
                        "error_dns_format"),
                new Case(body(unique("a"), "10.31.0.0/24", null, "1.1.1.1,1.1.1.2,1.1.1.3,1.1.1.4,1.1.1.5"),
                        "dnsServers", "error_dns_too_many"),
                new Case(body(taken, "10.31.0.0/24", null, null), "name", "error_name_taken_in_l2"),
                new Case(body("x$(touch /tmp/nubis-pwned);a", "10.31.0.0/24", null, null), "name",
                        "error_name_format")}) {
            as(Tokens.ADMIN).body(c.body()).post("/v1/l3-networks").then().statusCode(400)
                    .body("errors.field", hasItem(c.field())).body("errors.code", hasItem(c.code()));
        }
        Map<String, Object> noL2 = body(unique("a"), "10.31.0.0/24", null, null);
        noL2.put("l2Id", "00000000-0000-0000-0000-00000000beef");
        as(Tokens.ADMIN).body(noL2).post("/v1/l3-networks").then().statusCode(400)
                .body("errors[0].field", is("l2Id")).body("errors[0].code", is("error_unknown_l2"));
        assertEquals(1, l3Count());
    }

    @Test
    void rangesAreValidatedAgainstTheSubnetTheGatewayAndEachOther() {
        String l3 = NetworkFixtures.l3(l2, unique("r"), "10.40.0.0/24", "10.40.0.100", false);
        String first = NetworkFixtures.range(l3, "10.40.0.10", "10.40.0.20");
        record Case(String start, String end, String field, String code) {
        }
        for (Case c : new Case[]{new Case("10.40.0.15", "10.40.0.30", "startIp", "error_range_overlaps"),
                new Case("10.40.0.2", "10.40.0.10", "startIp", "error_range_overlaps"),
                new Case("10.40.0.90", "10.40.0.110", "startIp", "error_range_contains_gateway"),
                new Case("10.40.0.100", "10.40.0.100", "startIp", "error_range_contains_gateway"),
                new Case("10.40.0.0", "10.40.0.5", "startIp", "error_ip_network_or_broadcast"),
                new Case("10.40.0.200", "10.40.0.255", "endIp", "error_ip_network_or_broadcast"),
                new Case("10.41.0.2", "10.41.0.5", "startIp", "error_ip_outside_cidr"),
                new Case("10.40.0.50", "10.40.0.40", "endIp", "error_range_order"),
                new Case("10.40.0.x", "10.40.0.40", "startIp", "error_ipv4_format"),
                new Case("", "10.40.0.40", "startIp", "error_required")}) {
            as(Tokens.ADMIN).body(Map.of("startIp", c.start(), "endIp", c.end()))
                    .post("/v1/l3-networks/" + l3 + "/ip-ranges").then().statusCode(400)
                    .body("errors.field", hasItem(c.field())).body("errors.code", hasItem(c.code()));
        }
        as(Tokens.ADMIN).get("/v1/l3-networks/" + l3 + "/ip-ranges").then().statusCode(200).body("$", hasSize(1))
                .body("[0].size", is(11));
        String second = NetworkFixtures.range(l3, "10.40.0.101", "10.40.0.254");
        as(Tokens.ADMIN).get("/v1/l3-networks/" + l3).then().body("ipTotal", is(11 + 154)).body("ipUsed", is(0));

        // a range with an allocated address stays; an unused one goes
        String owner = Ids.newId();
        String ip = ipam.allocate(l3, "test", owner, null, null, null).ip();
        String holding = as(Tokens.ADMIN).get("/v1/l3-networks/" + l3 + "/ip-ranges").then().extract().jsonPath()
                .<Map<String, Object>>getList("$").stream().filter(r -> ((Number) r.get("used")).intValue() == 1)
                .map(r -> (String) r.get("id")).findFirst().orElseThrow();
        String other = holding.equals(first) ? second : first;
        as(Tokens.ADMIN).delete("/v1/l3-networks/" + l3 + "/ip-ranges/" + holding).then().statusCode(409)
                .body("code", is("error_range_in_use"));
        as(Tokens.ADMIN).delete("/v1/l3-networks/" + l3).then().statusCode(409).body("code", is("error_l3_in_use"));
        as(Tokens.ADMIN).get("/v1/l3-networks/" + l3 + "/ip-allocations").then().statusCode(200)
                .body("total", is(1)).body("items[0].ip", is(ip)).body("items[0].ownerId", is(owner));
        as(Tokens.ADMIN).delete("/v1/l3-networks/" + l3 + "/ip-ranges/" + other).then().statusCode(204);
        ipam.release(l3, owner);
        ipam.release(l3, owner);
        as(Tokens.ADMIN).delete("/v1/l3-networks/" + l3 + "/ip-ranges/" + holding).then().statusCode(204);
        as(Tokens.ADMIN).get("/v1/l3-networks/" + l3 + "/ip-ranges").then().body("$", hasSize(0));
    }

    @Test
    void tenantsSeeSharedL3NetworksOnlyAndMayNotChangeAnything() {
        String shared = NetworkFixtures.l3(l2, unique("shared"), "10.50.0.0/24", "10.50.0.1", true);
        String priv = NetworkFixtures.l3(l2, unique("private"), "10.51.0.0/24", null, false);
        List<String> seen = as(Tokens.BOB).queryParam("size", 500).get("/v1/l3-networks").then().statusCode(200)
                .body("items.shared", not(hasItem(false))).extract().jsonPath().getList("items.id");
        assertEquals(true, seen.contains(shared));
        assertEquals(false, seen.contains(priv));
        as(Tokens.BOB).get("/v1/l3-networks/" + shared).then().statusCode(200).body("cidr", is("10.50.0.0/24"));
        as(Tokens.BOB).get("/v1/l3-networks/" + priv).then().statusCode(404);
        as(Tokens.BOB).body(body(unique("t"), "10.52.0.0/24", null, null)).post("/v1/l3-networks").then()
                .statusCode(403);
        as(Tokens.BOB).body(Map.of("name", "mine")).put("/v1/l3-networks/" + shared).then().statusCode(403);
        as(Tokens.BOB).post("/v1/l3-networks/" + shared + "/disable").then().statusCode(403);
        as(Tokens.BOB).delete("/v1/l3-networks/" + shared).then().statusCode(403);
        as(Tokens.BOB).get("/v1/l3-networks/" + shared + "/ip-ranges").then().statusCode(403);
        as(Tokens.BOB).body(Map.of("startIp", "10.50.0.10", "endIp", "10.50.0.20"))
                .post("/v1/l3-networks/" + shared + "/ip-ranges").then().statusCode(403);
        as(Tokens.BOB).get("/v1/l3-networks/" + shared + "/ip-allocations").then().statusCode(403);
        as(Tokens.ADMIN).get("/v1/l3-networks/" + shared + "/ip-ranges").then().body("$", hasSize(0));
        as(Tokens.ADMIN).get("/v1/l3-networks/" + shared).then().body("state", is("Enabled"));
    }
}
