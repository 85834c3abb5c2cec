package org.rectificationhub.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The machine's own Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless. Both paths are
 * given, so Selenium Manager never tries to download a browser or driver: the network is closed.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * CDP is used only through chromedriver's own endpoint (executeCdpCommand), never through Selenium's DevTools
     * client, whose version-specific module for this Chromium it warns about at every start. Held here: the JDK
     * forgets the level of a logger nobody references.
     */
    private static final List<Logger> QUIETENED = List.of(
            Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    static {
        QUIETENED.forEach(l -> l.setLevel(Level.SEVERE));
    }

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why the browser cannot run here, if it cannot. */
    public static Optional<String> missing() {
        for (Path p : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(p)) {
                return Optional.of(p + " is not installed (Debian packages chromium, chromium-driver;"
                        + " .ci/run installs them)");
            }
        }
        return Optional.empty();
    }

    public static HeadlessChromium start(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        // The console is where a page's failures show: a resource that did not load, a CSP violation.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** SEVERE console entries since the last call (reading the log empties it). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** A phone's screen: the page must lay itself out for it (a page without a viewport meta would be 980px wide). */
    public void emulatePhone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 3, "mobile", true));
    }

    public void stopEmulation() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** What the window shows. */
    public void screenshot(Path file) {
        write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The whole page, beyond the window, as DevTools captures it. */
    public void fullPageScreenshot(Path file) {
        capture(file, Integer.MAX_VALUE);
    }

    /** The top of the page, the same size whatever the window's own decorations take. */
    public void pageTopScreenshot(Path file, int height) {
        capture(file, height);
    }

    @SuppressWarnings("unchecked")
    private void capture(Path file, int maxHeight) {
        Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        double height = Math.min(((Number) size.get("height")).doubleValue(), maxHeight);
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", height, "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static void write(Path file, byte[] png) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
