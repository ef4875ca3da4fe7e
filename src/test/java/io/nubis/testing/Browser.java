package io.nubis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven by Selenium through the system chromedriver, with its own throw-away profile.
 * Screenshots go to {@code target/screenshots/}. Browser tests are skipped with {@code -DskipBrowserTests=true}.
 */
public final class Browser implements AutoCloseable {

    public static final Path SHOTS = Path.of("target", "screenshots");

    private final Path profile;
    private final WebDriver driver;

    private Browser(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    public static Browser start() throws IOException {
        Path profile = Files.createTempDirectory("nubis-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1280,900", "--lang=en-US",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
        return new Browser(profile, driver);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** Opens a portal page and logs in on Keycloak's own login page; waits until the element with this id shows. */
    public void openLoggedIn(String path, String user, String password, String landmarkId) {
        openLoggedIn(PortalSession.baseUrl(), path, user, password, landmarkId);
    }

    /** {@link #openLoggedIn(String, String, String, String)} on the server at {@code baseUrl}. */
    public void openLoggedIn(String baseUrl, String path, String user, String password, String landmarkId) {
        WebDriverWait wait = waiting(Duration.ofSeconds(20));
        driver.get(baseUrl + path);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(landmarkId)));
    }

    /**
     * Clicks an element wherever it is on the page: long forms put buttons below the headless window, where a WebDriver
     * click is intercepted. The click is dispatched by the page itself, after scrolling it into view.
     */
    public void click(By by) {
        WebElement el = driver.findElement(by);
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
                el);
    }

    public void shot(String name) throws IOException {
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A screenshot and the HTML of the page shown, for a test that failed on it. */
    public void dump(String name) {
        try {
            shot(name);
            Files.writeString(SHOTS.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not dump the page: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
