package io.nubis.home.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.Browser;
import io.nubis.testing.HostInvariants;
import io.nubis.testing.PackagedServer;
import io.nubis.testing.TestHosts;
import io.nubis.testing.TestHosts.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 13, the first-run setup from an empty install: the packaged server on a database of its own, an admin in
 * Chromium led by the dashboard to the checklist, each step done in the real form with the real KVM test host 1 (zone,
 * KVM cluster, the host by address and SSH login, Local primary storage attached to the cluster, SFTP backup storage on
 * the host, the test guest image imported from its folder, a flat L2 network attached to the cluster with an L3 network
 * and an IP range, an instance offering), the checklist following each step and ending "ready"; then a tenant creates a
 * VM in the portal, it runs on the host, and destroying it leaves nothing on the host. Run by failsafe after packaging.
 */
@DisabledIfSystemProperty(named = "skipBrowserTests", matches = "true")
class SetupWizardIT {

    private static final Duration STEP = Duration.ofSeconds(180);
    private static final Pattern ID = Pattern.compile("/([0-9a-f-]{36})$");

    static PackagedServer server;
    static TestHost host;
    static Set<String> before;
    static Path work;

    WebDriver d;
    Browser b;

    @BeforeAll
    static void emptyInstall() throws Exception {
        host = TestHosts.host(1);
        before = HostInvariants.before(host);
        work = Files.createTempDirectory(Path.of("/var/tmp"), "nubis-setup-it-");
        Files.createDirectories(work.resolve("src"));
        TestHosts.run(List.of("dev/testbed/guest-image", "build"));
        Files.copy(Path.of(TestHosts.run(List.of("dev/testbed/guest-image", "path", "qcow2")).strip()),
                work.resolve("src/guest.qcow2"));
        server = new PackagedServer("setup-wizard-it", PackagedServer.envOr("NUBIS_SETUP_IT_DB", "nubis_setup_it"),
                Integer.parseInt(PackagedServer.envOr("NUBIS_SETUP_IT_PORT", "8097")), Map.of());
        server.start();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (server != null) {
            server.close();
        }
        if (work != null) {
            TestHosts.run(List.of("rm", "-rf", work.toString()));
        }
    }

    @Test
    void anAdminWalksTheSetupAndThenATenantRunsAVm() throws Exception {
        try {
            walk();
        } catch (Exception | AssertionError e) {
            if (b != null) {
                b.dump("setup-wizard-failure");
            }
            throw e;
        } finally {
            if (b != null) {
                b.close();
            }
        }
    }

    void walk() throws Exception {
        int n = 100 + (int) (System.nanoTime() % 100);
        String psPath = "/var/lib/nubis/setup-it-ps-" + n;
        String l3;
        {
            Browser browser = newBrowser();
            // an empty install: the dashboard points to the setup, every step is to do
            browser.openLoggedIn(server.baseUrl(), "/admin", "admin", "admin", "setup-hint");
            browser.click(By.id("setup-hint-link"));
            wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("setup-steps")));
            for (String step : SetupPages.KEYS) {
                assertEquals("todo", status(step), step);
            }
            browser.click(By.id("setup-start"));
            wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("setup-banner")));

            open("zone");
            fill("f-name", "setup-zone");
            submit("zone-form");
            backToChecklist("zone");

            open("cluster");
            choose("f-zoneId", "setup-zone");
            new Select(d.findElement(By.id("f-hypervisorType"))).selectByValue("KVM");
            fill("f-name", "setup-cluster");
            submit("cluster-form");
            backToChecklist("cluster");

            open("host");
            choose("f-clusterId", "setup-cluster");
            fill("f-address", host.ip());
            fill("f-sshPort", Integer.toString(host.sshPort()));
            fill("f-username", host.user());
            fill("f-password", host.password());
            fill("f-name", "setup-host");
            submit("host-form");
            backToChecklist("host");

            open("primary_storage");
            choose("f-zoneId", "setup-zone");
            fill("f-name", "setup-local");
            new Select(d.findElement(By.id("f-type"))).selectByValue("Local");
            fill("f-path", psPath);
            submit("ps-form");
            detailId("/admin/primary-storage/");
            // the storage is made; the step is done once it serves a cluster
            assertEquals("todo", statusAfterBanner("primary_storage"));
            d.navigate().back();
            wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("ps-attach")));
            choose("f-clusterId", "setup-cluster");
            submit("ps-attach");
            backToChecklist("primary_storage");

            open("backup_storage");
            fill("f-name", "setup-sftp");
            new Select(d.findElement(By.id("f-type"))).selectByValue("SFTP");
            fill("f-address", host.ip());
            fill("f-port", Integer.toString(host.sshPort()));
            fill("f-username", host.user());
            fill("f-password", host.password());
            fill("f-rootPath", work.resolve("bs").toString());
            fill("f-importFolders", work.resolve("src").toString());
            submit("bs-form");
            backToChecklist("backup_storage");

            open("image");
            fill("f-name", "setup-guest");
            new Select(d.findElement(By.id("f-format"))).selectByValue("qcow2");
            fill("f-url", work.resolve("src/guest.qcow2").toString());
            choose("f-backupStorageId", "setup-sftp");
            if (!d.findElement(By.id("f-shared")).isSelected()) {
                browser.click(By.id("f-shared"));
            }
            submit("image-form");
            backToChecklist("image");

            open("network");
            choose("f-zoneId", "setup-zone");
            fill("f-name", "setup-flat");
            submit("l2-form");
            String l2 = detailId("/admin/l2-networks/");
            new Select(d.findElement(By.cssSelector("#attach-form select[name=clusterId]")))
                    .selectByVisibleText(optionContaining(By.cssSelector("#attach-form select[name=clusterId]"),
                            "setup-cluster"));
            submit("attach-form");
            awaitJob();
            d.get(server.baseUrl() + "/admin/l2-networks/" + l2);
            browser.click(By.cssSelector("a[href='/admin/l3-networks/new?l2Id=" + l2 + "']"));
            wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("l3-form")));
            fill("f-name", "setup-public");
            fill("f-cidr", "10.79." + n + ".0/24");
            fill("f-gateway", "10.79." + n + ".1");
            if (!d.findElement(By.id("f-shared")).isSelected()) {
                browser.click(By.id("f-shared"));
            }
            submit("l3-form");
            l3 = detailId("/admin/l3-networks/");
            fill("f-startIp", "10.79." + n + ".10");
            fill("f-endIp", "10.79." + n + ".50");
            submit("range-form");
            backToChecklist("network");

            open("offering");
            fill("f-name", "setup-small");
            fill("f-cpus", "1");
            fill("f-memoryMib", "160");
            submit("offering-form");
            backToChecklist("offering");

            // every step done: the cloud is ready, and finishing the setup takes the banner away
            wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("setup-ready")));
            browser.shot("setup-ready");
            browser.click(By.id("setup-finish"));
            wait(Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/admin$"));
            assertTrue(d.findElements(By.id("setup-banner")).isEmpty());
            assertTrue(d.findElements(By.id("setup-hint")).isEmpty(), "a cloud with a host is not empty");
            browser.close();
            b = null;
        }

        // a tenant creates a VM on what the admin built
        {
            Browser browser = newBrowser();
            browser.openLoggedIn(server.baseUrl(), "/portal/vms/new", "alice", "alice", "vm-form");
            fill("f-name", "setup-vm");
            choose("f-offeringId", "setup-small");
            choose("f-imageId", "setup-guest");
            browser.click(By.id("f-l3-" + l3));
            browser.click(By.cssSelector("#vm-form button[type=submit]"));
            wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("vm-summary")));
            String vm = detailId("/portal/vms/");
            wait(STEP).until(ExpectedConditions.textToBe(By.cssSelector("#vm-state .badge"), "Running"));
            assertTrue(TestHosts.enter(host, "virsh", "domstate", "nubis-" + vm).contains("running"));
            browser.shot("setup-tenant-vm");
            // the guest boots and takes the address Nubis gave it from the network's DHCP (its serial output)
            String ip = d.findElement(By.id("vm-nics")).getText().replaceAll("(?s).*?(10\\.79\\.\\d+\\.\\d+).*", "$1");
            wait(STEP).pollingEvery(Duration.ofSeconds(3)).until(driver -> {
                driver.get(server.baseUrl() + "/portal/vms/" + vm + "/console-log");
                return driver.findElements(By.id("console-log")).stream()
                        .anyMatch(log -> log.getText().contains("NUBIS-GUEST-IP " + ip));
            });
            d.get(server.baseUrl() + "/portal/vms/" + vm);
            browser.click(By.id("vm-destroy"));
            wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("destroy-form")));
            browser.click(By.cssSelector("#destroy-form button[type=submit]"));
            wait(STEP).until(ExpectedConditions.textToBe(By.cssSelector("#vm-state .badge"), "Destroyed"));
            browser.close();
            b = null;
        }
        assertEquals(0, server.count("SELECT COUNT(*) FROM job WHERE state NOT IN ('Succeeded')"),
                "every job of the setup and the VM succeeded");
        HostInvariants.check(server::db, host, psPath, before);
    }

    private Browser newBrowser() throws Exception {
        b = Browser.start();
        d = b.driver();
        return b;
    }

    private WebDriverWait wait(Duration timeout) {
        return b.waiting(timeout);
    }

    /** The status of a checklist step on the page shown: done, skipped or todo. */
    private String status(String step) {
        return d.findElement(By.id("setup-step-" + step)).getAttribute("data-status");
    }

    /** Opens a step's form from the checklist. */
    private void open(String step) {
        b.click(By.id("setup-open-" + step));
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[id]")));
    }

    private void fill(String id, String value) {
        WebElement el = d.findElement(By.id(id));
        el.clear();
        el.sendKeys(value);
    }

    /** Chooses the option of a select whose text contains {@code text}. */
    private void choose(String id, String text) {
        new Select(d.findElement(By.id(id))).selectByVisibleText(optionContaining(By.id(id), text));
    }

    private String optionContaining(By select, String text) {
        for (WebElement option : new Select(d.findElement(select)).getOptions()) {
            if (option.getText().contains(text)) {
                return option.getText();
            }
        }
        throw new AssertionError("no option with " + text + " in " + d.findElement(select).getText());
    }

    private void submit(String formId) {
        WebElement page = d.findElement(By.tagName("html"));
        b.click(By.cssSelector("#" + formId + " button[type=submit]"));
        wait(Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
        wait(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
        assertTrue(d.findElements(By.cssSelector(".is-invalid")).isEmpty(), () -> "the form refused: "
                + d.findElement(By.tagName("main")).getText());
    }

    /** The id of the resource whose detail page the last form led to. */
    private String detailId(String prefix) {
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*" + prefix + "[0-9a-f-]{36}$"));
        Matcher m = ID.matcher(d.getCurrentUrl());
        assertTrue(m.find(), d.getCurrentUrl());
        return m.group(1);
    }

    /** Waits on a job page until its job has ended, and checks it succeeded. */
    private void awaitJob() {
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/jobs/[0-9a-f-]{36}$"));
        By state = By.cssSelector(".job-progress .badge");
        wait(STEP).until(driver -> List.of("Succeeded", "Failed", "RolledBack").contains(driver.findElement(state)
                .getText().strip()));
        assertEquals("Succeeded", d.findElement(state).getText().strip(), () -> d.findElement(By.tagName("main"))
                .getText());
    }

    private String statusAfterBanner(String step) {
        b.click(By.id("setup-banner-link"));
        wait(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("setup-steps")));
        return status(step);
    }

    /**
     * Goes back to the checklist by the setup's banner and waits (reloading, as a job may still run) until the step is
     * done and the next one is offered.
     */
    private void backToChecklist(String step) {
        statusAfterBanner(step);
        wait(STEP).until(driver -> {
            if ("done".equals(status(step))) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
    }
}
