package io.nubis.platform.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.platform.ListOrder;
import io.nubis.platform.PageRequest;
import io.nubis.testing.Api;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: lists sort by column in the portal and the API (hosts, images, volumes, VMs), only by the columns each list
 * names; the volume and backup storage lists refresh themselves while one of theirs is busy.
 */
@QuarkusTest
class ListSortingTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    javax.sql.DataSource db;

    @Test
    void anOrderIsOnlyEverAColumnTheListNames() {
        ListOrder order = new ListOrder(Map.of("name", "name", "size", "sizeBytes"), "createdAt", true);
        io.quarkus.panache.common.Sort bySize = order.sort("-size");
        assertEquals(List.of("sizeBytes", "id"), bySize.getColumns().stream().map(c -> c.getName()).toList());
        assertEquals(io.quarkus.panache.common.Sort.Direction.Descending, bySize.getColumns().get(0).getDirection());
        assertEquals(io.quarkus.panache.common.Sort.Direction.Descending, bySize.getColumns().get(1).getDirection(),
                "the id runs the same way, so an index on (column, id) serves the page");
        assertEquals(io.quarkus.panache.common.Sort.Direction.Ascending,
                order.sort("size").getColumns().get(1).getDirection());
        assertEquals("createdAt", order.sort("nonsense").getColumns().get(0).getName());
        assertEquals("createdAt", order.sort("sizeBytes").getColumns().get(0).getName(), "fields are not columns");
        assertEquals("", order.accepted("name; drop table vm_instance"));
        assertEquals("-name", order.accepted("-name"));
        assertEquals(null, new PageRequest(1, 20, "name desc").sort(), "not shaped like a column name");
        assertEquals("-name", new PageRequest(1, 20, "-name").sort());
    }

    @Test
    void hostsSortInTheApiAndThePortal() {
        String prefix = unique("hs");
        List<String> cluster = io.nubis.storage.StorageFixtures.simulatorCluster(0);
        for (String name : List.of(prefix + "-b", prefix + "-c", prefix + "-a")) {
            simulator.define(name + ".example", 2, 2048);
            assertEquals("Succeeded", io.nubis.testing.Jobs.awaitFinal(as(Tokens.ADMIN).body(Map.of("clusterId",
                    cluster.get(1), "address", name + ".example", "name", name)).post("/v1/hosts").then()
                    .statusCode(202).extract().path("jobId")).getString("state"));
        }
        assertEquals(List.of(prefix + "-a", prefix + "-b", prefix + "-c"), as(Tokens.ADMIN).queryParam("q", prefix)
                .queryParam("sort", "name").get("/v1/hosts").then().statusCode(200).extract().jsonPath()
                .getList("items.name"));
        assertEquals(List.of(prefix + "-c", prefix + "-b", prefix + "-a"), as(Tokens.ADMIN).queryParam("q", prefix)
                .queryParam("sort", "-name").get("/v1/hosts").then().statusCode(200).extract().jsonPath()
                .getList("items.name"));
        as(Tokens.ADMIN).queryParam("sort", "sshPasswordSealed").get("/v1/hosts").then().statusCode(400)
                .body("errors[0].field", is("sort")).body("errors[0].message", is("must be one of: address, -address,"
                        + " created, -created, name, -name, state, -state, status, -status"));

        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        String desc = admin.page("/admin/hosts?q=" + prefix + "&sort=-name").asString();
        assertTrue(desc.indexOf(">" + prefix + "-c<") < desc.indexOf(">" + prefix + "-a<"), desc);
        assertThat(desc, containsString("aria-sort=\"descending\""));
        assertThat(desc, containsString("href=\"/admin/hosts?q=" + prefix + "&amp;sort=address\""));
        assertEquals(200, admin.get("/admin/hosts?sort=nonsense'--").statusCode());
    }

    @Test
    void theApiRefusesUnknownOrdersOnEveryList() {
        for (String list : List.of("/v1/vm-instances", "/v1/images", "/v1/volumes", "/v1/hosts", "/v1/jobs")) {
            as(Tokens.ADMIN).queryParam("sort", "-nonsense").get(list).then().statusCode(400)
                    .body("errors[0].field", is("sort"));
            as(Tokens.ADMIN).queryParam("sort", "-created").get(list).then().statusCode(200);
        }
        as(Tokens.ADMIN).queryParam("sort", "-size").get("/v1/images").then().statusCode(200);
        List<String> types = as(Tokens.ADMIN).queryParam("sort", "type").queryParam("size", "500").get("/v1/jobs")
                .then().statusCode(200).extract().jsonPath().getList("items.type");
        // by the feature part of the type (letters and digits: the database's collation and Java agree on those)
        List<String> features = types.stream().map(t -> t.substring(0, t.indexOf('.'))).toList();
        assertEquals(features.stream().sorted().toList(), features, "jobs by type");
        String jobs = PortalSession.login(Tokens.ADMIN).page("/jobs?sort=-type").asString();
        assertThat(jobs, containsString("aria-sort=\"descending\""));
        assertThat(jobs, containsString("href=\"/jobs?sort=state\""));
    }

    @Test
    void theVolumeListSortsAndRefreshesWhileAVolumeIsBusy() throws Exception {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 1, 4, 4096, 5);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("vol-sort")))
                .getString("resourceId");
        String root = as(Tokens.ALICE).queryParam("vmId", vm).get("/v1/volumes").then().statusCode(200).extract()
                .path("items[0].id");
        PortalSession alice = PortalSession.login(Tokens.ALICE);
        String page = alice.page("/portal/volumes?vmId=" + vm + "&sort=size").asString();
        assertThat(page, containsString("aria-sort=\"ascending\""));
        assertThat(page, containsString("href=\"/portal/volumes?vmId=" + vm + "&amp;sort=-size\""));
        assertThat(page, not(containsString("hx-trigger=\"every 3s\"")));
        try {
            status(root, "Creating");
            assertThat(alice.page("/portal/volumes?vmId=" + vm).asString(), containsString("hx-trigger=\"every 3s\""));
        } finally {
            status(root, "Ready");
        }
        Api.as(Tokens.ALICE).delete("/v1/vm-instances/" + vm).then().statusCode(202);
    }

    @Test
    void theBackupStorageListRefreshesWhileAStoreConnects() throws Exception {
        String bs = io.nubis.storage.StorageFixtures.simulatorBackupStorage(unique("bsr") + ".example");
        PortalSession admin = PortalSession.login(Tokens.ADMIN);
        try {
            set("backup_storage", bs, "Connecting");
            assertThat(admin.page("/admin/backup-storage?size=500").asString(),
                    containsString("hx-trigger=\"every 3s\""));
        } finally {
            set("backup_storage", bs, "Connected");
        }
    }

    private void status(String volume, String status) throws Exception {
        set("volume", volume, status);
    }

    private void set(String table, String id, String status) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET status = ? WHERE id = ?")) {
            st.setString(1, status);
            st.setString(2, id);
            assertEquals(1, st.executeUpdate());
            c.commit(); // the pool's connections stay in manual-commit mode
        }
    }
}
