package io.nubis.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.testing.Browser;
import io.nubis.testing.PortalSession;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The main portal flow in a real browser (headless Chromium): log in on Keycloak's own login page, create a zone with
 * the form, find it in the list. Screenshots go to {@code target/screenshots/}. Skipped with
 * {@code -DskipBrowserTests=true}.
 */
@QuarkusTest
@DisabledIfSystemProperty(named = "skipBrowserTests", matches = "true")
class BrowserLoginTest {

    static Browser session;
    static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        session = Browser.start();
        browser = session.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (session != null) {
            session.close();
        }
    }

    static void shot(String name) throws IOException {
        session.shot(name);
    }

    @Test
    void adminLogsInOnKeycloakAndCreatesZoneThroughTheForm() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(PortalSession.baseUrl() + "/admin/zones");

        // Keycloak's own login page
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        assertTrue(browser.getCurrentUrl().startsWith("http://127.0.0.1:8180/realms/nubis/"),
                browser.getCurrentUrl());
        shot("01-keycloak-login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin");
        browser.findElement(By.id("kc-login")).click();

        // back on the page we asked for
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("zone-new")));
        assertTrue(browser.getCurrentUrl().startsWith(PortalSession.baseUrl() + "/admin/zones"),
                browser.getCurrentUrl());
        assertEquals("admin", browser.findElement(By.cssSelector("#current-user span")).getText());
        shot("02-zone-list");

        // a blank name is refused with the message under the field
        browser.findElement(By.id("zone-new")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("zone-form")));
        browser.findElement(By.cssSelector("#zone-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("e-name")));
        assertEquals("must not be blank", browser.findElement(By.id("e-name")).getText());
        shot("03-zone-form-error");

        String name = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("f-name")).sendKeys(name);
        browser.findElement(By.id("f-description")).sendKeys("made in Chromium");
        browser.findElement(By.cssSelector("#zone-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertTrue(browser.findElement(By.id("flash")).getText().contains("Zone " + name + " was created."));
        shot("04-zone-created");

        browser.findElement(By.linkText("Zones")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("zones")));
        assertTrue(browser.findElement(By.id("zones")).getText().contains(name));
        assertEquals("Zones · Nubis", browser.getTitle());
        shot("05-zone-in-list");

        // a cluster in it, then a simulated host: the host page shows the add job's progress
        browser.findElement(By.linkText(name)).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("New cluster"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cluster-form")));
        browser.findElement(By.id("f-name")).sendKeys("c1");
        new Select(browser.findElement(By.id("f-hypervisorType"))).selectByValue("Simulator");
        shot("06-cluster-form");
        browser.findElement(By.cssSelector("#cluster-form button[type=submit]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Add host"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("host-form")));
        browser.findElement(By.id("f-address")).sendKeys(name + ".sim.example");
        WebElement addHost = browser.findElement(By.cssSelector("#host-form button[type=submit]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", addHost);
        shot("06b-host-form");
        ((JavascriptExecutor) browser).executeScript("arguments[0].form.requestSubmit(arguments[0]);", addHost);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("host-summary")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#host-jobs .job-progress")));
        // htmx polls the job; when it ends, the status card reloads itself: no page reload needed
        String hostUrl = browser.getCurrentUrl();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#host-status .badge"), "Connected"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#host-jobs .job-progress"),
                "Succeeded"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("host-summary"), "Simulated CPU"));
        assertEquals(hostUrl, browser.getCurrentUrl());
        shot("07-host-detail");
        // the progress card is swapped by htmx every second: read its link, then go there
        String jobUrl = wait.until(d -> {
            try {
                return d.findElement(By.cssSelector("#host-jobs .job-progress a")).getAttribute("href");
            } catch (StaleElementReferenceException swapped) {
                return null;
            }
        });
        browser.get(jobUrl);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-log")));
        shot("08-job-detail");

        browser.get(PortalSession.baseUrl() + "/admin/hosts");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hosts")));
        shot("09-host-list");
        browser.get(PortalSession.baseUrl() + "/admin/audit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
        shot("10-audit");
        browser.get(PortalSession.baseUrl() + "/admin/zones/" + UUID.randomUUID());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-message")));
        shot("11-not-found");

        // the same page in Chinese through the language switch
        browser.get(PortalSession.baseUrl() + "/lang/zh-CN?next=/admin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard-stats")));
        assertTrue(browser.getPageSource().contains("概览"));
        shot("12-dashboard-zh");
        browser.get(PortalSession.baseUrl() + "/lang/en?next=/admin");
    }
}
