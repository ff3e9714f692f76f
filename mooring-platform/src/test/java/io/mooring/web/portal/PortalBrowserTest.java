package io.mooring.web.portal;

import io.mooring.web.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The portal in headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs):
 * sign in with the generated admin password and change it, see the Applications, sync one and
 * watch its badge change without reloading, watch a drift reach the overview live, and see the
 * environments, policies and audit pages; no JavaScript error on any page. Screenshots go to
 * target/screenshots (docs/images has copies). The tests run in the order of the story they tell:
 * the environments page shows the prod version that the first test synced.
 */
@ExtendWith(PortalFixture.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    static PortalFixture fixture;
    static WebDriver browser;
    static Path profile;

    @BeforeAll
    static void startChromium(PortalFixture portal) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no " + CHROMIUM + " or " + CHROMEDRIVER + ": the browser tests are skipped (apt-get install chromium chromium-driver, as .ci/run does)");
        fixture = portal;
        profile = Files.createTempDirectory("mooring-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // A closed network makes Chromium's own background connections hang: none of them.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Each test starts signed out. */
    @BeforeEach
    void signedOut() {
        browser.get(fixture.url() + "/login");
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void noJavaScriptErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    @Test
    @Order(1)
    void signInSeeTheApplicationsSyncOneAndWatchItsBadgeChange() throws IOException {
        browser.get(fixture.url() + "/");
        assertThat(browser.getCurrentUrl()).as("sign in first").contains("/login?next=%2F");
        screenshot("login");
        String generated = fixture.web.adminPassword().orElseThrow();
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(generated);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        assertThat(browser.getCurrentUrl()).as("a generated password is changed first").endsWith("/account/password");
        browser.findElement(By.id("current")).sendKeys(generated);
        browser.findElement(By.id("password")).sendKeys("the admin's own password");
        screenshot("password");
        browser.findElement(By.cssSelector("form[action='/account/password'] button[type=submit]")).click();

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(rowBadges("shop-dev")).isEqualTo("Synced Healthy");
        });
        assertThat(browser.findElement(By.cssSelector(".topbar .who")).getText()).contains("admin", "admin");
        screenshot("overview");

        browser.findElement(By.linkText("shop-prod")).click();
        assertThat(text("#sync-status")).isEqualTo("OutOfSync");
        browser.findElement(By.id("sync")).click();
        assertThat(browser.getCurrentUrl()).contains("/applications/mooring/shop-prod?operation=");
        markPage();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text("#sync-status")).isEqualTo("Synced");
            assertThat(text("#health-status")).isEqualTo("Healthy");
            assertThat(text("#operation .badge")).isEqualTo("Succeeded");
        });
        assertThat(pageMarked()).as("the badges changed without a reload").isTrue();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(By.cssSelector("table.tree")).getText())
                .contains("Deployment shop", "Pod shop-"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(By.id("diff")).getText())
                .contains("No difference"));
        screenshot("application");
    }

    @Test
    @Order(2)
    void aDriftReachesTheOverviewWithoutAReload() {
        signInAsViewer();
        browser.get(fixture.url() + "/");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(rowBadges("shop-dev")).isEqualTo("Synced Healthy");
        });
        markPage();
        // A hand edit in the cluster: the controller sees the drift and heals it (shop-dev heals itself); the page follows.
        fixture.client.apps().deployments().inNamespace("shop-dev").withName("shop")
                .edit(d -> { d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example.com/shop/shop:hotfix"); return d; });
        fixture.client.apps().deployments().inNamespace("shop-dev").withName("shop").scale(0);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rowBadges("shop-dev")).isNotEqualTo("Synced Healthy"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(rowBadges("shop-dev")).isEqualTo("Synced Healthy"));
        assertThat(pageMarked()).as("the row changed without a reload").isTrue();
    }

    @Test
    @Order(3)
    void environmentsPoliciesAndTheAuditLogRender() throws IOException {
        signInAsAdmin();
        browser.get(fixture.url() + "/environments");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElement(By.cssSelector("table.matrix")).getText()).contains("shop", "shop:1.1", "shop:1.0");
        });
        screenshot("environments");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            fixture.writePolicyVerdict();
            browser.get(fixture.url() + "/policies");
            assertThat(browser.findElement(By.id("guarded")).getText()).contains("Blocked", "disallow-latest-tag");
        });
        screenshot("policies");
        browser.get(fixture.url() + "/audit");
        assertThat(browser.findElement(By.cssSelector("table.audit")).getText()).contains("SYNC");
        screenshot("audit");
    }

    /** The words of the sync and health badges of an overview row. */
    private static String rowBadges(String app) {
        WebElement row = browser.findElement(By.cssSelector("tr[data-app='" + app + "']"));
        return row.findElement(By.cssSelector("td.sync .badge")).getText() + " " + row.findElement(By.cssSelector("td.health .badge")).getText();
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    /** Marks the loaded document: a reload or a navigation would lose the mark. */
    private static void markPage() {
        ((JavascriptExecutor) browser).executeScript("window.mooringTestMark = 'still here';");
    }

    private static boolean pageMarked() {
        return "still here".equals(((JavascriptExecutor) browser).executeScript("return window.mooringTestMark;"));
    }

    private static void signInAsViewer() {
        signInWith("portal-browser-viewer", "viewer");
    }

    private static void signInAsAdmin() {
        signInWith("portal-browser-admin", "admin");
    }

    /** Signs the browser in as a new local user (created with the admin's API token) with a password of its own. */
    private static void signInWith(String user, String role) {
        String password = "a long password for " + user;
        fixture.as(Role.ADMIN).json("POST", "/api/v1/users", "{\"name\": \"" + user + "\", \"role\": \"" + role + "\", \"password\": \""
                + password + "\"}");
        browser.get(fixture.url() + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".topbar .who")).getText()).contains(user);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
