package io.nubis.capacity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nubis.driver.simulator.SimulatorControl;
import io.nubis.testing.Browser;
import io.nubis.vm.VmFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin dashboard's capacity chart in headless Chromium (issue 13): uPlot draws the sampled history, the range and
 * metric buttons and a host's chart button load other series. Screenshot: target/screenshots/dashboard-capacity.png.
 */
@QuarkusTest
@DisabledIfSystemProperty(named = "skipBrowserTests", matches = "true")
class DashboardBrowserTest {

    @Inject
    SimulatorControl simulator;
    @Inject
    CapacitySampler sampler;

    @Test
    void theCapacityChartDrawsTheHistory() throws Exception {
        VmFixtures.Cloud c = VmFixtures.simulated(simulator, 2, 8, 16384, 10);
        Instant now = Instant.now();
        for (int i = 5; i >= 0; i--) {
            sampler.sample(now.minus(i, ChronoUnit.MINUTES));
        }
        try (Browser b = Browser.start()) {
            b.openLoggedIn("/admin", "admin", "admin", "capacity-history");
            WebDriverWait wait = b.waiting(Duration.ofSeconds(20));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#capacity-chart canvas")));
            wait.until(d -> Integer.parseInt(d.findElement(By.id("capacity-chart")).getAttribute("data-points")) >= 6);
            b.click(By.cssSelector("#capacity-metrics button[data-metric=memory]"));
            b.click(By.cssSelector("#capacity-ranges button[data-range='1h']"));
            wait.until(ExpectedConditions.attributeToBe(By.id("capacity-history"), "data-range", "1h"));
            wait.until(d -> Integer.parseInt(d.findElement(By.id("capacity-chart")).getAttribute("data-points")) >= 6);
            b.shot("dashboard-capacity");
            b.click(By.cssSelector("button.capacity-show[data-id='" + c.hosts().get(0) + "']"));
            wait.until(ExpectedConditions.attributeToBe(By.id("capacity-history"), "data-id", c.hosts().get(0)));
            wait.until(d -> Integer.parseInt(d.findElement(By.id("capacity-chart")).getAttribute("data-points")) >= 6);
            assertTrue(b.driver().findElement(By.id("capacity-history-scope")).getText().length() > 0);
        }
    }
}
