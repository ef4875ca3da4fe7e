package io.nubis.platform.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * CSRF on every state-changing portal request, whatever its content type (issue 6, item 3). The POST routes are
 * discovered by reflection over the compiled resource classes, not listed by hand: a new portal action is covered the
 * day it is written.
 */
@QuarkusTest
class PortalCsrfTest {

    @Inject
    SimulatorControl simulator;

    /** Every POST route outside the bearer-token API, with its path parameters filled in with {@code id}. */
    static List<String> portalPostRoutes(String id) throws IOException, ClassNotFoundException {
        TreeSet<String> routes = new TreeSet<>();
        java.nio.file.Path root = java.nio.file.Path.of("target/classes");
        List<java.nio.file.Path> classFiles;
        try (var files = Files.walk(root.resolve("io/nubis"))) {
            classFiles = files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList();
        }
        for (java.nio.file.Path f : classFiles) {
            String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, PortalCsrfTest.class.getClassLoader());
            Path base = type.getAnnotation(Path.class);
            if (base == null || base.value().startsWith("/v1")) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(POST.class)) {
                    Path sub = m.getAnnotation(Path.class);
                    String path = base.value() + (sub == null ? "" : "/" + sub.value());
                    routes.add(path.replaceAll("/+", "/").replaceAll("\\{[^}]+}", id));
                }
            }
        }
        return new ArrayList<>(routes);
    }

    private static long total(String path) {
        return as(Tokens.ADMIN).queryParam("size", "1").get(path).then().statusCode(200).extract().jsonPath()
                .getLong("total");
    }

    @Test
    void everyPortalPostWithoutTheTokenIsRefusedWhateverItsContentType() throws Exception {
        List<String> routes = portalPostRoutes(java.util.UUID.randomUUID().toString());
        assertTrue(routes.size() >= 30, "found only " + routes);
        assertTrue(routes.stream().anyMatch(r -> r.matches("/portal/vms/[0-9a-f-]+/reboot")), routes.toString());
        PortalSession admin = PortalSession.login("admin");
        long jobs = total("/v1/jobs");
        long events = total("/v1/audit-events");
        List<String> notRefused = new ArrayList<>();
        for (String route : routes) {
            for (String[] req : new String[][]{{"text/plain", "x=1"}, {null, null}, {"application/json", "{}"}}) {
                int status = admin.postRaw(route, req[0], req[1]);
                if (status != 403) {
                    notRefused.add(route + " (" + req[0] + "): " + status);
                }
            }
        }
        assertEquals(List.of(), notRefused);
        assertEquals(jobs, total("/v1/jobs"), "no job was started");
        assertEquals(events, total("/v1/audit-events"), "no audit event was written");
    }

    @Test
    void aRealVmIsNotRebootedByACrossSitePost() {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 1, 4, 4096, 4);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(c, unique("csrf"))).getString("resourceId");
        long jobs = as(Tokens.ALICE).queryParam("resourceId", vm).get("/v1/jobs").then().extract().jsonPath()
                .getLong("total");
        PortalSession alice = PortalSession.login("alice");
        assertEquals(403, alice.postRaw("/portal/vms/" + vm + "/reboot", "text/plain", "x"));
        assertEquals(403, alice.postRaw("/portal/vms/" + vm + "/destroy", null, null));
        // a form without the token: refused by the CSRF filter itself
        assertEquals(400, alice.post("/portal/vms/" + vm + "/reboot", null, Map.of()).statusCode());
        assertEquals(jobs, as(Tokens.ALICE).queryParam("resourceId", vm).get("/v1/jobs").then().extract().jsonPath()
                .getLong("total"));
        // the header carries the token for scripts (htmx): with it, the action goes through
        String token = PortalSession.csrfToken(alice.page("/portal/vms/" + vm).asString());
        Response ok = io.restassured.RestAssured.given().redirects().follow(false).cookies(alice.cookies())
                .header(PortalCsrfGuard.HEADER, token).post(PortalSession.baseUrl() + "/portal/vms/" + vm + "/reboot");
        assertEquals(303, ok.statusCode(), ok.asString());
    }
}
