package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.TestModelText;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.testing.LeadEventSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack end to end over plain HTTP, as a landing page (or curl) reaches it. */
class LocalRunnerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalRunner runner;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(new LocalRunner.Options(0, null, SamTemplate.locate(), Clock.systemUTC(),
                Path.of(TestModelText.file())));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    static HttpResponse<String> post(String path, String contentType, String accept, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .header("Content-Type", contentType).header("Accept", accept).header("Origin", runner.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aJsonPostCreatesALeadWithCorsForTheAllowedOrigin() throws Exception {
        String email = "jane+" + UUID.randomUUID().toString().substring(0, 8) + "@acme.io";
        HttpResponse<String> response = post("/v1/forms/demo", "application/json", "application/json",
                "{\"email\":\"" + email + "\",\"name\":\"Jane Roe\",\"company\":\"Acme\",\"timeline\":\"now\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(runner.baseUrl());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("next").path("action").asText()).isEqualTo("book_meeting");
        LeadRecord lead = runner.services().storage().queries().findById(body.path("leadId").asText()).orElseThrow();
        assertThat(lead.qualification().score()).isEqualTo(50);
    }

    /**
     * The hand-off on the local run, without an account: a hot lead posted to the API is on the event catcher as
     * {@code lead.hot} by the time the API answers (published in the same request, as deployed), in
     * {@code GET /_local/events} (as an EventBridge rule's target would get it) and on the console, after its
     * {@code lead.created}, each valid against its schema.
     */
    @Test
    void aHotLeadPostedIsOnTheLocalEventsWhenThePostIsAnswered() throws Exception {
        // A fresh JVM's first hot lead loads the code paths (the alert's rendering, the event's; seconds): one warms them up.
        assertThat(postDemo("{\"email\":\"warm-up+" + UUID.randomUUID().toString().substring(0, 8) + "@acme.io\","
                + "\"name\":\"Warm Up\",\"company\":\"Acme\",\"timeline\":\"now\"}").statusCode()).isEqualTo(201);
        String email = "hana+" + UUID.randomUUID().toString().substring(0, 8) + "@acme.io";
        long posted = System.nanoTime();
        HttpResponse<String> answer = postDemo("{\"email\":\"" + email + "\",\"name\":\"Hana Hot\","
                + "\"company\":\"Acme\",\"timeline\":\"now\",\"utm_source\":\"newsletter\"}");
        assertThat(answer.statusCode()).isEqualTo(201);
        String leadId = JSON.readTree(answer.body()).path("leadId").asText();

        // Published in the request that made the lead hot: there when the API answers, before any dispatcher runs.
        List<JsonNode> events = new ArrayList<>();
        JSON.readTree(get("/_local/events").body()).forEach(e -> {
            if (e.path("detail").path("leadId").asText().equals(leadId)) {
                events.add(e);
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - posted);

        assertThat(events).extracting(e -> e.path("detail-type").asText()).as("seen " + took.toMillis() + " ms after the post")
                .containsExactly("lead.created", "lead.hot");
        JsonNode hot = events.get(1);
        assertThat(hot.path("source").asText()).isEqualTo("leadtriage");
        assertThat(hot.path("detail").path("contact").path("email").asText()).isEqualTo(email);
        assertThat(hot.path("detail").path("utm").path("source").asText()).isEqualTo("newsletter");
        for (JsonNode event : events) {
            LeadEventSchemas.check(event.path("detail-type").asText(), event.path("detail").toString());
        }
        assertThat(get("/_local/").body()).contains("Lead events (", "lead.hot", leadId);
    }

    static HttpResponse<String> postDemo(String json) throws Exception {
        return post("/v1/forms/demo", "application/json", "application/json", json);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleSaysWhereEachLeadStandsInWordsAndLeavesTimesToTheBrowser() throws Exception {
        String email = "cora+" + UUID.randomUUID().toString().substring(0, 8) + "@acme.io";
        post("/v1/forms/newsletter", "application/json", "application/json",
                "{\"email\":\"" + email + "\",\"name\":\"Cora Console\",\"timeline\":\"now\",\"consent\":true}");
        post("/v1/forms/demo", "application/json", "application/json",
                "{\"email\":\"" + email + "\",\"name\":\"Cora Console\",\"company\":\"Acme\",\"budget\":\"approved\"}");
        String alert = JSON.readTree(get("/_local/emails").body()).findValues("text").stream()
                .map(JsonNode::asText).filter(t -> t.contains("Cora Console")).findFirst().orElseThrow();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://\\S+/v1/alerts/disposition\\?t=\\S+").matcher(alert);
        assertThat(link.find()).isTrue();
        HTTP.send(HttpRequest.newBuilder(URI.create(link.group())).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("disposition=accepted")).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> console = get("/_local/");
        String page = console.body();
        int row = page.indexOf("Cora Console");
        String lead = page.substring(row, page.indexOf("</tr>", row));

        assertThat(lead).contains(">Hot<", ">SQL<", "stopped: lead turned hot, sales took over (was in",
                "Rep: I&#39;m on it").doesNotContain("(stopped)");
        assertThat(page).doesNotContain("Reply-To</th><td>null", "PT0S", "moved forward").contains("(real time)",
                "<script src=\"/_local/console.js\" defer></script>");
        assertThat(page).containsPattern("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z\">"
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</time>");
        assertThat(page).doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{4,}Z").doesNotContain("onsubmit=");
        assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-eval").doesNotContain("script-src 'unsafe-inline'"));
        assertThat(get("/_local/console.js").body()).contains("time[datetime]");
        assertThat(get("/_local/emails").body()).doesNotContainPattern("\"sentAt\":\"[^\"]*\\.\\d{4,}Z\"");

        // The alert's speed and the dispatcher's outbox age, as the alarms would read them, before any deploy.
        assertThat(page).contains("<h2>Operations</h2>", "Speed to alert of the last alerts").containsPattern("\\d+ ms");
        JsonNode metrics = JSON.readTree(get("/_local/metrics").body());
        assertThat(metrics.path("stack").asText()).isEqualTo("local");
        assertThat(metrics.path("latest").path("SpeedToAlert (Milliseconds)").size()).isPositive();
        assertThat(metrics.path("metrics").path("Leads").size()).isPositive();
        assertThat(metrics.path("metrics").path("EmailsSent").toString()).contains("{Kind=sales_alert}");
    }

    @Test
    void theSiteServesItsFavicon() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/favicon.svg")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/svg+xml");
    }

    @Test
    void aPlainUrlencodedFormPostIsRedirected() throws Exception {
        String email = "sam%2B" + UUID.randomUUID().toString().substring(0, 8) + "%40acme.io";
        HttpResponse<String> response = post("/v1/forms/get-started", "application/x-www-form-urlencoded",
                "text/html,application/xhtml+xml", "email=" + email + "&name=Sam+Lee&consent=on");

        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(runner.baseUrl() + "/?step=2&token=");
        String token = location.substring(location.indexOf("token=") + 6);
        assertThat(runner.services().tokens().verify(TokenPurpose.FORM, token)).isPresent();
    }

    @Test
    void aCorsPreflightFromAnAllowedOriginIsAnswered() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/forms/demo"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", runner.baseUrl()).header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/forms/demo"))
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void unknownRoutesAndMethodsAreRefused() throws Exception {
        HttpResponse<String> notFound = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/nothing"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/forms/demo"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void aDataFolderKeepsLeadsAcrossRestarts(@TempDir Path data) throws Exception {
        String leadId;
        try (LocalRunner first = LocalRunner.start(new LocalRunner.Options(0, data, SamTemplate.locate(), Clock.systemUTC(),
                Path.of(TestModelText.file())))) {
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(first.baseUrl() + "/v1/forms/newsletter"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"keep@acme.io\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            leadId = JSON.readTree(created.body()).path("leadId").asText();
        }
        try (LocalRunner second = LocalRunner.start(new LocalRunner.Options(0, data, SamTemplate.locate(), Clock.systemUTC(),
                Path.of(TestModelText.file())))) {
            assertThat(second.services().storage().queries().findById(leadId)).isPresent();
        }
    }

    @Test
    void withoutAModelFileTheShippedModelAlsoAlertsTheChatStandIns() throws Exception {
        String local = LocalRunner.localModelFile(null);

        assertThat(local).as("the shipped model still has the line the stand-ins go before").isNotNull();
        assertThat(java.nio.file.Files.readString(Path.of(local))).contains("  slack: sales-team\n  teams: sales-team\n  routes: []");
        assertThat(LocalRunner.localModelFile(Path.of("mine.yaml"))).isEqualTo("mine.yaml");
    }

    @Test
    void theBannerNamesTheModelInEffect(@TempDir Path data) {
        Path file = Path.of(TestModelText.file());
        assertThat(LocalRunner.modelInEffect(runner.services(), file))
                .isEqualTo(file.toAbsolutePath().normalize() + " (LEADTRIAGE_MODEL_FILE)");
        assertThat(LocalRunner.modelInEffect(runner.services(), null))
                .startsWith("functions/model/leadtriage-model.yaml (shipped;");

        try (LocalRunner first = LocalRunner.start(new LocalRunner.Options(0, data, SamTemplate.locate(), Clock.systemUTC(), file))) {
            first.services().storage().models().put(TestModelText.defaultText(), 0, first.clock().instant(), false);
        }
        try (LocalRunner second = LocalRunner.start(new LocalRunner.Options(0, data, SamTemplate.locate(), Clock.systemUTC(), file))) {
            assertThat(LocalRunner.modelInEffect(second.services(), file))
                    .startsWith("version 1, PUT through the admin API and kept in DATA_DIR; it wins over " + file.toAbsolutePath().normalize());
        }
    }
}
