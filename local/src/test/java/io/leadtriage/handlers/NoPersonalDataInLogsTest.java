package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.ops.Log;
import io.leadtriage.ops.Metrics;
import io.leadtriage.testing.AdminRequests;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path a lead's data goes through, run with sentinel personal data while capturing every line the
 * functions log or print: none may contain the email address, its local part, the name or the phone.
 */
class NoPersonalDataInLogsTest {
    static final String EMAIL = "zebulon.sentinel7f3a@sentinel-pii.example";
    static final String NAME = "Zebulon Sentinelname";
    static final String PHONE = "+44 20 7946 0958";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noLogLineCarriesPersonalData() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        Log.redirectTo(capture);
        Metrics.redirectTo(capture);
        System.setOut(capture);
        System.setErr(capture);
        try {
            runEveryPath();
        } finally {
            Log.redirectTo(stdout);
            Metrics.redirectTo(stdout);
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the paths did log").contains("form submitted", "survey answered", "signal recorded",
                "unsubscribe", "SES event recorded", "outcome recorded", "outcome repeated; nothing changed", "lead erased",
                "request refused");
        for (String sentinel : List.of(EMAIL, "zebulon.sentinel7f3a", NAME, "Sentinelname", PHONE)) {
            assertThat(logs).as("log lines must not contain " + sentinel).doesNotContainIgnoringCase(sentinel);
        }
    }

    private void runEveryPath() throws Exception {
        AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
        MailCatcher mail = new MailCatcher(clock);
        Services services = TestServices.create(clock, mail, DynamoBackend.freshTable("pii"), TestServices.ADMIN_TOKEN);
        FormHandler forms = new FormHandler(services);

        Map<String, Object> step1 = new HashMap<>(Map.of("email", EMAIL, "name", NAME, "phone", PHONE, "consent", true,
                "challenge", NAME + " cannot qualify leads", "submissionId", UUID.randomUUID().toString()));
        APIGatewayV2HTTPResponse first = forms.handleRequest(Events.withJsonBody(Events.load("form-get-started-json.json"), step1), null);
        String leadId = JSON.readTree(first.getBody()).path("leadId").asText();
        String token = JSON.readTree(first.getBody()).path("token").asText();
        forms.handleRequest(Events.withJsonBody(Events.load("form-get-started-json.json"),
                Map.of("email", "not-an-email " + EMAIL, "name", NAME)), null);
        // A form or survey id is the caller's choice: an address put in the path must not reach a log line.
        APIGatewayV2HTTPEvent addressAsForm = Events.withJsonBody(Events.load("form-get-started-json.json"), Map.of("email", EMAIL));
        addressAsForm.setPathParameters(Map.of("formId", EMAIL));
        addressAsForm.setRawPath("/v1/forms/" + EMAIL);
        forms.handleRequest(addressAsForm, null);
        APIGatewayV2HTTPEvent addressAsSurvey = Events.withJsonBody(Events.load("form-get-started-json.json"), Map.of("budget", "approved"));
        addressAsSurvey.setPathParameters(Map.of("surveyId", EMAIL));
        new SurveyHandler(services).handleRequest(addressAsSurvey, null);
        forms.handleRequest(Events.withJsonBody(Events.load("form-get-started-step2.json"), Map.of("_token", token,
                "company", NAME + " Ltd", "companySize", "51-200", "role", "decision_maker", "budget", "approved",
                "timeline", "now")), null);
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(5));

        APIGatewayV2HTTPEvent survey = Events.withJsonBody(Events.load("form-get-started-json.json"), Map.of("_token",
                services.tokens().issue(TokenPurpose.SURVEY, leadId, Duration.ofDays(1)), "challenge", NAME + " needs help"));
        survey.setPathParameters(Map.of("surveyId", "follow-up"));
        new SurveyHandler(services).handleRequest(survey, null);

        APIGatewayV2HTTPEvent product = Events.withJsonBody(Events.load("form-get-started-json.json"),
                Map.of("type", "trial_started", "email", EMAIL));
        product.getHeaders().put("authorization", "Bearer " + TestServices.INGEST_KEY);
        new EventsHandler(services).handleRequest(product, null);
        // A CRM's outcome names the lead by its address (signed; then again, a repeat), or an address nobody has.
        for (String email : List.of(EMAIL, EMAIL, "zebulon.sentinel7f3a@example.com")) {
            APIGatewayV2HTTPEvent outcome = Events.load("crm-outcome-won.json");
            outcome.setBody(outcome.getBody().replace("sam.lee@northwind-traders.io", email));
            outcome.getHeaders().put("x-leadtriage-signature", RequestSignature.header(TestServices.CRM_KEY,
                    clock.instant(), outcome.getBody().getBytes(StandardCharsets.UTF_8)));
            new EventsHandler(services).handleRequest(outcome, null);
        }

        String bounce = new String(java.nio.file.Files.readAllBytes(Events.dir().resolve("ses-bounce-permanent.json")),
                StandardCharsets.UTF_8).replaceAll("\"leadId\": \\[\\s*\"[^\"]+\"", "\"leadId\": [\"" + leadId + "\"");
        new SesEventHandler(services).handle(bounce);

        APIGatewayV2HTTPEvent unsubscribe = new APIGatewayV2HTTPEvent();
        unsubscribe.setQueryStringParameters(Map.of("t", services.tokens().issue(TokenPurpose.UNSUBSCRIBE, leadId, Duration.ofDays(1))));
        unsubscribe.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build());
        new UnsubscribeHandler(services).handleRequest(unsubscribe, null);

        AdminHandler admin = new AdminHandler(services);
        admin.handleRequest(AdminRequests.of("POST", "/v1/admin/leads/{leadId}/outcome",
                "/v1/admin/leads/" + leadId + "/outcome", Map.of("leadId", leadId), null, "{\"outcome\":\"won\"}",
                "Bearer " + TestServices.ADMIN_TOKEN), null);
        admin.handleRequest(AdminRequests.of("GET", "/v1/admin/leads/{leadId}",
                "/v1/admin/leads/" + leadId, Map.of("leadId", leadId), null, null, "Bearer " + TestServices.ADMIN_TOKEN), null);
        admin.handleRequest(AdminRequests.of("DELETE", "/v1/admin/leads/{leadId}",
                "/v1/admin/leads/" + leadId, Map.of("leadId", leadId), null, null, "Bearer " + TestServices.ADMIN_TOKEN), null);
        assertThat(mail.caught()).as("emails were sent along the way").isNotEmpty();
    }
}
