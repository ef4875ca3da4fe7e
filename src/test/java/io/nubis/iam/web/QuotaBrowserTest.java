package io.nubis.iam.web;

import static io.nubis.testing.Api.as;
import static io.nubis.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Browser;
import io.nubis.testing.Tokens;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 9 in a real browser (headless Chromium): a tenant at its VM quota gets the create form back with the reason; an
 * admin raises the quota in the account's form; the tenant's home page shows the new bar. Screenshots in
 * {@code target/screenshots/quota-*.png}.
 */
@QuarkusTest
@DisabledIfSystemProperty(named = "skipBrowserTests", matches = "true")
class QuotaBrowserTest {

    @Inject
    SimulatorControl simulator;

    String account;

    @AfterEach
    void noLimitsLeft() {
        io.nubis.testing.Quotas.clear(account);
    }

    @Test
    void anAdminRaisesATenantsQuotaAndTheTenantSeesIt() throws IOException {
        VmFixtures.Cloud cloud = VmFixtures.simulated(simulator, 1, 8, 8192, 10);
        String vm = VmFixtures.create(Tokens.ALICE, VmFixtures.vmBody(cloud, unique("qb"))).getString("resourceId");
        account = as(Tokens.ALICE).get("/v1/vm-instances/" + vm).path("accountId");
        long vms = as(Tokens.ALICE).get("/v1/accounts/" + account + "/quotas").then().extract().jsonPath()
                .getLong("find { it.kind == 'VMS' }.usage");
        as(Tokens.ADMIN).body(Map.of("vms", vms)).put("/v1/accounts/" + account + "/quotas").then().statusCode(200);

        try (Browser tenant = Browser.start()) {
            WebDriver browser = tenant.driver();
            WebDriverWait wait = tenant.waiting(Duration.ofSeconds(30));
            tenant.openLoggedIn("/portal/vms/new", "alice", "alice", "vm-form");
            browser.findElement(By.id("f-name")).sendKeys(unique("over"));
            new Select(browser.findElement(By.id("f-offeringId"))).selectByValue(cloud.offering());
            new Select(browser.findElement(By.id("f-imageId"))).selectByValue(cloud.image());
            tenant.click(By.id("f-l3-" + cloud.l3()));
            tenant.click(By.cssSelector("#vm-form button[type=submit]"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("e-refused")));
            assertTrue(browser.findElement(By.id("e-refused")).getText().contains("Quota reached"),
                    browser.findElement(By.id("e-refused")).getText());
            tenant.shot("quota-01-refused");

            try (Browser admin = Browser.start()) {
                admin.openLoggedIn("/admin/quotas/" + account, "admin", "admin", "quota-account");
                admin.driver().findElement(By.id("f-vms")).clear();
                admin.driver().findElement(By.id("f-vms")).sendKeys(Long.toString(vms + 4));
                admin.click(By.cssSelector("#quota-account button[type=submit]"));
                admin.waiting(Duration.ofSeconds(30)).until(ExpectedConditions
                        .textToBePresentInElementLocated(By.cssSelector(".alert"), "The quotas are saved."));
                admin.shot("quota-02-admin-form");
            }

            browser.get(io.nubis.testing.PortalSession.baseUrl() + "/portal");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-quota=VMS]"),
                    vms + " / " + (vms + 4)));
            tenant.shot("quota-03-tenant-bar");
        }
    }
}
