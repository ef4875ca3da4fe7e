package io.nubis.testing;

import static io.nubis.testing.Api.as;

import io.nubis.iam.QuotaKind;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Quota clean-up for tests that set limits: other tests share the database and must not meet them. */
public final class Quotas {

    private Quotas() {
    }

    /** Removes the account's own limits (null: none) and every default limit. */
    public static void clear(String accountId) {
        Map<String, Object> none = new HashMap<>();
        for (QuotaKind k : QuotaKind.values()) {
            none.put(k.name().toLowerCase(Locale.ROOT), null);
        }
        if (accountId != null) {
            as(Tokens.ADMIN).body(none).put("/v1/accounts/" + accountId + "/quotas").then().statusCode(200);
        }
        as(Tokens.ADMIN).body(none).put("/v1/quota-defaults").then().statusCode(200);
    }

    /**
     * Issue 9: the quota usage the account is charged equals what it holds, as the resource APIs list it: live VMs,
     * their vCPUs and memory, data volumes, the capacity of all volumes, snapshots, own images. Called after crash and
     * recovery runs, when no create is in flight (a create in flight is charged its planned capacity).
     */
    public static void assertUsageMatchesHoldings(String user) {
        String account = as(user).get("/v1/accounts").then().statusCode(200).extract().path("[0].id");
        Map<String, Long> usage = new HashMap<>();
        for (Map<String, Object> q : as(user).get("/v1/accounts/" + account + "/quotas").then().statusCode(200)
                .extract().<java.util.List<Map<String, Object>>>path("$")) {
            usage.put((String) q.get("kind"), ((Number) q.get("usage")).longValue());
        }
        long vms = 0, cpus = 0, memory = 0;
        for (Map<String, Object> v : all(user, "/v1/vm-instances")) {
            vms++;
            cpus += ((Number) v.get("cpus")).longValue();
            memory += ((Number) v.get("memoryMib")).longValue();
        }
        long data = 0, bytes = 0;
        for (Map<String, Object> v : all(user, "/v1/volumes")) {
            data += "Data".equals(v.get("type")) ? 1 : 0;
            bytes += ((Number) v.get("sizeBytes")).longValue();
        }
        long images = all(user, "/v1/images").stream().filter(i -> account.equals(i.get("accountId"))).count();
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("VMS", vms, "VCPUS", cpus, "MEMORY_MIB", memory,
                "DATA_VOLUMES", data, "VOLUME_GIB", QuotaKind.gib(bytes), "IMAGES", images),
                Map.of("VMS", usage.get("VMS"), "VCPUS", usage.get("VCPUS"), "MEMORY_MIB", usage.get("MEMORY_MIB"),
                        "DATA_VOLUMES", usage.get("DATA_VOLUMES"), "VOLUME_GIB", usage.get("VOLUME_GIB"), "IMAGES",
                        usage.get("IMAGES")),
                "quota usage of " + user + "'s account vs what it holds");
    }

    private static java.util.List<Map<String, Object>> all(String user, String path) {
        java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int page = 1;; page++) {
            io.restassured.path.json.JsonPath j = as(user).queryParam("page", page).queryParam("size", 100).get(path)
                    .then().statusCode(200).extract().jsonPath();
            out.addAll(j.getList("items"));
            if (out.size() >= j.getLong("total") || j.getList("items").isEmpty()) {
                return out;
            }
        }
    }
}
