package io.leadtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.TestModelText;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.local.LocalRunner;
import io.leadtriage.local.SamTemplate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A browser test's world, registered with {@code @RegisterExtension static final BrowserOnLocalRun site = …}: the local
 * run, started once for the class as the first command of the README starts it (with the tests' frozen model unless
 * told otherwise), and a fresh headless Chromium for each test. The class is skipped, saying why, where Chromium is
 * absent. Besides the browser, a test reads the emails the run caught, posts from outside the browser (a form, the
 * clock, the dispatcher) and reads a lead back through the storage ports.
 */
final class BrowserOnLocalRun implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<LocalRunner> start;
    private LocalRunner runner;
    private WebDriver browser;

    /** The run with the tests' frozen model. */
    BrowserOnLocalRun() {
        this(() -> withModel(Path.of(TestModelText.file())));
    }

    /** The run as {@code start} starts it, once Chromium is known to be there. */
    BrowserOnLocalRun(Supplier<LocalRunner> start) {
        this.start = start;
    }

    /** A run with a model of this text, written to a file of its own for the run's start. */
    static LocalRunner withModelText(String yaml) {
        try {
            Path model = java.nio.file.Files.createTempFile("browser-test-model", ".yaml");
            model.toFile().deleteOnExit();
            java.nio.file.Files.writeString(model, yaml);
            return withModel(model);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A run with this model file, as LEADTRIAGE_MODEL_FILE gives it. */
    static LocalRunner withModel(Path modelFile) {
        return LocalRunner.start(new LocalRunner.Options(0, null, SamTemplate.locate(), Clock.systemUTC(), modelFile));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        HeadlessChromium.requireInstalled();
        runner = start.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (runner != null) {
            runner.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser = HeadlessChromium.open(true);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
        }
    }

    LocalRunner runner() {
        return runner;
    }

    String baseUrl() {
        return runner.baseUrl();
    }

    WebDriver browser() {
        return browser;
    }

    /** This test's browser, closed and opened again: with JavaScript off, say. */
    WebDriver reopen(boolean javascript) {
        browser.quit();
        browser = HeadlessChromium.open(javascript);
        return browser;
    }

    /** Signs this test's browser in to the console with the run's admin token; the wait, for the test's next steps. */
    org.openqa.selenium.support.ui.WebDriverWait signInToConsole() {
        return signInToConsole(browser());
    }

    /** Calls an admin route of the run with its admin token, from outside the browser; the answer's body. */
    String admin(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                        .header("Authorization", "Bearer " + runner.services().config().adminToken())
                        .header("Content-Type", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** The caught emails of this kind, whose subject starts so (any subject for null), oldest first. */
    List<JsonNode> emails(String kind, String subjectPrefix) throws Exception {
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

    /** The caught emails of this kind to this address, oldest first. */
    List<JsonNode> emailsTo(String kind, String address) throws Exception {
        return emails(kind, null).stream().filter(e -> e.path("to").get(0).asText().equals(address)).toList();
    }

    /** Opens the console in {@code browser} and signs in with the run's admin token: on the Leads screen. */
    org.openqa.selenium.support.ui.WebDriverWait signInToConsole(WebDriver browser) {
        org.openqa.selenium.support.ui.WebDriverWait waiting = HeadlessChromium.waiting(browser);
        browser.get(baseUrl() + "/console/");
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        browser.findElement(By.id("token")).sendKeys(runner.services().config().adminToken());
        browser.findElement(By.cssSelector("form.signin button")).click();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Leads"));
        return waiting;
    }

    /** Posts JSON to the run, from outside the browser; the answer's body. */
    String post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    Optional<LeadRecord> lead(String email) {
        return runner.services().storage().leads().findLeadIdByEmail(email)
                .flatMap(id -> runner.services().storage().queries().findById(id));
    }

    /**
     * Waits until what a page sent without waiting for an answer (a beacon) has reached the lead: the first answer of
     * {@code read} that is neither null nor false, or a TimeoutException saying what was awaited.
     */
    <T> T untilTheLead(String email, String what, Function<LeadRecord, T> read) {
        return new FluentWait<>(email).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(100))
                .withMessage(what).until(address -> lead(address).map(read).orElse(null));
    }
}
