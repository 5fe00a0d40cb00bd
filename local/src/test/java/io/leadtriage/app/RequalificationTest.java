package io.leadtriage.app;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.handlers.EventsHandler;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.handlers.SurveyHandler;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.testing.Events;
import io.leadtriage.testing.FormPosts;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Qualification after the form: follow-up surveys, behaviour signals from the page snippet and from
 * product backends, and the review that cools leads whose behaviour points faded.
 */
class RequalificationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    final MailCatcher mail = new MailCatcher(clock);
    Services services;
    FormHandler forms;
    SurveyHandler surveys;
    EventsHandler events;

    @BeforeEach
    void start() {
        services = TestServices.create(clock, mail);
        forms = new FormHandler(services);
        surveys = new SurveyHandler(services);
        events = new EventsHandler(services);
    }

    static String email(String who) {
        return who + "+" + UUID.randomUUID().toString().substring(0, 8) + "@acme-analytics.io";
    }

    String post(String formId, Map<String, Object> fields) {
        return FormPosts.submit(forms, formId, fields);
    }

    static APIGatewayV2HTTPEvent request(String path, Map<String, String> pathParameters, String body, String contentType,
                                         String authorization) {
        APIGatewayV2HTTPEvent event = Events.withBody(Events.load("form-get-started-json.json"), body, contentType);
        event.setRawPath(path);
        event.setPathParameters(pathParameters);
        if (authorization != null) {
            event.getHeaders().put("authorization", authorization);
        }
        return event;
    }

    APIGatewayV2HTTPResponse survey(String token, Map<String, Object> answers) throws Exception {
        Map<String, Object> body = new HashMap<>(answers);
        body.put("_token", token);
        return surveys.handleRequest(request("/v1/surveys/follow-up", Map.of("surveyId", "follow-up"),
                JSON.writeValueAsString(body), "application/json", null), null);
    }

    APIGatewayV2HTTPResponse event(Map<String, Object> body, String authorization) throws Exception {
        return events.handleRequest(request("/v1/events", null, JSON.writeValueAsString(body), "application/json",
                authorization), null);
    }

    LeadRecord lead(String leadId) {
        return services.storage().queries().findById(leadId).orElseThrow();
    }

    List<MailCatcher.CaughtEmail> alertsFor(String leadName) {
        return mail.caught().stream().filter(c -> c.email().subject().startsWith("Hot lead: " + leadName)).toList();
    }

    @Test
    void surveyAnswersTurnAWarmLeadHotAlertOnceAndStopNurture() throws Exception {
        String leadId = post("newsletter", Map.of("email", email("ana"), "name", "Ana Survey", "timeline", "now",
                "consent", true));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(5));
        assertThat(lead(leadId).qualification().tier()).isEqualTo(Tier.WARM);
        assertThat(lead(leadId).nurture().active()).isTrue();
        String token = services.tokens().issue(TokenPurpose.SURVEY, leadId, Duration.ofDays(60));

        APIGatewayV2HTTPResponse answered = survey(token, Map.of("budget", "approved", "role", "decision_maker",
                "challenge", "Our reps drown in unqualified demo requests", "companySize", "51-200"));
        survey(token, Map.of("timeline", "now"));

        assertThat(answered.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answered.getBody()).path("next").path("url").asText())
                .isEqualTo("http://localhost:3000/survey-thanks.html");
        LeadRecord hot = lead(leadId);
        assertThat(hot.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(hot.qualification().stage()).isEqualTo(Stage.SQL);
        assertThat(hot.nurture().status()).isEqualTo(NurtureState.STOPPED);
        assertThat(alertsFor("Ana Survey")).hasSize(1);
        assertThat(services.storage().queries().timeline(leadId)).extracting(TimelineEntry::kind)
                .contains(TimelineEntry.SURVEY_ANSWERED, TimelineEntry.TIER_CHANGED, TimelineEntry.NURTURE);
    }

    @Test
    void aLeadHotFromASurveySixDaysLaterGetsAnAlertShowingThatAnswerAndItsTime() throws Exception {
        String leadId = post("newsletter", Map.of("email", email("sixdays"), "name", "Sid Sixdays", "timeline", "now",
                "consent", true));
        assertThat(lead(leadId).qualification().tier()).isEqualTo(Tier.WARM);
        clock.advance(Duration.ofDays(6));
        String token = services.tokens().issue(TokenPurpose.SURVEY, leadId, Duration.ofDays(60));

        survey(token, Map.of("budget", "approved", "role", "decision_maker"));

        assertThat(alertsFor("Sid Sixdays")).hasSize(1);
        String text = alertsFor("Sid Sixdays").get(0).email().text();
        assertThat(text).contains("""
                WHY HOT NOW
                Answered the follow-up survey
                29 Nov 2026, 10:00 UTC (just now), 6 days after they first came in
                Budget: Approved
                Role: Decision maker
                """);
        assertThat(text).contains("https://api.leadtriage.example/v1/admin/leads/" + leadId);
        assertThat(lead(leadId).sales().hotTrigger().cause()).as("kept with the lead").isEqualTo("survey:follow-up");
    }

    @Test
    void anEmptySurveyIsRefusedNamingTheQuestionsByTheirLabels() throws Exception {
        String leadId = post("newsletter", Map.of("email", email("empty"), "timeline", "now"));
        String token = services.tokens().issue(TokenPurpose.SURVEY, leadId, Duration.ofDays(60));

        APIGatewayV2HTTPResponse response = survey(token, Map.of());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.getBody()).path("error").path("message").asText())
                .isEqualTo("Answer at least one question: Budget, Role, Timeline, Biggest challenge or Company size.");
    }

    @ParameterizedTest(name = "{0} survey token → 403, nothing changed")
    @ValueSource(strings = {"forged", "expired", "form (wrong purpose)", "missing"})
    void aBadSurveyTokenChangesNothing(String kind) throws Exception {
        String leadId = post("newsletter", Map.of("email", email("bad"), "timeline", "now"));
        long version = lead(leadId).version();
        String token = switch (kind) {
            case "forged" -> {
                String real = services.tokens().issue(TokenPurpose.SURVEY, leadId, Duration.ofDays(60));
                yield real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA");
            }
            case "expired" -> services.tokens().issue(TokenPurpose.SURVEY, leadId, Duration.ofDays(-1));
            case "form (wrong purpose)" -> services.tokens().issue(TokenPurpose.FORM, leadId, Duration.ofDays(1));
            default -> "";
        };

        APIGatewayV2HTTPResponse response = survey(token, Map.of("budget", "approved"));

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.getBody()).path("error").path("code").asText()).isEqualTo("invalid_token");
        assertThat(lead(leadId).version()).isEqualTo(version);
    }

    @Test
    void productSignalsMakeAPql() throws Exception {
        String address = email("pql");
        String leadId = post("newsletter", Map.of("email", address, "name", "Pat Product", "timeline", "3-6m"));
        assertThat(lead(leadId).qualification().stage()).isEqualTo(Stage.LEAD);
        String key = "Bearer " + TestServices.INGEST_KEY;

        assertThat(event(Map.of("type", "trial_started", "email", address.toUpperCase()), key).getStatusCode()).isEqualTo(202);

        LeadRecord pql = lead(leadId);
        assertThat(pql.qualification().score()).isEqualTo(25);
        assertThat(pql.qualification().tier()).isEqualTo(Tier.WARM);
        assertThat(pql.qualification().stage()).isEqualTo(Stage.PQL);
    }

    @Test
    void aProductSignalForAnUnknownEmailStartsALead() throws Exception {
        String address = email("newcomer");
        assertThat(event(Map.of("type", "usage_limit_reached", "email", address), "Bearer " + TestServices.INGEST_KEY)
                .getStatusCode()).isEqualTo(202);
        String leadId = services.storage().leads().findLeadIdByEmail(address).orElseThrow();
        assertThat(lead(leadId).qualification().score()).isEqualTo(30);
        assertThat(lead(leadId).source()).containsEntry("formId", "product:usage_limit_reached");
    }

    @Test
    void snippetSignalsAreCappedAndPricingViewsCountOnceAWeek() throws Exception {
        String leadId = post("newsletter", Map.of("email", email("pages")));
        String token = services.tokens().issue(TokenPurpose.FORM, leadId, Duration.ofDays(7));
        for (int i = 0; i < 5; i++) {
            assertThat(event(Map.of("type", "page_view", "_token", token, "url", "https://www.example.com/blog/" + i), null)
                    .getStatusCode()).isEqualTo(202);
        }
        event(Map.of("type", "pricing_page_view", "_token", token), null);
        clock.advance(Duration.ofDays(2));
        event(Map.of("type", "pricing_page_view", "_token", token), null);

        LeadRecord lead = lead(leadId);
        assertThat(lead.lead().signals()).filteredOn(s -> s.type() == SignalType.PAGE_VIEW).hasSize(5);
        assertThat(lead.qualification().breakdown()).extracting(Object::toString)
                .contains("+14 viewed a page (×3)", "+20 viewed the pricing page");
    }

    @Test
    void aRepeatedEventIdCountsOnce() throws Exception {
        String leadId = post("newsletter", Map.of("email", email("twice")));
        String token = services.tokens().issue(TokenPurpose.FORM, leadId, Duration.ofDays(7));
        Map<String, Object> view = Map.of("type", "pricing_page_view", "_token", token, "eventId", UUID.randomUUID().toString());
        event(view, null);
        event(view, null);
        assertThat(lead(leadId).lead().signals()).filteredOn(s -> s.type() == SignalType.PRICING_PAGE_VIEW).hasSize(1);
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "unknown type,                400, invalid_field",
            "product signal from a page,  403, source_not_allowed",
            "click from a page,           403, source_not_allowed",
            "demo request from a page,    403, source_not_allowed",
            "wrong ingest key,            403, invalid_token",
            "no token,                    403, invalid_token",
            "backend without email,       400, invalid_field"})
    void signalsThatMustNotScoreAreRefused(String what, int status, String code) throws Exception {
        String address = email("refused");
        String leadId = post("newsletter", Map.of("email", address));
        String token = services.tokens().issue(TokenPurpose.FORM, leadId, Duration.ofDays(7));
        long version = lead(leadId).version();
        APIGatewayV2HTTPResponse response = switch (what) {
            case "unknown type" -> event(Map.of("type", "looked_at_cat_pictures", "_token", token), null);
            case "product signal from a page" -> event(Map.of("type", "usage_limit_reached", "_token", token), null);
            case "click from a page" -> event(Map.of("type", "email_click", "_token", token), null);
            case "demo request from a page" -> event(Map.of("type", "demo_request", "_token", token), null);
            case "wrong ingest key" -> event(Map.of("type", "trial_started", "email", address), "Bearer not-the-key");
            case "no token" -> event(Map.of("type", "page_view"), null);
            default -> event(Map.of("type", "trial_started"), "Bearer " + TestServices.INGEST_KEY);
        };
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(JSON.readTree(response.getBody()).path("error").path("code").asText()).isEqualTo(code);
        assertThat(lead(leadId).version()).isEqualTo(version);
    }

    @Test
    void aSignalFromASourceTheModelDoesNotAcceptIsA403SayingWhereItIsAccepted() throws Exception {
        String leadId = post("newsletter", Map.of("email", email("sourced")));
        String token = services.tokens().issue(TokenPurpose.FORM, leadId, Duration.ofDays(7));

        APIGatewayV2HTTPResponse response = event(Map.of("type", "demo_request", "_token", token), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.getBody()).path("error").path("message").asText())
                .isEqualTo("demo_request is not accepted from a page; the model accepts it from: form, backend.");
    }

    @Test
    void pageBeaconsOverWeeksNeverMakeALeadHotButOneDemoFormPostDoes() throws Exception {
        String address = email("beacons");
        String leadId = post("newsletter", Map.of("email", address, "name", "Bea Beacon"));
        String token = services.tokens().issue(TokenPurpose.FORM, leadId, Duration.ofDays(60));
        for (int week = 0; week < 4; week++) {
            for (int download = 0; download < 5; download++) {
                event(Map.of("type", "resource_download", "_token", token,
                        "url", "https://www.example.com/guide-" + week + "-" + download + ".pdf"), null);
            }
            event(Map.of("type", "pricing_page_view", "_token", token), null);
            assertThat(lead(leadId).qualification().tier()).as("week %d", week).isNotEqualTo(Tier.HOT);
            clock.advance(Duration.ofDays(7));
        }
        LeadRecord beaconsOnly = lead(leadId);
        assertThat(beaconsOnly.qualification().score()).isGreaterThanOrEqualTo(50);
        assertThat(beaconsOnly.qualification().tier()).isEqualTo(Tier.WARM);
        assertThat(beaconsOnly.qualification().breakdown()).extracting(Object::toString).last().asString()
                .startsWith("warm, not hot: page activity alone cannot make a lead hot (");
        assertThat(alertsFor("Bea Beacon")).isEmpty();

        post("demo", Map.of("email", address, "name", "Bea Beacon", "company", "Acme", "_token", token));

        assertThat(lead(leadId).qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(alertsFor("Bea Beacon")).hasSize(1);
    }

    @Test
    void aQuietHotLeadCoolsToWarmOnTheTierReviewAndJoinsNurture() throws Exception {
        String leadId = post("demo", Map.of("email", email("cool"), "name", "Quinn Quiet", "company", "Acme",
                "timeline", "now", "consent", true));
        LeadRecord hot = lead(leadId);
        assertThat(hot.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(hot.reviewTierAt()).as("demo points fade below 50 in a while").isNotNull();
        assertThat(services.reviewTiers().reviewDue(100)).isZero();

        clock.advance(Duration.between(clock.instant(), hot.reviewTierAt()).plusHours(1));
        assertThat(services.reviewTiers().reviewDue(100)).isGreaterThanOrEqualTo(1);

        LeadRecord cooled = lead(leadId);
        assertThat(cooled.qualification().tier()).isEqualTo(Tier.WARM);
        assertThat(cooled.nurture()).isNotNull();
        assertThat(cooled.nurture().active()).isTrue();
        assertThat(services.storage().queries().timeline(leadId)).extracting(TimelineEntry::detail)
                .anyMatch(d -> d.startsWith("hot → warm"));
    }

    @Test
    void theSnippetsPayloadsAreWhatTheEventsEndpointTakes() throws Exception {
        Path node = Path.of("/usr/bin/node");
        Assumptions.assumeTrue(Files.isExecutable(node) || onPath("node"), "node is not installed: snippet not run");
        String leadId = post("newsletter", Map.of("email", email("snippet")));
        String token = services.tokens().issue(TokenPurpose.FORM, leadId, Duration.ofDays(7));
        Path snippet = Path.of("src/main/resources/site/leadtriage.js");
        Path harness = Path.of("src/test/resources/snippet-harness.js");

        List<JsonNode> pricingPage = runSnippet(harness, snippet, token, "/pricing", "pricing");
        List<JsonNode> blogPage = runSnippet(harness, snippet, token, "/blog/post", null);

        assertThat(pricingPage).hasSize(2);
        assertThat(pricingPage.get(0).path("url").asText()).isEqualTo("https://api.example.com/v1/events");
        assertThat(pricingPage.get(0).path("contentType").asText()).startsWith("text/plain");
        assertThat(JSON.readTree(pricingPage.get(1).path("body").asText()).path("url").asText())
                .as("a download is of the resource the link opens").isEqualTo("https://www.example.com/guide.pdf");
        for (JsonNode beacon : List.of(pricingPage.get(0), pricingPage.get(1), blogPage.get(0))) {
            JsonNode payload = JSON.readTree(beacon.path("body").asText());
            assertThat(payload.path("url").asText()).doesNotContain("?").doesNotContain("leak@example.com");
            APIGatewayV2HTTPResponse response = events.handleRequest(request("/v1/events", null,
                    beacon.path("body").asText(), beacon.path("contentType").asText(), null), null);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        }
        assertThat(lead(leadId).lead().signals()).extracting(s -> s.type()).contains(SignalType.PRICING_PAGE_VIEW,
                SignalType.RESOURCE_DOWNLOAD, SignalType.PAGE_VIEW);
    }

    static List<JsonNode> runSnippet(Path harness, Path snippet, String token, String path, String pageKind)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", harness.toString(), snippet.toString(), token, path,
                pageKind == null ? "" : pageKind);
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        List<JsonNode> beacons = new java.util.ArrayList<>();
        JSON.readTree(out).forEach(beacons::add);
        return beacons;
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
