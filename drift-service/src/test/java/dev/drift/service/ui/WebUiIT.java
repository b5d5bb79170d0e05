package dev.drift.service.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drift.service.support.ServiceIT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator page in a real browser: the system's headless Chromium (Debian {@code chromium} and
 * {@code chromium-driver}; skipped when they are missing) against the whole service with security
 * on. Seeds two VMs powered off (state drift), one powered off and on again (resolved) and a host
 * whose nginx setting differs (configuration drift), then does what an operator does: pastes a
 * token, filters, pages, opens a drift, tries a dry run, acknowledges, looks at the machine and the
 * timeline. Screenshots go to {@code target/screenshots/}.
 */
@MicronautTest(transactional = false)
class WebUiIT extends ServiceIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String TOKEN = HexFormat.of().formatHex(randomBytes());
    private static final String POWER = "vm.power_changed";
    private static final String FILE = "drift.file_changed";
    private static final String VM_1 = "ui-vm-1";
    private static final String VM_2 = "ui-vm-2";
    private static final String VM_RESOLVED = "ui-vm-3";
    private static final String WEB = "ui-web-1";
    private static final String NGINX_SETTING = "file[/etc/nginx/nginx.conf].setting[worker_processes]";

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("drift.security.enabled", "true", "drift.security.bootstrap-admin-token", TOKEN);
    }

    /** Seeds one drift at a time, waiting for each, so the newest-first order is the seeding order reversed. */
    @BeforeAll
    void seedDriftThroughEvents() {
        for (String vm : List.of(VM_1, VM_2, VM_RESOLVED)) {
            desired.poweredOnVm(vm);
            streams.add(POWER, "{\"ci_id\":\"" + vm + "\",\"power_state\":\"off\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.entriesFor("drift.detected", vm).size() == 1);
        }
        streams.add(POWER, "{\"ci_id\":\"" + VM_RESOLVED + "\",\"power_state\":\"on\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> streams.entriesFor("drift.resolved", VM_RESOLVED).size() == 1);

        desired.write(WEB, "type: host\nfields:\n  " + NGINX_SETTING + ": auto\n");
        streams.add(FILE, """
                {"ci_id":"ui-web-1","path":"/etc/nginx/nginx.conf","change":"modified","owner":"root",
                 "settings":{"worker_processes":"2","user":"www-data"},"agent":"drift-agent/0.1.0",
                 "diff":"--- /etc/nginx/nginx.conf\\n+++ /etc/nginx/nginx.conf\\n@@ -1 +1 @@\\n-worker_processes auto;\\n+worker_processes 2;\\n"}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.detected", WEB).size() == 1);
    }

    @BeforeAll
    void startBrowser() throws IOException {
        if (!browserInstalled()) {
            return;
        }
        profile = Files.createTempDirectory("drift-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void pageIsServedWithoutATokenWhileTheApiStillNeedsOne() {
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/ui/"), String.class);
        HttpClientResponseException api = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/drift/events"), String.class));

        assertThat(page.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).startsWith("text/html"));
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.body()).contains("<script src=\"app.js\"");
        assertThat(api.getStatus().getCode()).isEqualTo(401);
    }

    @Test
    void operatorFiltersPagesAcknowledgesAndInspectsInTheBrowser() throws IOException {
        assumeTrue(browserInstalled(), "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM
                + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver");
        browser.get(server.getURL() + "/ui/");
        click(By.id("token-clear"));
        assertThat(waitForMessage()).contains("paste an API token");

        pasteToken();
        assertListed(WEB, VM_2, VM_1);

        filterBy("filter-category", "configuration");
        assertListed(WEB);

        browser.get(server.getURL() + "/ui/#/events?status=&size=3");
        assertListed(WEB, VM_RESOLVED, VM_2);
        click(By.id("next-page"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#events-table tbody tr:first-child td:nth-child(3)"), VM_1));
        assertListed(VM_1);
        screenshot("web-ui-list.png");

        filterBy("filter-status", "open");
        openDriftOf(WEB);
        assertThat(text(By.id("desired-value"))).contains("Desired").contains("auto");
        assertThat(text(By.id("actual-value"))).contains("Actual").contains("2");
        assertThat(text(By.id("event-provenance"))).isNotBlank();
        assertThat(text(By.cssSelector("#history tbody"))).contains("open").contains("reconciler");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diffs .diff")));
        assertThat(text(By.cssSelector("#diffs .diff .del"))).isEqualTo("-worker_processes auto;");
        assertThat(text(By.cssSelector("#diffs .diff .add"))).isEqualTo("+worker_processes 2;");

        click(By.id("dryrun-button"));
        assertThat(waitForMessage()).contains("remediation");

        click(By.id("ack-button"));
        browser.findElement(By.id("ack-comment")).sendKeys("known: nginx tuning is being rolled out");
        click(By.id("ack-confirm"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#event-status .badge"), "acknowledged"));
        assertThat(browser.findElement(By.id("ack-button")).isEnabled()).isFalse();
        assertAcknowledgedInTheLedger(browser.findElement(By.id("event")).getAttribute("data-id"));
        screenshot("web-ui.png");

        click(By.id("event-ci-link"));
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#ci-fields tr[data-field='" + NGINX_SETTING + "']")));
        assertThat(field.getText()).contains("drifted").contains("auto").contains("acknowledged");
        screenshot("web-ui-ci.png");

        browser.get(server.getURL() + "/ui/cis/" + VM_RESOLVED);
        wait.until(ExpectedConditions.attributeToBe(By.id("ci"), "data-ci", VM_RESOLVED));
        assertThat(text(By.cssSelector("#ci-fields tr[data-field='power_state']"))).contains("in_sync");

        click(By.id("nav-timeline"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline-chart g.bucket")));
        assertThat(sum("data-opened")).isEqualTo(4);
        assertThat(sum("data-resolved")).isEqualTo(1);
        screenshot("web-ui-timeline.png");
    }

    @Test
    void showsATransitionsDiffColouredAndHostileValuesAsText() throws SQLException {
        assumeTrue(browserInstalled(), "the browser test needs Debian's chromium and chromium-driver");
        String id = driftIdOf(VM_1);
        recordTransitionWithDiff(id, "--- desired\n+++ actual\n@@ -1 +1 @@\n-on\n+off",
                "<img src=x onerror=\"document.title='owned'\">");

        browser.get(server.getURL() + "/ui/");
        pasteToken();
        browser.get(server.getURL() + "/ui/#/events/" + id);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diffs .diff")));
        assertThat(text(By.cssSelector("#diffs .diff .del"))).isEqualTo("-on");
        assertThat(text(By.cssSelector("#diffs .diff .add"))).isEqualTo("+off");
        assertThat(browser.findElements(By.cssSelector("#diffs .diff .meta"))).hasSize(2);
        assertThat(text(By.id("history"))).contains("<img src=x onerror=");
        assertThat(browser.findElements(By.cssSelector("#history img"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("drift");
    }

    private String driftIdOf(String ci) {
        Map<String, Object> page = http.toBlocking().retrieve(
                HttpRequest.GET("/drift/events?ci=" + ci).bearerAuth(TOKEN), Argument.mapOf(String.class, Object.class));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return (String) items.getFirst().get("id");
    }

    /**
     * A transition whose detail carries a unified diff, as a remediation's check run reports one; no
     * drift the seeded events make has one, so it is written to the ledger directly.
     */
    private void recordTransitionWithDiff(String driftId, String diff, String note) throws SQLException {
        try (Connection c = DriverManager.getConnection(property("datasources.default.url"),
                property("datasources.default.username"), property("datasources.default.password"));
             PreparedStatement insert = c.prepareStatement("insert into drift_history (drift_id, from_status, "
                     + "to_status, actor, detail) values (?::uuid, 'open', 'open', 'check-run', "
                     + "jsonb_build_object('diff', ?::text, 'note', ?::text))")) {
            insert.setString(1, driftId);
            insert.setString(2, diff);
            insert.setString(3, note);
            insert.executeUpdate();
        }
    }

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private void pasteToken() {
        browser.findElement(By.id("token-input")).sendKeys(TOKEN);
        click(By.id("token-save"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events-table")));
    }

    /** Picks a value in one filter and applies, waiting until the list is the new one. */
    private void filterBy(String selectId, String value) {
        WebElement table = browser.findElement(By.id("events-table"));
        new Select(browser.findElement(By.id(selectId))).selectByValue(value);
        click(By.id("filter-apply"));
        wait.until(ExpectedConditions.stalenessOf(table));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events-table")));
    }

    private void openDriftOf(String ci) {
        click(By.cssSelector("tr.event-row[data-ci='" + ci + "'] td:first-child"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("event")));
    }

    /**
     * Waits until the list shows exactly these CIs in this order. The page re-renders the table after every
     * navigation, so rows are read in one script call (never a stale element) and compared until they settle.
     */
    private void assertListed(String... cis) {
        List<String> expected = List.of(cis);
        try {
            wait.until(driver -> expected.equals(listedCis()));
        } catch (TimeoutException e) {
            assertThat(listedCis()).as("CIs listed on the page").containsExactlyElementsOf(expected);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> listedCis() {
        Object rows = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#events-table tr.event-row'), r => r.dataset.ci);");
        return (List<String>) rows;
    }

    private String waitForMessage() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message"))).getText();
    }

    private String text(By by) {
        return wait.until(driver -> driver.findElement(by).getText());
    }

    /** Clicks once the element is clickable; a row replaced by a re-render between finding and clicking is found again. */
    private void click(By by) {
        wait.until(driver -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(driver);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    private int sum(String attribute) {
        return browser.findElements(By.cssSelector("#timeline-chart g.bucket")).stream()
                .mapToInt(g -> Integer.parseInt(g.getAttribute(attribute))).sum();
    }

    /** What the page showed is what the API says, and the history names the token that acknowledged. */
    private void assertAcknowledgedInTheLedger(String id) {
        Map<String, Object> detail = http.toBlocking().retrieve(HttpRequest.GET("/drift/events/" + id).bearerAuth(TOKEN),
                Argument.mapOf(String.class, Object.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) detail.get("event");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) detail.get("history");
        assertThat(event).containsEntry("status", "acknowledged").containsEntry("ci_id", WEB);
        assertThat(history.getLast()).containsEntry("to_status", "acknowledged").containsEntry("actor", "bootstrap");
        assertThat(history.getLast().get("detail").toString()).contains("nginx tuning is being rolled out");
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
