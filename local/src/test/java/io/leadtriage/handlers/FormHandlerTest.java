package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.ops.Metrics;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/forms/{formId} from the real envelopes in events/, against DynamoDB from template.yaml. */
class FormHandlerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    final Services services = TestServices.create(clock);
    final FormHandler handler = new FormHandler(services);

    @BeforeEach
    void backend() {
        DynamoBackend.client();
    }

    static String uniqueEmail(String name) {
        return name + "+" + UUID.randomUUID().toString().substring(0, 8) + "@acme-analytics.io";
    }

    APIGatewayV2HTTPEvent jsonStep1(String email) {
        APIGatewayV2HTTPEvent event = Events.load("form-get-started-json.json");
        Map<String, Object> body = Events.jsonBody(event);
        body.put("email", email);
        body.put("submissionId", UUID.randomUUID().toString());
        return Events.withJsonBody(event, body);
    }

    JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    LeadRecord stored(String leadId) {
        return services.storage().queries().findById(leadId).orElseThrow();
    }

    String leadIdByEmail(String email) {
        return services.storage().leads().findLeadIdByEmail(email).orElseThrow();
    }

    @Test
    void aJsonStep1CreatesTheLeadAndAsksForStep2() throws Exception {
        String email = uniqueEmail("jane");
        APIGatewayV2HTTPResponse response = handler.handleRequest(jsonStep1(email), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = body(response);
        assertThat(body.path("next").path("action").asText()).isEqualTo("step2");
        assertThat(body.path("next").path("url").asText()).isEqualTo("http://localhost:3000/?step=2");
        assertThat(body.has("score")).isFalse();
        String leadId = body.path("leadId").asText();
        assertThat(services.tokens().verify(TokenPurpose.FORM, body.path("token").asText())).contains(leadId);

        LeadRecord lead = stored(leadId);
        assertThat(lead.lead().email()).isEqualTo(email);
        assertThat(lead.lead().answers().get("name")).contains("Jane Roe");
        assertThat(lead.consent().textVersion()).isEqualTo("2026-11");
        assertThat(lead.consent().pageUrl()).isEqualTo("http://localhost:3000/");
        assertThat(lead.consent().at()).isEqualTo(clock.instant());
        assertThat(lead.source()).containsEntry("utm_campaign", "q4-lead-quality").containsEntry("formId", "get-started");
        assertThat(lead.awaitingStep2Since()).isEqualTo(clock.instant());
        assertThat(lead.qualification().tier()).isEqualTo(Tier.COLD);
        assertThat(services.storage().leads().findLeadIdByEmail(email)).contains(leadId);
    }

    @Test
    void aPlainBrowserPostIsRedirectedToStep2WithTheToken() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.load("form-get-started-browser.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(303);
        String location = response.getHeaders().get("Location");
        assertThat(location).startsWith("http://localhost:3000/?step=2&token=");
        String token = location.substring(location.indexOf("token=") + 6);
        String leadId = services.tokens().verify(TokenPurpose.FORM, token).orElseThrow();
        LeadRecord lead = stored(leadId);
        assertThat(lead.lead().email()).isEqualTo("sam.lee@brightpath-consulting.com");
        assertThat(lead.lead().answers().get("challenge")).contains(
                "We can't tell which leads are worth a call — 70% are students & job seekers");
        assertThat(lead.qualification().painPoints()).isEmpty();
        assertThat(lead.consent()).isNotNull();
    }

    @Test
    void aMultipartDemoRequestFromAHotLeadIsOfferedAMeeting() throws Exception {
        APIGatewayV2HTTPEvent event = Events.load("form-demo-multipart.json");
        String multipart = Events.decodedBody(event).replace("priya.shah@northwind-saas.com", uniqueEmail("priya"));
        event = Events.withRawBody(event, multipart.getBytes(StandardCharsets.UTF_8), event.getHeaders().get("content-type"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = body(response);
        assertThat(body.path("next").path("action").asText()).isEqualTo("book_meeting");
        assertThat(body.path("next").path("url").asText()).isEqualTo("http://localhost:3000/book.html");
        LeadRecord lead = stored(body.path("leadId").asText());
        assertThat(lead.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(lead.qualification().stage()).isEqualTo(Stage.SQL);
        assertThat(lead.qualification().score()).isEqualTo(105);
        assertThat(lead.qualification().painPoints()).contains("speed-to-lead");
        assertThat(lead.lead().signals()).extracting(s -> s.type()).containsExactly(SignalType.DEMO_REQUEST);
        assertThat(lead.lead().answers().get("country")).contains("GB");
    }

    @Test
    void step2AttachesToTheSameLeadAndRescoresIt() throws Exception {
        JsonNode step1 = body(handler.handleRequest(jsonStep1(uniqueEmail("jane")), null));
        String leadId = step1.path("leadId").asText();
        clock.advance(Duration.ofMinutes(2));

        APIGatewayV2HTTPEvent event = Events.load("form-get-started-step2.json");
        Map<String, Object> fields = Events.jsonBody(event);
        fields.put("_token", step1.path("token").asText());
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.withJsonBody(event, fields), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = body(response);
        assertThat(body.path("leadId").asText()).isEqualTo(leadId);
        assertThat(body.path("next").path("action").asText()).isEqualTo("book_meeting");
        LeadRecord lead = stored(leadId);
        assertThat(lead.lead().answers().get("company")).contains("Acme Analytics");
        assertThat(lead.lead().answers().get("name")).contains("Jane Roe");
        // decision maker 15 + approved 15 + 1-3m 10 + need 5 + saas 10 + 51-200 10
        assertThat(lead.qualification().score()).isEqualTo(65);
        assertThat(lead.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(lead.qualification().stage()).isEqualTo(Stage.SQL);
        assertThat(lead.awaitingStep2Since()).isNull();
        assertThat(timeline(leadId)).extracting(TimelineEntry::detail)
                .contains("get-started step 1", "get-started step 2", "new → cold at 5 points", "cold → hot at 65 points",
                        "lead → sql");
    }

    @Test
    void aRepeatedSubmissionIdIsTheSameSubmission() throws Exception {
        APIGatewayV2HTTPEvent event = Events.forForm(jsonStep1(uniqueEmail("rep")), "demo");
        Map<String, Object> fields = Events.jsonBody(event);
        fields.put("company", "Acme");
        fields.put("name", "Rep Eat");
        event = Events.withJsonBody(event, fields);

        APIGatewayV2HTTPResponse first = handler.handleRequest(event, null);
        APIGatewayV2HTTPResponse again = handler.handleRequest(event, null);

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(again.getStatusCode()).isEqualTo(201);
        String leadId = body(first).path("leadId").asText();
        assertThat(body(again).path("leadId").asText()).isEqualTo(leadId);
        LeadRecord lead = stored(leadId);
        assertThat(lead.version()).isEqualTo(1);
        assertThat(lead.lead().signals()).hasSize(1);
    }

    @Test
    void withoutASubmissionIdTheSameAnswersTwiceInARowAreOneSubmission() throws Exception {
        APIGatewayV2HTTPEvent event = Events.forForm(jsonStep1(uniqueEmail("twice")), "demo");
        Map<String, Object> fields = Events.jsonBody(event);
        fields.remove("submissionId");
        fields.put("company", "Acme");
        event = Events.withJsonBody(event, fields);

        String first = body(handler.handleRequest(event, null)).path("leadId").asText();
        APIGatewayV2HTTPResponse doubleClick = handler.handleRequest(event, null);
        clock.advance(Duration.ofMinutes(11));
        APIGatewayV2HTTPResponse nextTime = handler.handleRequest(event, null);

        assertThat(doubleClick.getStatusCode()).isEqualTo(201);
        assertThat(body(doubleClick).path("leadId").asText()).isEqualTo(first);
        assertThat(nextTime.getStatusCode()).isEqualTo(201);
        assertThat(stored(first).lead().signals()).as("the double click counted once, the later post again").hasSize(2);
    }

    @Test
    void emailsDifferingOnlyInCaseAreOneLead() throws Exception {
        String email = uniqueEmail("case");
        APIGatewayV2HTTPResponse first = handler.handleRequest(jsonStep1(email), null);
        APIGatewayV2HTTPResponse second = handler.handleRequest(Events.forForm(jsonStep1(email.toUpperCase()), "newsletter"), null);

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(second.getStatusCode()).as("the same answer as for a new address").isEqualTo(201);
        assertThat(body(second).path("leadId").asText()).as("an unverified submission's id, not the lead's")
                .isNotEqualTo(body(first).path("leadId").asText());
        LeadRecord lead = stored(body(first).path("leadId").asText());
        assertThat(lead.lead().signals()).extracting(s -> s.type()).containsExactly(SignalType.NEWSLETTER_SIGNUP);
        assertThat(timeline(lead.id())).extracting(TimelineEntry::detail).contains("newsletter, unverified");
        assertThat(lead.source()).containsEntry("formId", "get-started");
    }

    @Test
    void anInternationalDomainIsStoredInPunycode() throws Exception {
        APIGatewayV2HTTPEvent event = jsonStep1("jürgen" .replace("ü", "u") + "+" + UUID.randomUUID().toString().substring(0, 6) + "@bücher.example");
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(stored(body(response).path("leadId").asText()).lead().email()).endsWith("@xn--bcher-kva.example");
    }

    @Test
    void twentyConcurrentSubmissionsForOneEmailKeepEverySignal() throws Exception {
        String email = uniqueEmail("burst");
        int writers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            APIGatewayV2HTTPEvent event = Events.forForm(jsonStep1(email), "ebook");
            Callable<APIGatewayV2HTTPResponse> submit = () -> {
                start.await();
                return handler.handleRequest(event, null);
            };
            results.add(pool.submit(submit));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        java.util.Set<String> leadIds = new java.util.HashSet<>();
        String leadId = null;
        for (Future<APIGatewayV2HTTPResponse> result : results) {
            APIGatewayV2HTTPResponse response = result.get();
            statuses.add(response.getStatusCode());
            leadId = body(response).path("leadId").asText();
            leadIds.add(leadId);
        }
        pool.shutdown();
        assertThat(leadIds).as("the lead's id for the post that created it, an unverified submission's for the others")
                .hasSize(writers);

        assertThat(statuses).as("every post answered alike, whoever created the lead").containsOnly(201);
        leadId = leadIdByEmail(email);
        LeadRecord lead = stored(leadId);
        assertThat(lead.lead().signals()).hasSize(writers).allMatch(s -> s.type() == SignalType.RESOURCE_DOWNLOAD);
        // Twenty downloads make the lead hot: the one sales alert's hand-over is recorded on it too.
        assertThat(lead.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(lead.version()).isEqualTo(writers + 1);
        assertThat(timeline(leadId)).filteredOn(e -> e.kind().equals(TimelineEntry.FORM_SUBMITTED)).hasSize(writers);
    }

    @Test
    void aFilledHoneypotAnswersLikeASuccessAndStoresNothing() throws Exception {
        String email = uniqueEmail("bot");
        APIGatewayV2HTTPEvent event = jsonStep1(email);
        Map<String, Object> fields = Events.jsonBody(event);
        fields.put("_gotcha", "http://spam.example");
        ByteArrayOutputStream metrics = new ByteArrayOutputStream();
        Metrics.redirectTo(new PrintStream(metrics, true, StandardCharsets.UTF_8));
        int before = DynamoBackend.scanAll(DynamoBackend.LEADS_TABLE).size();
        try {
            APIGatewayV2HTTPResponse response = handler.handleRequest(Events.withJsonBody(event, fields), null);

            assertThat(response.getStatusCode()).isEqualTo(201);
            assertThat(body(response).path("next").path("action").asText()).isEqualTo("step2");
            assertThat(body(response).path("token").asText()).isNotEmpty();
        } finally {
            Metrics.redirectTo(System.out);
        }
        assertThat(DynamoBackend.scanAll(DynamoBackend.LEADS_TABLE)).hasSize(before);
        assertThat(services.storage().leads().findLeadIdByEmail(email)).isEmpty();
        assertThat(metrics.toString(StandardCharsets.UTF_8)).contains("\"HoneypotHits\":1", "\"Namespace\":\"leadtriage\"");
    }

    @Test
    void aBrowserFormWithBadFieldsGetsAPageNotJson() {
        APIGatewayV2HTTPEvent event = Events.withBody(Events.load("form-get-started-browser.json"),
                "email=not-an-email&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "application/x-www-form-urlencoded");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/html");
        assertThat(response.getBody()).contains("email").contains("is not an email address").doesNotContain("<script>");
    }

    @Test
    void theErrorPageNamesFieldsByTheirLabelsAndLinksBackToTheFormPlainly() {
        APIGatewayV2HTTPEvent event = Events.withBody(Events.load("form-get-started-browser.json"),
                "email=not-an-email&companySize=huge", "application/x-www-form-urlencoded");
        event.getHeaders().put("referer", "http://localhost:3000/?step=2&token=abc");

        String page = handler.handleRequest(event, null).getBody();

        assertThat(page).contains("<strong>Email</strong> is not an email address", "<strong>Company size</strong> must be one of")
                .contains("<a href=\"http://localhost:3000/?step=2&amp;token=abc\">Go back to the form</a>")
                .doesNotContain("<strong>email</strong>", "<strong>companySize</strong>", "javascript:");
    }

    @Test
    void theErrorPageLinksOnlyToAnAllowedOrigin() {
        APIGatewayV2HTTPEvent event = Events.withBody(Events.load("form-get-started-browser.json"), "email=not-an-email",
                "application/x-www-form-urlencoded");
        event.getHeaders().put("referer", "https://evil.example/phish");
        event.getHeaders().put("origin", "https://evil.example");

        String page = handler.handleRequest(event, null).getBody();

        assertThat(page).doesNotContain("evil.example", "javascript:", "<a href").contains("browser's back button");
    }

    @Test
    void anExpiredStep2TokenIsRefused() throws Exception {
        JsonNode step1 = body(handler.handleRequest(jsonStep1(uniqueEmail("late")), null));
        clock.advance(Duration.ofDays(8));
        APIGatewayV2HTTPEvent event = Events.load("form-get-started-step2.json");
        Map<String, Object> fields = Events.jsonBody(event);
        fields.put("_token", step1.path("token").asText());
        fields.remove("submissionId");

        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.withJsonBody(event, fields), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(body(response).path("error").path("code").asText()).isEqualTo("invalid_token");
        assertThat(stored(step1.path("leadId").asText()).version()).isEqualTo(1);
    }

    List<TimelineEntry> timeline(String leadId) {
        return services.storage().queries().timeline(leadId);
    }

    static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** GET /v1/forms/get-started/questions?step=2 as a page asks it: the form's token as a bearer token, or none. */
    APIGatewayV2HTTPEvent questions(String token) {
        APIGatewayV2HTTPEvent event = Events.load("form-get-started-json.json");
        event.setRouteKey("GET /v1/forms/{formId}/questions");
        event.getRequestContext().getHttp().setMethod("GET");
        event.setRawPath("/v1/forms/get-started/questions");
        event.setQueryStringParameters(Map.of("step", "2"));
        event.setBody(null);
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        event.setHeaders(headers);
        return event;
    }

    @Test
    void theNextQuestionsRouteTakesTheLeadsTokenAsABearerTokenOnly() throws Exception {
        String token = body(handler.handleRequest(jsonStep1(uniqueEmail("quinn")), null)).path("token").asText();

        APIGatewayV2HTTPResponse withToken = handler.handleRequest(questions(token), null);
        APIGatewayV2HTTPResponse without = handler.handleRequest(questions(null), null);

        assertThat(withToken.getStatusCode()).isEqualTo(200);
        assertThat(withToken.getHeaders()).containsEntry("Cache-Control", "no-store");
        // The tests' frozen model pools no questions: the page keeps its own
        assertThat(body(withToken).path("pooled").asBoolean()).isFalse();
        assertThat(without.getStatusCode()).isEqualTo(403);
        assertThat(body(without).path("error").path("code").asText()).isEqualTo("invalid_token");
    }
}
