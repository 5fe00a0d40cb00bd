package io.leadtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.TestModelText;
import io.leadtriage.local.LocalRunner;
import io.leadtriage.local.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample landing page in headless Chromium, filled in as a person would: step 1, then step 2, for a
 * hot lead (sales alert caught) and a warm one (first nurture email caught), with JavaScript and as a
 * plain HTML form. Screenshots land in target/screenshots. Skipped, saying why, where Debian's chromium
 * and chromium-driver are not installed (.ci/run installs them).
 */
class LandingPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalRunner runner;
    WebDriver browser;

    @BeforeAll
    static void startStack() {
        runner = localStackForABrowser();
    }

    /** The local stack, as the first command of the README starts it; the calling tests skip where Chromium is absent. */
    static LocalRunner localStackForABrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver):"
                        + " the browser tests are skipped");
        return LocalRunner.start(new LocalRunner.Options(0, null, SamTemplate.locate(), Clock.systemUTC(),
                Path.of(TestModelText.file())));
    }

    @AfterAll
    static void stopStack() {
        if (runner != null) {
            runner.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = chromium(true);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static WebDriver chromium(boolean javascript) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // This machine has no network: background fetches of Chromium's own services only make noise.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    void type(String field, String text) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(text);
    }

    void choose(String field, String value) {
        new Select(browser.findElement(By.name(field))).selectByValue(value);
    }

    void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Step 1 and step 2 of the get-started form, as a person fills them in. */
    void fillTheForm(String email, String name, String challenge, Map<String, String> step2, String shots) throws Exception {
        browser.get(runner.baseUrl() + "/");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("step1")));
        type("email", email);
        type("name", name);
        type("challenge", challenge);
        browser.findElement(By.id("consent")).click();
        screenshot(shots + "-1-step1");
        browser.findElement(By.id("step1-submit")).click();

        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("step2")));
        type("company", step2.get("company"));
        if (step2.containsKey("phone")) {
            type("phone", step2.get("phone"));
        }
        for (String field : List.of("companySize", "industry", "role", "budget", "timeline")) {
            choose(field, step2.get(field));
        }
        screenshot(shots + "-2-step2");
        browser.findElement(By.id("step2-submit")).click();
    }

    @Test
    void aHotLeadFillsBothStepsIsOfferedAMeetingAndSalesIsAlerted() throws Exception {
        String email = "priya+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
        fillTheForm(email, "Priya Browser", "Our SDRs follow up too slowly and hot leads go cold",
                Map.of("company", "Northwind", "companySize", "51-200", "industry", "saas", "role", "decision_maker",
                        "budget", "approved", "timeline", "now", "phone", "+44 20 7946 0958"), "hot");

        waiting().until(ExpectedConditions.urlContains("/book.html"));
        screenshot("hot-3-book-a-meeting");
        List<JsonNode> alerts = emails("sales_alert", "Hot lead: Priya Browser");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("replyTo").asText()).isEqualTo(email);
        assertThat(alerts.get(0).path("text").asText()).contains("Northwind", "+15 decision maker",
                "Phone: +44 20 7946 0958", "WHY HOT NOW", "Sent the “Get started” form");
        browser.get(runner.baseUrl() + "/_local/");
        screenshot("hot-4-local-console");
        assertThat(browser.getPageSource()).contains("Priya Browser").contains("Hot lead: Priya Browser");
    }

    @Test
    void aWarmLeadFillsBothStepsAndGetsTheFirstNurtureEmail() throws Exception {
        String email = "will+" + UUID.randomUUID().toString().substring(0, 8) + "@example-agency.com";
        fillTheForm(email, "Will Warm", "We lose track of which campaigns bring good leads",
                Map.of("company", "Example Agency", "companySize", "11-50", "industry", "marketing-agency",
                        "role", "influencer", "budget", "exploring", "timeline", "3-6m"), "warm");

        waiting().until(ExpectedConditions.urlContains("/thank-you.html"));
        screenshot("warm-3-thank-you");
        post("/_local/dispatch", "");
        List<JsonNode> nurture = emails("nurture", null).stream()
                .filter(e -> e.path("to").get(0).asText().equals(email)).toList();
        assertThat(nurture).hasSize(1);
        assertThat(nurture.get(0).path("subject").asText()).isEqualTo("Thanks for reaching out, Will");
        assertThat(nurture.get(0).path("headers").path("List-Unsubscribe-Post").asText())
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(emails("sales_alert", "Hot lead: Will Warm")).isEmpty();
    }

    @Test
    void withoutJavaScriptThePlainFormStillTakesBothSteps() throws Exception {
        browser.quit();
        browser = chromium(false);
        String email = "noscript+" + UUID.randomUUID().toString().substring(0, 8) + "@example-agency.com";
        fillTheForm(email, "Nora Noscript", "Spreadsheets everywhere, no idea which leads matter",
                Map.of("company", "Plain Co", "companySize", "201-1000", "industry", "software", "role", "decision_maker",
                        "budget", "planned", "timeline", "1-3m"), "noscript");

        waiting().until(ExpectedConditions.urlContains("/book.html"));
        screenshot("noscript-3-after-step2");
        assertThat(emails("sales_alert", "Hot lead: Nora Noscript")).hasSize(1);
    }

    @Test
    void onAPhoneTheWholeFirstStepIsOnTheFirstScreen() throws Exception {
        // A phone's viewport (390x844 CSS pixels), not a window of that size with browser chrome around it.
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        browser.get(runner.baseUrl() + "/");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("step1")));
        screenshot("phone-1-first-screen");

        Object fits = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "var r = document.getElementById('step1-submit').getBoundingClientRect();"
                        + " return window.innerWidth === 390 && window.innerHeight === 844 && r.top >= 0 && r.bottom <= 844;");
        assertThat(fits).as("the Continue button is above the fold at 390x844").isEqualTo(true);
    }

    static List<JsonNode> emails(String kind, String subjectPrefix) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(runner.baseUrl() + "/_local/emails")).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode email : JSON.readTree(response.body())) {
            if (email.path("kind").asText().equals(kind)
                    && (subjectPrefix == null || email.path("subject").asText().startsWith(subjectPrefix))) {
                matching.add(email);
            }
        }
        return matching;
    }

    static String post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
