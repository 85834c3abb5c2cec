package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.Examples;
import org.rectificationhub.support.HubFolders;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The regenerated notice in a real browser (Debian's chromium, headless, driven by chromedriver): it renders under
 * the site's CSP without a console error, its totals read what the ledger says, status shows in words and colour,
 * it fits a phone's width, and a problem's history is one click away. The screenshot is README's picture.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoundPageInBrowserTest {

    static final HubFolders hub = HubFolders.create();
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static ChromeDriver browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.out.println("SKIPPED RoundPageInBrowserTest: no " + CHROMIUM + " or " + CHROMEDRIVER
                    + " (Debian packages chromium, chromium-driver; .ci/run installs them)");
        }
        Assumptions.assumeTrue(present, "chromium and chromedriver are not installed");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // The machine's network is closed: without these Chromium keeps dialling Google's services.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-"), "--window-size=1200,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theRegeneratedNoticeRendersWithTheLedgersTotalsAndFitsAPhone() throws Exception {
        String roundId = NoticeReading.parsed(NoticeReading.sample(), "notice.txt").roundId();
        hub.drop(Examples.OFFICE, "notice.txt", NoticeReading.sample());
        Path roundJson = hub.dataDir().resolve("site/rounds").resolve(roundId).resolve("round.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(roundJson));
        ObjectNode update = Examples.progressJson();
        update.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        update.put("department", Examples.OFFICE).put("updateId", "browser-1").put("roundId", roundId)
                .put("problemNo", 1).put("sequence", 1).put("status", "completed").put("progress", "已全部整改到位。");
        hub.drop(Examples.OFFICE, "update.json", CanonicalJson.write(update));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(roundJson).contains("已全部整改到位"));
        JsonNode totals = CanonicalJson.mapper().readTree(roundJson.toFile()).path("computedTotals");

        browser.get("http://localhost:" + port + "/public/rounds/" + roundId + "/index.html");

        assertThat(browser.getTitle()).contains("巡察整改进展情况公布");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("中共莞城街道工作委员会巡察整改进展情况公布");
        assertThat(cell("problems")).isEqualTo("20").isEqualTo(totals.path("problems").asText());
        assertThat(cell("completed")).isEqualTo(totals.path("completed").asText()).isNotEqualTo("0");
        assertThat(cell("completion-rate")).isEqualTo(totals.path("completionRate").asText() + "%");
        assertThat(browser.findElements(By.cssSelector("section.problem"))).hasSize(20);
        assertThat(browser.findElements(By.tagName("h3"))).hasSize(6);
        WebElement done = browser.findElement(By.cssSelector("#problem-1 .status"));
        WebElement open = browser.findElement(By.cssSelector("#problem-2 .status"));
        assertThat(done.getText()).isEqualTo("已完成");
        assertThat(open.getText()).isNotEqualTo("已完成").isNotBlank();
        assertThat(done.getCssValue("background-color")).as("status in colour as well as words")
                .isNotEqualTo(open.getCssValue("background-color"));
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList())
                .as("console errors (a CSP violation is one)").isEmpty();
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshots().resolve("round-page-top.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING); // the first screen: README's picture
        screenshot(screenshots().resolve("round-page.png"));

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
        screenshot(screenshots().resolve("round-page-phone.png"));
        browser.manage().window().setSize(new Dimension(1200, 900));

        browser.findElement(By.cssSelector("#problem-1 p.more a")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/problems/1.html");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("已全部整改到位");
    }

    private static Path screenshots() throws java.io.IOException {
        return Files.createDirectories(Path.of("target/screenshots"));
    }

    private static String cell(String total) {
        return browser.findElement(By.cssSelector("#total-" + total + " td.computed")).getText();
    }

    /** The whole page: the window is stretched to the document's height first. */
    private static void screenshot(Path file) throws Exception {
        Dimension before = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.body.scrollHeight");
        browser.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(height + 120, 6000)));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(before);
    }
}
