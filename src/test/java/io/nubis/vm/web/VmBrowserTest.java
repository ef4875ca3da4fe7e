package io.nubis.vm.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Browser;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.nubis.vm.VmFixtures.Cloud;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A tenant's VM in a real browser (headless Chromium, simulated host): the create form with a field error, then a VM
 * that reaches Running on its own page (the state card follows the job through htmx), stop, destroy. Screenshots in
 * {@code target/screenshots/vm-*.png}. Skipped with {@code -DskipBrowserTests=true}.
 */
@QuarkusTest
@DisabledIfSystemProperty(named = "skipBrowserTests", matches = "true")
class VmBrowserTest {

    @Inject
    SimulatorControl simulator;

    @Test
    void tenantCreatesStopsAndDestroysAVmInTheBrowser() throws IOException {
        Cloud cloud = VmFixtures.simulated(simulator, 1, 4, 8192, 5);
        try (Browser b = Browser.start()) {
            WebDriver browser = b.driver();
            WebDriverWait wait = b.waiting(Duration.ofSeconds(30));
            b.openLoggedIn("/portal/vms/new", "alice", "alice", "vm-form");

            // nothing chosen: the form comes back with a message under the name
            b.click(By.cssSelector("#vm-form button[type=submit]"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("e-name")));
            b.shot("vm-01-form-errors");

            String name = unique("web-vm");
            browser.findElement(By.id("f-name")).sendKeys(name);
            new Select(browser.findElement(By.id("f-offeringId"))).selectByValue(cloud.offering());
            new Select(browser.findElement(By.id("f-imageId"))).selectByValue(cloud.image());
            b.click(By.id("f-l3-" + cloud.l3()));
            assertTrue(browser.findElement(By.id("f-l3-" + cloud.l3())).isSelected());
            b.shot("vm-02-form-filled");
            b.click(By.cssSelector("#vm-form button[type=submit]"));

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("vm-summary")));
            String page = browser.getCurrentUrl();
            assertTrue(page.matches(".*/portal/vms/[0-9a-f-]{36}$"), page);
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#vm-state .badge"), "Running"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vm-nics"), "eth0"));
            assertTrue(browser.findElement(By.id("vm-nics")).getText().contains(ipPrefix(cloud)),
                    browser.findElement(By.id("vm-nics")).getText());
            b.shot("vm-03-running");

            b.click(By.id("vm-stop"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#vm-state .badge"), "Stopped"));
            assertEquals(page, browser.getCurrentUrl());
            b.shot("vm-04-stopped");

            b.click(By.id("vm-destroy"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("destroy-form")));
            b.click(By.cssSelector("#destroy-form button[type=submit]"));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#vm-state .badge"), "Destroyed"));
            b.shot("vm-05-destroyed");
            assertTrue(simulator.vmIds(cloud.hostAddresses().get(0)).isEmpty(), "no domain left on the host");
        }
    }

    /** The first three octets of the VM network, as the fixture chose them. */
    private static String ipPrefix(Cloud cloud) {
        String gateway = as(Tokens.ADMIN).get("/v1/l3-networks/" + cloud.l3()).path("gateway");
        return gateway.substring(0, gateway.lastIndexOf('.') + 1);
    }
}
