package io.leadtriage.e2e;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * The browser of the browser tests: Debian's chromium and chromium-driver (.ci/run installs them), headless, reaching
 * this machine only. A test calls {@link #requireInstalled()} first, so that it is skipped, saying why, where they are
 * absent; screenshots land in target/screenshots.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    private HeadlessChromium() {
    }

    static void requireInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver):"
                        + " the browser tests are skipped");
    }

    /** A new browser, with or without JavaScript. */
    static WebDriver open(boolean javascript) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // Only this machine: every other name fails to resolve, and Chromium's own background fetches stay off.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
