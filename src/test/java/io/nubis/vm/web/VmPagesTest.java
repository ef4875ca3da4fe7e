package io.nubis.vm.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.storage.StorageFixtures;
import io.nubis.testing.Jobs;
import io.nubis.testing.PortalSession;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.nubis.vm.VmFixtures.Cloud;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VM pages on the simulator: lists per account, the create form, the detail page and its actions. */
@QuarkusTest
class VmPagesTest {

    static PortalSession admin;
    static PortalSession alice;
    static PortalSession bob;
    /** One simulated cloud for the whole class: building it takes a while. */
    static Cloud cloud;

    @Inject
    SimulatorControl simulator;
    @Inject
    javax.sql.DataSource db;

    @BeforeAll
    static void login() {
        admin = PortalSession.login(Tokens.ADMIN);
        alice = PortalSession.login(Tokens.ALICE);
        bob = PortalSession.login(Tokens.BOB);
    }

    @BeforeEach
    void cloud() {
        if (cloud == null) {
            cloud = VmFixtures.simulated(simulator, 1, 16, 32768, 30);
        }
    }

    /** Creates a VM through the API as {@code user}, waits until it runs; returns its id. */
    static String runningVm(String user, String name) {
        JsonPath job = VmFixtures.create(user, VmFixtures.vmBody(cloud, name));
        assertEquals("Succeeded", job.getString("state"), job.prettify());
        return job.getString("resourceId");
    }

    /** Waits for the newest job of a VM to end; returns its final JSON. */
    static JsonPath awaitLatestJob(String vmId) {
        String job = as(Tokens.ADMIN).queryParam("resourceId", vmId).get("/v1/jobs").then().statusCode(200).extract()
                .path("items[0].id");
        return Jobs.awaitFinal(job, Duration.ofSeconds(60));
    }

    static String state(String vmId) {
        return as(Tokens.ADMIN).get("/v1/vm-instances/" + vmId).then().statusCode(200).extract().path("state");
    }

    static int vmCount(String user) {
        return as(user).get("/v1/vm-instances").then().statusCode(200).extract().path("total");
    }

    Response create(Map<String, String> overrides) {
        Map<String, String> fields = new HashMap<>(Map.of("name", unique("pvm"), "description", "from the portal",
                "offeringId", cloud.offering(), "imageId", cloud.image(), "l3NetworkIds", cloud.l3()));
        fields.putAll(overrides);
        fields.values().removeIf(v -> v == null);
        return alice.submit("/portal/vms/new", "/portal/vms", fields);
    }

    @Test
    void listShowsTheAccountsOwnVmsOnlyAndFiltersByStateAndName() {
        String mine = unique("alice-vm");
        String theirs = unique("bob-vm");
        String mineId = runningVm(Tokens.ALICE, mine);
        runningVm(Tokens.BOB, theirs);

        String list = alice.page("/portal/vms").asString();
        assertThat(list, containsString("href=\"/portal/vms/" + mineId + "\""));
        assertThat(list, containsString(">" + mine + "<"));
        assertThat(list, not(containsString(theirs)));
        assertThat(list, not(containsString("href=\"/admin/hosts/")));
        assertThat(bob.page("/portal/vms").asString(), not(containsString(">" + mine + "<")));

        assertThat(alice.page("/portal/vms?q=" + mine).asString(), containsString("1-1 of 1"));
        assertThat(alice.page("/portal/vms?q=" + mine + "&state=Stopped").asString(),
                not(containsString(">" + mine + "<")));
        String running = alice.page("/portal/vms?q=" + mine + "&state=Running").asString();
        assertThat(running, containsString(">" + mine + "<"));
        assertThat(running, containsString("<option value=\"Running\" selected>"));
        String ip = as(Tokens.ALICE).get("/v1/vm-instances/" + mineId).then().extract().path("nics[0].ip");
        assertThat(running, containsString("<code>" + ip + "</code>"));
        assertThat(running, containsString("1 vCPU, 256 MiB"));

        String asAdmin = admin.page("/portal/vms?q=" + mine).asString();
        assertThat(asAdmin, containsString("href=\"/admin/hosts/" + cloud.hosts().get(0) + "\""));
        assertThat(asAdmin, containsString("<td>acme</td>"));
        String theirsAsAdmin = admin.page("/portal/vms?q=" + theirs).asString();
        assertThat(theirsAsAdmin, containsString(">" + theirs + "<"));
        assertThat(theirsAsAdmin, containsString("<td>globex</td>"));
    }

    @Test
    void createFormListsOnlyWhatTheTenantMayUse() {
        String disabled = VmFixtures.offering(2, 512);
        as(Tokens.ADMIN).post("/v1/instance-offerings/" + disabled + "/disable").then().statusCode(200);
        String bs = StorageFixtures.simulatorBackupStorage(unique("vbs") + ".example");
        JsonPath iso = StorageFixtures.importImage(Tokens.ADMIN, unique("iso"), "iso", "/data/cd.iso", bs, true);
        assertEquals("Succeeded", iso.getString("state"), iso.prettify());
        as(Tokens.ADMIN).body(java.util.Map.of("name", unique("vd"), "sizeGib", 2)).post("/v1/disk-offerings").then()
                .statusCode(201);

        String form = alice.page("/portal/vms/new").asString();
        assertThat(form, containsString("<option value=\"" + cloud.offering() + "\""));
        assertThat(form, containsString("<option value=\"" + cloud.image() + "\""));
        assertThat(form, containsString("name=\"l3NetworkIds\" value=\"" + cloud.l3() + "\""));
        assertThat(form, not(containsString(disabled)));
        // issue 8: ISOs are offered too (with a blank root disk chosen from the disk offerings)
        assertThat(form, containsString("<option value=\"" + iso.getString("resourceId") + "\""));
        assertThat(form, containsString("name=\"rootDiskOfferingId\""));
    }

    @Test
    void invalidCreateShowsFieldErrorsAndCreatesNothing() {
        int before = vmCount(Tokens.ALICE);

        Response blank = create(Map.of("name", "  "));
        assertEquals(400, blank.statusCode());
        assertThat(blank.asString(), containsString("id=\"e-name\">must not be blank<"));
        assertThat(blank.asString(), containsString("from the portal"));

        Map<String, String> noNetwork = new HashMap<>();
        noNetwork.put("l3NetworkIds", null);
        String name = unique("nonet");
        noNetwork.put("name", name);
        Response withoutNetwork = create(noNetwork);
        assertEquals(400, withoutNetwork.statusCode());
        assertThat(withoutNetwork.asString(), containsString("id=\"e-l3NetworkIds\">must not be blank<"));
        assertThat(withoutNetwork.asString(), containsString("value=\"" + name + "\""));

        Response badOffering = create(Map.of("offeringId", "00000000-0000-0000-0000-00000000beef"));
        assertEquals(400, badOffering.statusCode());
        assertThat(badOffering.asString(),
                containsString("id=\"e-offeringId\">no usable instance offering has this id<"));
        assertThat(badOffering.asString(),
                containsString("name=\"l3NetworkIds\" value=\"" + cloud.l3() + "\" id=\"f-l3-"
                        + cloud.l3() + "\" checked"));

        assertEquals(before, vmCount(Tokens.ALICE));
    }

    /**
     * Issue 13: the list sorts by a column (both ways, the header says which), refreshes itself while a VM of the page
     * is in a transitional state, and shows times for the browser to localize; the tenant home counts VMs by state.
     */
    @Test
    void theListSortsRefreshesWhileBusyAndShowsLocalTimes() throws Exception {
        String prefix = unique("srt");
        runningVm(Tokens.ALICE, prefix + "-b");
        String a = runningVm(Tokens.ALICE, prefix + "-a");
        String asc = alice.page("/portal/vms?q=" + prefix + "&sort=name").asString();
        assertThat(asc.indexOf(">" + prefix + "-a<") < asc.indexOf(">" + prefix + "-b<") ? "ok" : asc,
                org.hamcrest.Matchers.is("ok"));
        assertThat(asc, containsString("aria-sort=\"ascending\""));
        assertThat(asc, containsString("href=\"/portal/vms?q=" + prefix + "&amp;sort=-name\""));
        String desc = alice.page("/portal/vms?q=" + prefix + "&sort=-name").asString();
        assertThat(desc.indexOf(">" + prefix + "-b<") < desc.indexOf(">" + prefix + "-a<") ? "ok" : desc,
                org.hamcrest.Matchers.is("ok"));
        assertEquals(200, alice.get("/portal/vms?sort=nonsense'--").statusCode());
        assertThat(asc, containsString("<time datetime=\""));
        assertThat(asc, containsString(" data-local>"));
        assertThat(asc, not(containsString("hx-trigger=\"every 3s\"")));

        // a VM in a transitional state: the table polls itself
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement st = c.prepareStatement("UPDATE vm_instance SET state = ? WHERE id = ?")) {
            st.setString(1, "Stopping");
            st.setString(2, a);
            st.executeUpdate();
            c.commit();
            String busy = alice.page("/portal/vms?q=" + prefix).asString();
            assertThat(busy, containsString("hx-trigger=\"every 3s\""));
            assertThat(busy, containsString("hx-select=\"#vm-table\""));
            st.setString(1, "Running");
            st.executeUpdate();
            c.commit();
        }
        String home = alice.page("/portal").asString();
        assertThat(home, containsString("id=\"vms-by-state\""));
        assertThat(home, containsString("href=\"/portal/vms?state=Running\""));
    }

    /** Issue 13: the console and serial output pages of a running VM. */
    @Test
    void consoleAndSerialOutputPages() {
        String id = runningVm(Tokens.ALICE, unique("con"));
        String detail = alice.page("/portal/vms/" + id).asString();
        assertThat(detail, containsString("href=\"/portal/vms/" + id + "/console\""));
        assertThat(detail, containsString("href=\"/portal/vms/" + id + "/console-log\""));
        String console = alice.page("/portal/vms/" + id + "/console").asString();
        assertThat(console, containsString("data-path=\"/console/ws/" + id + "?token="));
        assertThat(console, containsString("<script type=\"module\" src=\"/nubis-console.js\">"));
        assertEquals(200, alice.get("/nubis-console.js").statusCode());
        assertEquals(200, alice.get("/novnc/package/core/rfb.js").statusCode());
        String log = alice.page("/portal/vms/" + id + "/console-log").asString();
        assertThat(log, containsString("[simulator] nubis-" + id + " boot 1"));
    }

    /** Issue 13: the form's cloud-init fields: errors per field with the input kept; valid input reaches the host. */
    @Test
    void cloudInitFieldsAreCheckedAndReachTheHost() {
        int before = vmCount(Tokens.ALICE);
        Response bad = create(Map.of("cloudInit.hostname", "-bad-", "cloudInit.sshKeys", "not a key",
                "cloudInit.userData", "#cloud-config\n"));
        assertEquals(400, bad.statusCode());
        assertThat(bad.asString(), containsString("id=\"e-cloudInit.hostname\">"));
        assertThat(bad.asString(), containsString("id=\"e-cloudInit.sshKeys\">SSH key 1 is not an OpenSSH public key"));
        assertThat(bad.asString(), containsString(">not a key</textarea>"));
        assertThat(bad.asString(), containsString("<details class=\"mb-3\" open>"));
        assertEquals(before, vmCount(Tokens.ALICE));

        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGqV4w1b3xX2y9y0dNKw5i0O3xQx0p0V0n1oJvY8nQz me@laptop";
        Response ok = create(Map.of("cloudInit.hostname", "portal-host", "cloudInit.sshKeys", key + "\n\n",
                "cloudInit.userData", "#cloud-config\n"));
        assertEquals(303, ok.statusCode(), ok.asString());
        String vm = ok.header("Location").replaceAll(".*/portal/vms/", "");
        assertEquals("Succeeded", awaitLatestJob(vm).getString("state"));
        io.nubis.driver.ConfigDrive drive = simulator.vmSpec(cloud.hostAddresses().get(0), vm).configDrive();
        assertThat(drive.metaData(), containsString("local-hostname: \"portal-host\""));
        assertThat(drive.metaData(), containsString("  - \"" + key + "\""));
        assertEquals("#cloud-config\n", drive.userData());
    }

    @Test
    void validCreateRedirectsToTheVmWhichRunsWithItsNicAndActions() {
        String name = unique("pweb");
        Response created = create(Map.of("name", name));
        assertEquals(303, created.statusCode(), created.asString());
        String location = created.header("Location");
        assertThat(location, containsString("/portal/vms/"));
        String id = location.substring(location.lastIndexOf('/') + 1);

        String first = alice.follow(created).asString();
        assertThat(first, containsString("Instance " + name + " is being created."));
        assertThat(first, containsString("id=\"job-"));
        assertThat(first, containsString("vm.create"));

        assertEquals("Succeeded", awaitLatestJob(id).getString("state"));
        JsonPath vm = as(Tokens.ALICE).get("/v1/vm-instances/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("Running", vm.getString("state"));
        String page = alice.page("/portal/vms/" + id).asString();
        assertThat(page, containsString("<span class=\"badge text-bg-success\">Running</span>"));
        assertThat(page, containsString("<code>" + vm.getString("nics[0].ip") + "</code>"));
        assertThat(page, containsString("<code>" + vm.getString("nics[0].mac") + "</code>"));
        assertThat(page, containsString("id=\"vm-stop\""));
        assertThat(page, containsString("id=\"vm-reboot\""));
        assertThat(page, containsString("id=\"vm-destroy\""));
        assertThat(page, not(containsString("id=\"vm-start\"")));
        assertThat(page, not(containsString("id=\"vm-host\"")));
        assertThat(admin.page("/portal/vms/" + id).asString(),
                containsString("href=\"/admin/hosts/" + cloud.hosts().get(0) + "\""));

        // the root volume links to the VM's volumes, which link back to the VM
        assertThat(page, containsString("href=\"/portal/volumes?vmId=" + id + "\""));
        String volumes = alice.page("/portal/volumes?vmId=" + id).asString();
        assertThat(volumes, containsString("href=\"/portal/vms/" + id + "\""));
        assertEquals(1, volumes.split("href=\"/portal/vms/[0-9a-f-]{36}\"", -1).length - 1, "only this VM's volume");
    }

    @Test
    void stopStartForceStopAndDestroyThroughThePortalForms() {
        String name = unique("pact");
        String id = runningVm(Tokens.ALICE, name);
        String detail = "/portal/vms/" + id;

        Response stop = alice.submit(detail, detail + "/stop", Map.of());
        assertEquals(303, stop.statusCode(), stop.asString());
        assertEquals(detail, stop.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertThat(alice.follow(stop).asString(), containsString("Instance " + name + " is shutting down."));
        assertEquals("Succeeded", awaitLatestJob(id).getString("state"));
        assertEquals("Stopped", state(id));
        String stopped = alice.page(detail).asString();
        assertThat(stopped, containsString("id=\"vm-start\""));
        assertThat(stopped, not(containsString("id=\"vm-stop\"")));

        Response refused = alice.submit(detail, detail + "/reboot", Map.of());
        assertEquals(303, refused.statusCode());
        String refusedPage = alice.follow(refused).asString();
        assertThat(refusedPage, containsString("alert-danger"));
        assertThat(refusedPage, containsString("that action is not possible now"));
        assertEquals("Stopped", state(id));

        assertEquals(303, alice.submit(detail, detail + "/start", Map.of()).statusCode());
        assertEquals("Succeeded", awaitLatestJob(id).getString("state"));
        assertEquals("Running", state(id));

        Response force = alice.submit(detail, detail + "/stop", Map.of("force", "true"));
        assertThat(alice.follow(force).asString(), containsString("Instance " + name + " is being powered off."));
        assertEquals("Succeeded", awaitLatestJob(id).getString("state"));
        assertEquals("Stopped", state(id));

        assertThat(alice.page(detail + "/destroy").asString(), containsString("Destroy instance " + name + "?"));
        Response destroy = alice.submit(detail + "/destroy", detail + "/destroy", Map.of());
        assertEquals(303, destroy.statusCode());
        assertThat(alice.follow(destroy).asString(), containsString("Instance " + name + " is being destroyed."));
        assertEquals("Succeeded", awaitLatestJob(id).getString("state"));
        assertEquals("Destroyed", state(id));
        String gone = alice.page(detail).asString();
        assertThat(gone, not(containsString("id=\"vm-destroy\"")));
        assertThat(gone, not(containsString("id=\"vm-start\"")));
        assertThat(alice.page("/portal/vms").asString(), not(containsString(">" + name + "<")));
        assertThat(alice.page("/portal/vms?state=Destroyed&q=" + name).asString(), containsString(">" + name + "<"));
    }

    @Test
    void anotherTenantGets404OnThePagesAndTheActions() {
        String id = runningVm(Tokens.ALICE, unique("private"));
        String detail = "/portal/vms/" + id;
        assertEquals(404, bob.get(detail).statusCode());
        assertEquals(404, bob.get(detail + "/summary").statusCode());
        assertEquals(404, bob.get(detail + "/destroy").statusCode());
        assertEquals(404, bob.get(detail + "/console").statusCode());
        assertEquals(404, bob.get(detail + "/console-log").statusCode());
        String token = PortalSession.csrfToken(bob.page("/portal/vms/new").asString());
        for (String action : new String[]{"/stop", "/start", "/reboot", "/destroy"}) {
            assertEquals(404, bob.post(detail + action, token, Map.of()).statusCode(), action);
        }
        assertEquals("Running", state(id));
        assertEquals(200, alice.get(detail).statusCode());
    }

    @Test
    void postsWithoutTheCsrfTokenAreRefused() {
        String id = runningVm(Tokens.ALICE, unique("nocsrf"));
        Response stop = alice.post("/portal/vms/" + id + "/stop", null, Map.of());
        assertEquals(400, stop.statusCode());
        assertThat(stop.asString(), containsString("reload the page"));
        assertEquals("Running", state(id));

        int before = vmCount(Tokens.ALICE);
        Response createWithout = alice.post("/portal/vms", null, Map.of("name", unique("nocsrf"), "offeringId",
                cloud.offering(), "imageId", cloud.image(), "l3NetworkIds", cloud.l3()));
        assertEquals(400, createWithout.statusCode());
        assertEquals(before, vmCount(Tokens.ALICE));
    }

    @Test
    void tenantHomeCountsTheAccountsVmsAndNavigationLinksThem() {
        int total = vmCount(Tokens.ALICE);
        String home = alice.page("/portal").asString();
        assertThat(home, containsString("id=\"vm-count\">" + total + "<"));
        assertThat(home, containsString("href=\"/portal/vms\" id=\"nav-vms\""));
        assertThat(admin.page("/admin").asString(), containsString("href=\"/portal/vms\" id=\"nav-vms\""));
        String zh = alice.acceptLanguage("zh-CN").page("/portal/vms").asString();
        alice.acceptLanguage(null);
        assertThat(zh, containsString("虚拟机实例"));
    }
}
