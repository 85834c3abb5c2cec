package org.rectificationhub.ops.console;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.rectificationhub.delivery.Deliveries;
import org.rectificationhub.delivery.DeliveryReplay;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HeadlessChromium;
import org.rectificationhub.support.HubFolders;
import org.rectificationhub.support.Updates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The operators' console in a real headless Chromium, under its Content-Security-Policy: signing in (and being kept
 * out), both languages, the deliveries page while the public site's folder is lost, the live numbers, the
 * quarantine, the full verification, the routes, a report replayed from the quarantine once its round is registered
 * and traced in its problem's timeline, a discard in the audit log, and a phone's width. Every test ends with an empty browser console; screenshots
 * go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class ConsoleInBrowserTest {

    static final HubFolders hub = HubFolders.create();
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String COMMISSION_PASSWORD = "test-commission-password";
    static final Path SITE = hub.dataDir().resolve("site");
    static final Path SITE_AWAY = hub.dataDir().resolve("site-away");

    static HeadlessChromium chromium;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.commission.password", () -> COMMISSION_PASSWORD);
        registry.add("hub.delivery.poll", () -> "100");
        // a failed entry waits this long before the relay tries it again: only a replay sends it sooner
        registry.add("hub.delivery.first-back-off", () -> "10m");
        registry.add("hub.delivery.max-back-off", () -> "10m");
    }

    @Autowired
    Intake intake;
    @Autowired
    LedgerQueries queries;
    @Autowired
    Deliveries deliveries;
    @Autowired
    DeliveryReplay replay;
    @Autowired
    Quarantine quarantine;
    @Autowired
    CamelContext camel;
    @LocalServerPort
    int port;

    private OfficeReports office;

    @BeforeAll
    static void startBrowser() throws IOException {
        String missing = HeadlessChromium.missing().orElse(null);
        if (missing != null) {
            System.out.println("ConsoleInBrowserTest skipped: " + missing);
        }
        assumeTrue(missing == null, () -> "skipped: " + missing);
        chromium = HeadlessChromium.start(1200, 1000);
    }

    @AfterAll
    static void quitBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void signedOutWithAWorkingSite() throws Exception {
        office = new OfficeReports(intake, queries);
        office.roundRegistered();
        await().atMost(Duration.ofSeconds(20)).until(() -> publication().pending() == 0);
        ChromeDriver browser = chromium.driver();
        browser.get(url("/ops/login"));
        browser.manage().deleteAllCookies();
        browser.get("about:blank");
        chromium.consoleErrors();
    }

    /** Whatever a test left failing is delivered, so the next one starts with nothing waiting. */
    @AfterEach
    void nothingLeftWaiting() throws IOException {
        siteUp();
        replay.replay("test", "publication", List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> publication().pending() == 0);
    }

    @Test
    void theConsoleWithoutLoginLeadsToTheLoginPageAndTheOperatorsPasswordOpensIt() {
        ChromeDriver browser = chromium.driver();
        browser.get(url("/ops/deliveries"));
        assertThat(browser.getCurrentUrl()).endsWith("/ops/login");

        signIn("operator", HubFolders.OPERATOR_PASSWORD);

        awaitUrl(u -> u.contains("/ops/deliveries"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Deliveries");
        browser.findElement(By.id("nav-overview")).click();
        awaitUrl(u -> u.endsWith("/ops/"));
        assertThat(counter("ledger.entries").getText())
                .isEqualTo(String.format("%,d", queries.headline().entries()));
        chromium.screenshot(SCREENSHOTS.resolve("console-overview.png"));
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() {
        ChromeDriver browser = signIn("operator", "not-the-password");

        awaitUrl(u -> u.endsWith("/ops/login?error"));
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong user name or password.");
        browser.get(url("/ops/"));
        assertThat(browser.getCurrentUrl()).endsWith("/ops/login");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void theCommissionsPasswordDoesNotOpenTheConsole() {
        ChromeDriver browser = signIn("commission", COMMISSION_PASSWORD);

        awaitUrl(u -> u.endsWith("/ops/"));
        assertThat(browser.findElement(By.id("forbidden")).getText()).isEqualTo("Not for this login");
        assertThat(browser.findElements(By.cssSelector("nav a"))).isEmpty();
        browser.get(url("/ops/deliveries"));
        assertThat(browser.findElements(By.cssSelector("section.target"))).isEmpty();
        browser.findElement(By.id("logout")).click();
        awaitUrl(u -> u.endsWith("/ops/login?logout"));
        assertThat(browser.findElement(By.id("login-out")).getText()).isEqualTo("You have signed out.");
        // the page itself answered 403: Chromium says so in the console, and nothing else may be there
        assertThat(chromium.consoleErrors()).allMatch(e -> e.contains("status of 403"));
    }

    @Test
    void switchingTheLanguageChangesTheLabelsAndIsRememberedFromPageToPage() {
        ChromeDriver browser = signIn("operator", HubFolders.OPERATOR_PASSWORD);
        awaitUrl(u -> u.endsWith("/ops/"));
        assertThat(language()).isEqualTo("en");
        assertThat(browser.findElement(By.id("nav-deliveries")).getText()).isEqualTo("Deliveries");

        browser.findElement(By.id("lang-zh")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> "zh-CN".equals(language()));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("概览");
        assertThat(browser.findElement(By.id("nav-deliveries")).getText()).isEqualTo("投递");
        assertThat(browser.findElement(By.cssSelector("section.group dt")).getText()).isEqualTo("记录条数");
        chromium.screenshot(SCREENSHOTS.resolve("console-overview-zh.png"));
        browser.findElement(By.id("nav-integrity")).click();
        awaitUrl(u -> u.endsWith("/ops/integrity"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("完整性");
        assertThat(browser.findElement(By.id("verify")).getText()).isEqualTo("执行完整校验");

        browser.findElement(By.id("lang-en")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> "en".equals(language()));
        assertThat(browser.findElement(By.id("verify")).getText()).isEqualTo("Run the full verification");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void theDeliveriesPageShowsAFailedDeliveryAndSendsItAgain() throws IOException {
        siteDown();
        List<Long> entries = office.progress(2);
        long first = entries.get(0);
        long second = entries.get(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> publication().failed() >= 2);

        ChromeDriver browser = signIn("operator", HubFolders.OPERATOR_PASSWORD);
        awaitUrl(u -> u.endsWith("/ops/"));
        browser.get(url("/ops/deliveries"));
        WebElement site = browser.findElement(By.id("target-publication"));
        assertThat(site.findElement(By.tagName("h2")).getText()).isEqualTo("public site");
        assertThat(site.findElement(By.cssSelector("dd.failed")).getText()).isEqualTo(String.valueOf(publication().failed()));
        assertThat(site.findElement(By.cssSelector("dd.failed")).getAttribute("class")).contains("alert");
        String error = publication().lastError();
        assertThat(error).contains("cannot create", SITE.toString());
        assertThat(site.findElement(By.cssSelector(".last-error")).getText()).isEqualTo("Last error " + error);
        WebElement row = site.findElement(By.id("publication-entry-" + first));
        assertThat(row.getText()).contains(error);
        assertThat(site.findElements(By.id("publication-entry-" + second))).hasSize(1);
        chromium.screenshot(SCREENSHOTS.resolve("console-deliveries-failed.png"));

        siteUp();
        // the oldest failed entry: the relay delivers in commit order, so the others follow it
        row.findElement(By.tagName("button")).click();

        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.findElements(By.id("replayed")).isEmpty());
        assertThat(browser.findElement(By.id("replayed")).getText())
                .isEqualTo("1 entries to the public site will be sent again now.");
        await().atMost(Duration.ofSeconds(20)).until(() -> publication().pending() == 0);
        browser.navigate().refresh();
        site = browser.findElement(By.id("target-publication"));
        assertThat(site.findElement(By.cssSelector("dd.failed")).getText()).isEqualTo("0");
        assertThat(site.getText()).contains("Nothing failed.");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void sendingAllFailedEntriesAgainDeliversEveryOne() throws IOException {
        siteDown();
        office.progress(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> publication().failed() >= 3);
        ChromeDriver browser = signIn("operator", HubFolders.OPERATOR_PASSWORD);
        awaitUrl(u -> u.endsWith("/ops/"));
        browser.get(url("/ops/deliveries"));
        long failed = publication().failed();

        siteUp();
        browser.findElement(By.cssSelector("#target-publication form.replay-all button")).click();

        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.findElements(By.id("replayed")).isEmpty());
        assertThat(browser.findElement(By.id("replayed")).getText())
                .isEqualTo(failed + " entries to the public site will be sent again now.");
        await().atMost(Duration.ofSeconds(20)).until(() -> publication().pending() == 0);
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void theOverviewsNumbersFollowTheLedgerWithoutAReload() {
        ChromeDriver browser = signIn("operator", HubFolders.OPERATOR_PASSWORD);
        awaitUrl(u -> u.endsWith("/ops/"));
        browser.executeScript("window.stillTheSamePage = true");

        office.progress();
        String expected = String.format("%,d", queries.headline().entries());

        await().atMost(Duration.ofSeconds(15)).until(() -> counter("ledger.entries").getText().equals(expected));
        assertThat(browser.executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("[data-poll-state]")).getText()).startsWith("Updated ");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void aQuarantinedDocumentIsShownAsTextInItsOwnCharsetAndNeverAsMarkup() {
        String text = "第三季度整改进展<img src=x id=injected>";
        long id = office.rejectedInGb18030(text);
        ChromeDriver browser = signIn("operator", HubFolders.OPERATOR_PASSWORD);
        awaitUrl(u -> u.endsWith("/ops/"));
        browser.findElement(By.id("nav-quarantine")).click();
        awaitUrl(u -> u.endsWith("/ops/quarantine"));

        WebElement row = browser.findElement(By.id("quarantine-" + id));
        assertThat(row.getText()).contains("file", "莞城街道巡察整改工作领导小组办公室", "UTF-8");
        row.findElement(By.linkText("View")).click();

        awaitUrl(u -> u.endsWith("/ops/quarantine/" + id));
        assertThat(browser.findElement(By.id("original")).getText()).contains(text);
        assertThat(browser.findElement(By.cssSelector("p.hint")).getText()).startsWith("Shown as text read as GB18030");
        assertThat(browser.findElements(By.id("injected"))).isEmpty();
        assertThat(browser.findElement(By.id("download")).getAttribute("href"))
                .endsWith("/ops/quarantine/" + id + "/original");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void theIntegrityPageRunsTheFullVerification() {
        office.progress();
        ChromeDriver browser = signIn("operator", HubFolders.OPERATOR_PASSWORD);
        awaitUrl(u -> u.endsWith("/ops/"));
        browser.get(url("/ops/integrity"));
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("intact");

        browser.findElement(By.id("verify")).click();

        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("report")).isEmpty());
        assertThat(browser.findElement(By.id("report")).getText())
                .startsWith("Full verification passed: " + String.format("%,d", queries.headline().entries())
                        + " entries");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void anOperatorSeesTheRoutesReplaysAReportOnceItsRoundIsRegisteredTracesItAndDiscardsAnother() {
        ChromeDriver browser = signIn("operator", HubFolders.OPERATOR_PASSWORD);
        awaitUrl(u -> u.endsWith("/ops/"));
        browser.findElement(By.id("nav-routes")).click();
        awaitUrl(u -> u.endsWith("/ops/routes"));
        List<WebElement> routes = browser.findElements(By.cssSelector("table.routes tbody tr"));
        assertThat(routes).hasSize(camel.getRoutes().size());
        for (WebElement route : routes) {
            // the Kafka and mail channels are off in this test: their routes say so instead of a button
            boolean switchedOff = route.getText().contains("switched off by configuration");
            assertThat(route.findElement(By.cssSelector("td.state")).getText()).as(route.getAttribute("id"))
                    .isEqualTo(switchedOff ? "stopped" : "started");
        }
        assertThat(browser.findElement(By.id("route-file-inbox")).findElement(By.cssSelector("td.state")).getText())
                .isEqualTo("started");
        chromium.screenshot(SCREENSHOTS.resolve("console-routes.png"));
        browser.executeScript("window.stillTheSamePage = true");
        String taken = counter("route.file-inbox.total").getText();

        String round = "console-browser-round";
        long late = quarantinedDrop(Updates.RESPONSIBLE[0], "late.json",
                Updates.progress(round, Updates.RESPONSIBLE[0], 1, 1, "browser-late-1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !counter("route.file-inbox.total").getText().equals(taken));
        assertThat(browser.executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
        long unwanted = quarantinedDrop(Updates.RESPONSIBLE[0], "unwanted.json",
                Updates.progress("console-browser-never", Updates.RESPONSIBLE[0], 1, 1, "browser-unwanted-1"));
        browser.findElement(By.id("nav-quarantine")).click();
        awaitUrl(u -> u.endsWith("/ops/quarantine"));
        assertThat(browser.findElement(By.id("quarantine-" + late)).getText()).contains("unknown round", "open");

        hub.drop(Updates.OFFICE, round + ".json", Updates.round(round));
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.roundExists(round));
        WebElement replay = browser.findElement(By.cssSelector("#quarantine-" + late + " form.replay"));
        replay.findElement(By.name("comment")).sendKeys("round registered since");
        replay.findElement(By.tagName("button")).click();

        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.findElement(By.id("outcome")).getText())
                .startsWith("Document " + late + " replayed: recorded as entry ");
        assertThat(browser.findElement(By.id("quarantine-" + late)).getText()).contains("replayed", "recorded by operator");
        chromium.screenshot(SCREENSHOTS.resolve("console-quarantine.png"));

        browser.findElement(By.id("nav-lineage")).click();
        awaitUrl(u -> u.endsWith("/ops/lineage"));
        browser.findElement(By.name("round")).sendKeys(round);
        browser.findElement(By.name("problem")).sendKeys("1");
        browser.findElement(By.id("search")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("timeline-link")).isEmpty());
        browser.findElement(By.id("timeline-link")).click();
        awaitUrl(u -> u.endsWith("/ops/lineage/rounds/" + round + "/problems/1"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.navigate().refresh();
            WebElement entry = browser.findElements(By.cssSelector("ol.timeline li.entry")).stream()
                    .filter(e -> e.getText().contains("browser-late-1")).findFirst().orElseThrow();
            assertThat(entry.getText()).contains(Updates.RESPONSIBLE[0] + "/late.json", "Input SHA-256",
                    "public site: delivered");
            assertThat(entry.findElement(By.cssSelector("code.entry-hash")).getText()).matches("[0-9a-f]{64}");
        });
        chromium.pageTopScreenshot(SCREENSHOTS.resolve("console-lineage.png"), 1400);

        browser.findElement(By.id("nav-quarantine")).click();
        awaitUrl(u -> u.endsWith("/ops/quarantine"));
        WebElement discard = browser.findElement(By.cssSelector("#quarantine-" + unwanted + " form.discard"));
        discard.findElement(By.name("comment")).sendKeys("wrong round; the sender was told");
        discard.findElement(By.tagName("button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("Document " + unwanted + " discarded.");

        browser.findElement(By.id("nav-audit")).click();
        awaitUrl(u -> u.endsWith("/ops/audit"));
        WebElement newest = browser.findElement(By.cssSelector("table.audit tbody tr"));
        assertThat(newest.getText()).contains("operator", "quarantine.discard", "quarantine/" + unwanted,
                "wrong round; the sender was told", "done");
        assertThat(browser.findElement(By.cssSelector("table.audit")).getText()).contains("quarantine.replay",
                "quarantine/" + late, "round registered since");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void onAPhoneNoConsolePageNeedsSidewaysScrolling() throws IOException {
        long quarantined = office.rejectedInGb18030("一段很长的进展说明".repeat(40));
        siteDown();
        office.progress();
        await().atMost(Duration.ofSeconds(20)).until(() -> publication().failed() >= 1);
        chromium.emulatePhone(390, 844);
        try {
            ChromeDriver browser = signIn("operator", HubFolders.OPERATOR_PASSWORD);
            awaitUrl(u -> u.endsWith("/ops/"));
            for (String page : List.of("/ops/", "/ops/routes", "/ops/channels", "/ops/deliveries", "/ops/quarantine",
                    "/ops/lineage", "/ops/lineage?round=" + Examples.ROUND_ID + "&problem=1",
                    "/ops/lineage/rounds/" + Examples.ROUND_ID + "/problems/1", "/ops/integrity", "/ops/audit",
                    "/ops/quarantine/" + quarantined, "/ops/login")) {
                browser.get(url(page));
                assertThat(browser.executeScript("return window.innerWidth")).as(page).isEqualTo(390L);
                Object overflow = browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat((Long) overflow).as("pixels of " + page + " wider than the phone").isLessThanOrEqualTo(0L);
                chromium.screenshot(SCREENSHOTS.resolve("console-phone" + page.replaceAll("[/?=&]", "-") + ".png"));
            }
        } finally {
            chromium.stopEmulation();
        }
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void aBlockedInlineScriptOnAConsolePageWouldShowAsAConsoleError() {
        // Guards the checks above: an empty console proves something only if the CSP's refusals reach it.
        ChromeDriver browser = chromium.driver();
        browser.get(url("/ops/login"));
        browser.executeScript("var s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                + " document.body.appendChild(s);");

        assertThat(browser.executeScript("return window.ran === undefined")).isEqualTo(true);
        assertThat(chromium.consoleErrors()).anyMatch(m -> m.contains("Content Security Policy"));
    }

    /** Drops a file that the hub quarantines whole; its quarantine id, once the row is there. */
    private long quarantinedDrop(String department, String name, Object json) {
        hub.drop(department, name, Updates.bytes(json));
        hub.awaitMoved("error", name, Duration.ofSeconds(30));
        String source = department + "/" + name;
        return await().atMost(Duration.ofSeconds(10)).until(() -> quarantine.recent(50).stream()
                .filter(r -> source.equals(r.get("source"))).map(r -> (Long) r.get("id")).findFirst().orElse(null),
                Objects::nonNull);
    }

    /** The public site's folder lost, as a failed disk or mount would lose it: a plain file stands in its place. */
    private static void siteDown() throws IOException {
        Files.move(SITE, SITE_AWAY);
        Files.writeString(SITE, "not a folder");
    }

    private static void siteUp() throws IOException {
        if (Files.isRegularFile(SITE)) {
            Files.delete(SITE);
            Files.move(SITE_AWAY, SITE);
        }
    }

    private ChromeDriver signIn(String user, String password) {
        ChromeDriver browser = chromium.driver();
        if (!browser.getCurrentUrl().endsWith("/ops/login")) {
            browser.get(url("/ops/login")); // a fresh form: its CSRF token belongs to this browser's session
        }
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        return browser;
    }

    private void awaitUrl(Predicate<String> where) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(chromium.driver().getCurrentUrl())
                .matches(where));
    }

    private String language() {
        return chromium.driver().findElement(By.tagName("html")).getAttribute("lang");
    }

    private WebElement counter(String key) {
        return chromium.driver().findElement(By.cssSelector("[data-counter='" + key + "']"));
    }

    private Deliveries.Target publication() {
        return deliveries.targets().stream().filter(t -> t.name().equals("publication")).findFirst().orElseThrow();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
