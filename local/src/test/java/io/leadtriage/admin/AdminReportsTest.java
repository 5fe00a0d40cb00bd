package io.leadtriage.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.handlers.AdminHandler;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.testing.AdminRequests;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.FormPosts;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The funnel report and scoring calibration through the admin API, on data sets with known answers. */
class AdminReportsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-09-01T09:00:00Z"));
    final MailCatcher mail = new MailCatcher(clock);
    Services services;
    FormHandler forms;
    AdminHandler admin;

    @BeforeEach
    void start() {
        services = TestServices.create(clock, mail, DynamoBackend.freshTable("reports"),
                TestServices.ADMIN_TOKEN);
        forms = new FormHandler(services);
        admin = new AdminHandler(services);
    }

    String submit(String formId, Map<String, Object> fields) {
        return FormPosts.submit(forms, formId, fields);
    }

    JsonNode get(String route, Map<String, String> query) throws Exception {
        APIGatewayV2HTTPResponse response = admin.handleRequest(AdminRequests.of("GET", route, route, null, query,
                null, "Bearer " + TestServices.ADMIN_TOKEN), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    void outcome(String leadId, String outcome) {
        APIGatewayV2HTTPResponse response = admin.handleRequest(AdminRequests.of("POST",
                "/v1/admin/leads/{leadId}/outcome", "/v1/admin/leads/" + leadId + "/outcome", Map.of("leadId", leadId), null,
                "{\"outcome\":\"" + outcome + "\"}", "Bearer " + TestServices.ADMIN_TOKEN), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void everyReportAnswersOnOrdinaryLeadsWithoutOutcomesOrDispositions() throws Exception {
        submit("newsletter", Map.of("email", "reader@acme-analytics.io"));
        submit("demo", Map.of("email", "buyer@acme-analytics.io", "name", "Buyer", "company", "Acme",
                "timeline", "now", "budget", "approved", "role", "decision_maker"));
        submit("ebook", Map.of("email", "student@acme-analytics.io", "timeline", "6m+"));

        JsonNode calibration = get("/v1/admin/reports/calibration", Map.of());
        JsonNode funnel = get("/v1/admin/reports/funnel", Map.of("from", today().minusDays(1).toString(),
                "to", today().plusDays(1).toString()));

        assertThat(calibration.path("openLeads").asInt()).isEqualTo(3);
        assertThat(calibration.path("closedLeads").asInt()).isZero();
        assertThat(funnel.isObject()).isTrue();
    }

    @Test
    void theFunnelOfAPeriodOnAKnownDataSet() throws Exception {
        String outsideBefore = submit("newsletter", Map.of("email", "early@acme-analytics.io", "timeline", "now"));
        clock.advance(Duration.ofDays(2));
        LocalDate from = today();
        // Hot enough to stay hot while its demo request fades over the eleven days to its win.
        String hot = submit("demo", Map.of("email", "hot@acme-analytics.io", "name", "Hot", "company", "Acme",
                "timeline", "now", "budget", "approved", "role", "decision_maker"));
        String warm = submit("newsletter", Map.of("email", "warm@acme-analytics.io", "timeline", "now"));
        String cold = submit("newsletter", Map.of("email", "cold@acme-analytics.io"));
        String warmThenHot = submit("newsletter", Map.of("email", "climb@acme-analytics.io", "timeline", "now"));
        clock.advance(Duration.ofHours(1));
        submit("contact-sales", Map.of("email", "climb@acme-analytics.io", "name", "Climb", "company", "Acme"));
        clock.advance(Duration.ofDays(1));
        outcome(hot, "opportunity");
        outcome(warm, "lost");
        clock.advance(Duration.ofDays(10));
        outcome(hot, "won");
        LocalDate to = from.plusDays(3);
        clock.advance(Duration.ofDays(30));
        submit("newsletter", Map.of("email", "late@acme-analytics.io"));

        JsonNode funnel = get("/v1/admin/reports/funnel", Map.of("from", from.toString(), "to", to.toString()));

        assertThat(funnel.path("leads").asInt()).isEqualTo(4);
        assertThat(funnel.path("byTier").path("hot").asInt()).isEqualTo(2);
        assertThat(funnel.path("byTier").path("warm").asInt()).isEqualTo(1);
        assertThat(funnel.path("byTier").path("cold").asInt()).isEqualTo(1);
        assertThat(funnel.path("byStage").path("sql").asInt()).isEqualTo(2);
        assertThat(funnel.path("byStage").path("mql").asInt()).isEqualTo(1);
        assertThat(funnel.path("byStage").path("lead").asInt()).isEqualTo(1);
        // Qualified (MQL or better at some point): hot, warm, climb = 3; of those two reached SQL.
        assertThat(funnel.path("mqlToSqlRate").asDouble()).isEqualTo(2.0 / 3.0);
        assertThat(funnel.path("opportunities").asInt()).isEqualTo(1);
        assertThat(funnel.path("leadToOpportunityRatio").asDouble()).isEqualTo(0.25);
        assertThat(funnel.path("salesCycleDays").path("won").asInt()).isEqualTo(1);
        assertThat(funnel.path("salesCycleDays").path("mean").asDouble()).isEqualTo(11 + 1 / 24.0); // first touch → won
        assertThat(funnel.path("salesCycleDays").path("median").asDouble()).as("its bucket's upper bound").isEqualTo(14);
        assertThat(funnel.path("speedToAlert").path("alerted").asInt()).isEqualTo(2);
        assertThat(funnel.path("speedToAlert").path("p50Seconds").asDouble()).as("at most a second").isEqualTo(1);
        assertThat(funnel.path("speedToAlert").path("histogram").path("le1").asInt()).isEqualTo(2);
        assertThat(outsideBefore).isNotBlank();
        assertThat(cold).isNotBlank();
    }

    @Test
    void calibrationRecoversAPlantedEffectAndAppliesNothing() throws Exception {
        for (int i = 0; i < 120; i++) {
            boolean startsNow = i % 2 == 0;
            Map<String, Object> fields = new HashMap<>(Map.of("email", "cal" + i + "@acme-analytics.io"));
            if (startsNow) {
                fields.put("timeline", "now");
            }
            if (i % 3 == 0) {
                fields.put("budget", "exploring");
            }
            String leadId = submit("newsletter", fields);
            boolean won = startsNow ? i % 5 < 3 : i % 5 == 0;
            outcome(leadId, won ? "won" : "lost");
        }

        JsonNode calibration = get("/v1/admin/reports/calibration", null);

        assertThat(calibration.path("closedLeads").asInt()).isEqualTo(120);
        JsonNode now = rule(calibration, "timeline-now");
        JsonNode exploring = rule(calibration, "budget-exploring");
        assertThat(now.path("currentPoints").asInt()).isEqualTo(20);
        assertThat(now.path("status").asText()).isEqualTo("suggested");
        assertThat(now.path("winRateWhenFired").asDouble()).isEqualTo(0.6);
        assertThat(now.path("suggestedPoints").asInt()).isGreaterThan(exploring.path("suggestedPoints").asInt() + 15);
        assertThat(Math.abs(exploring.path("suggestedPoints").asInt())).isLessThan(15);
        assertThat(services.models().current().model().behaviour().rules()).isNotEmpty();
        assertThat(services.models().refreshNow().number()).as("calibration never changes the model").isZero();
    }

    static JsonNode rule(JsonNode calibration, String id) {
        for (JsonNode rule : calibration.path("rules")) {
            if (rule.path("rule").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id + " in " + calibration);
    }

    APIGatewayV2HTTPResponse raw(AdminHandler handler, String method, String route, Map<String, String> query,
                                 String callerArn) {
        APIGatewayV2HTTPEvent event = AdminRequests.of(method, route, route, null, query, null,
                callerArn == null ? "Bearer " + TestServices.ADMIN_TOKEN : null);
        if (callerArn != null) {
            event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(callerArn).build()).build());
        }
        return handler.handleRequest(event, null);
    }

    @Test
    void leadsPerDayByTierComeFromTheFunnelByDay() throws Exception {
        submit("newsletter", Map.of("email", "a@acme-analytics.io", "timeline", "6m+"));
        submit("demo", Map.of("email", "b@acme-analytics.io", "name", "B", "company", "Acme", "timeline", "now",
                "budget", "approved", "role", "decision_maker"));
        clock.advance(java.time.Duration.ofDays(2));
        submit("newsletter", Map.of("email", "c@acme-analytics.io", "timeline", "6m+"));

        JsonNode byDay = get("/v1/admin/reports/funnel", Map.of("from", "2026-09-01", "to", "2026-09-08", "by", "day"));

        assertThat(byDay.path("by").asText()).isEqualTo("day");
        assertThat(byDay.path("rows")).hasSize(2).as("a day with no lead is left out");
        assertThat(byDay.path("rows").get(0).path("day").asText()).isEqualTo("2026-09-01");
        assertThat(byDay.path("rows").get(0).path("byTier").path("hot").asInt()).isEqualTo(1);
        assertThat(byDay.path("rows").get(0).path("byTier").path("cold").asInt()).isEqualTo(1);
        assertThat(byDay.path("rows").get(1).path("day").asText()).isEqualTo("2026-09-03");
        assertThat(byDay.path("rows").get(1).path("leads").asInt()).isEqualTo(1);
    }

    @Test
    void everyReportComesAsCsvWhenAskedForAndTheFunnelByFormSourceAndCampaign() throws Exception {
        submit("newsletter", Map.of("email", "a@acme-analytics.io", "utm_source", "google", "utm_campaign", "Fall"));
        submit("demo", Map.of("email", "b@acme-analytics.io", "name", "B", "company", "Acme", "timeline", "now"));

        APIGatewayV2HTTPResponse funnel = raw(admin, "GET", "/v1/admin/reports/funnel",
                Map.of("from", "2026-09-01", "to", "2026-10-01", "format", "csv"), null);
        JsonNode bySource = get("/v1/admin/reports/funnel", Map.of("from", "2026-09-01", "to", "2026-10-01", "by", "source"));
        APIGatewayV2HTTPResponse byCampaign = raw(admin, "GET", "/v1/admin/reports/funnel",
                Map.of("from", "2026-09-01", "to", "2026-10-01", "by", "campaign", "format", "csv"), null);
        APIGatewayV2HTTPResponse calibration = raw(admin, "GET", "/v1/admin/reports/calibration", Map.of("format", "csv"), null);
        APIGatewayV2HTTPResponse partMonth = raw(admin, "GET", "/v1/admin/reports/funnel",
                Map.of("from", "2026-09-02", "to", "2026-10-01", "by", "form"), null);

        assertThat(funnel.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8");
        assertThat(funnel.getBody().lines().toList()).hasSize(2);
        assertThat(funnel.getBody().lines().findFirst().orElseThrow()).startsWith("from,to,leads,disqualified,byTier.hot,");
        assertThat(funnel.getBody().lines().skip(1).findFirst().orElseThrow()).startsWith("2026-09-01T00:00:00Z,2026-10-01T00:00:00Z,2,0,");
        assertThat(bySource.path("rows")).hasSize(2);
        assertThat(bySource.path("rows").get(0).path("source").asText()).isEqualTo("(none)");
        assertThat(bySource.path("rows").get(1).path("source").asText()).isEqualTo("google");
        assertThat(byCampaign.getBody().lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList())
                .containsExactly("(none)", "fall");
        assertThat(calibration.getBody().lines().findFirst().orElseThrow()).startsWith("rule,currentPoints,suggestedPoints,");
        assertThat(partMonth.getStatusCode()).as(partMonth.getBody()).isEqualTo(400);
        JsonNode emails = get("/v1/admin/reports/emails", Map.of("from", "2026-09-01", "to", "2026-10-01"));
        assertThat(emails.path("rows").isArray()).isTrue();
    }

    @Test
    void theNurtureReportCountsEachStepsSendsAndDeliveriesFromTheCountersAsJsonAndCsv() throws Exception {
        String leadId = submit("newsletter", Map.of("email", "reader@acme-analytics.io", "consent", "true"));
        clock.advance(Duration.ofDays(1));
        services.dispatcher().dispatchDue(50, Duration.ofSeconds(20));
        io.leadtriage.app.outbox.SentMessage sent = services.storage().messages().sentMessages(leadId).get(0);
        Map<String, List<String>> tags = new HashMap<>();
        mail.caught().stream().filter(c -> c.messageId().equals(sent.messageId())).findFirst().orElseThrow()
                .email().tags().forEach((name, value) -> tags.put(name, List.of(value)));
        io.leadtriage.app.sesevents.SesEvent.Delivery delivery = new io.leadtriage.app.sesevents.SesEvent.Delivery("delivery-1",
                new io.leadtriage.app.sesevents.SentMessage(sent.messageId(), sent.sentAt(), tags), clock.instant());
        services.recordSesEvent().record(delivery);
        services.recordSesEvent().record(delivery);

        Map<String, String> period = Map.of("from", "2026-09-01", "to", "2026-09-08");
        JsonNode report = get("/v1/admin/reports/nurture", period);
        APIGatewayV2HTTPResponse csv = raw(admin, "GET", "/v1/admin/reports/nurture", Map.of("from", "2026-09-01",
                "to", "2026-09-08", "format", "csv"), null);

        assertThat(report.path("rows")).singleElement().satisfies(row -> {
            assertThat(row.path("kind").asText()).isEqualTo("nurture");
            assertThat(row.path("sequence").asText()).isEqualTo(tags.get("sequence").get(0));
            assertThat(row.path("step").asInt()).isEqualTo(1);
            assertThat(row.path("sent").asLong()).isEqualTo(1);
            assertThat(row.path("delivered").asLong()).as("a delivery reported twice").isEqualTo(1);
            assertThat(row.path("clicked").asLong()).isZero();
        });
        assertThat(csv.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8");
        assertThat(csv.getBody().lines().findFirst().orElseThrow())
                .startsWith("kind,sequence,step,sent,delivered,clicked,unsubscribed,bounced,complained,clickRate");
        assertThat(get("/v1/admin/reports/nurture", Map.of("from", "2026-09-03", "to", "2026-09-04")).path("rows")).as("another day").isEmpty();
        assertThat(raw(admin, "GET", "/v1/admin/reports/nurture", Map.of("from", "2026-09-08", "to", "2026-09-01"), null)
                .getStatusCode()).isEqualTo(400);
    }

    @Test
    void theLeadsExportPagesByCursorAndGivesPersonalDataOnlyToTheRolesAllowed() throws Exception {
        for (int i = 0; i < 5; i++) {
            submit("newsletter", Map.of("email", "export" + i + "@acme-analytics.io", "name", "Export " + i));
            clock.advance(Duration.ofDays(9));
        }
        Map<String, String> query = new java.util.HashMap<>(Map.of("from", "2026-09-01", "to", "2026-11-01", "limit", "2",
                "fields", "leadId,createdAt,tier"));
        List<String> rows = new java.util.ArrayList<>();
        for (int page = 0; page < 10; page++) {
            APIGatewayV2HTTPResponse answer = raw(admin, "GET", "/v1/admin/exports/leads", query, null);
            assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
            assertThat(answer.getBody().lines().findFirst().orElseThrow()).isEqualTo("leadId,createdAt,tier");
            answer.getBody().lines().skip(1).forEach(rows::add);
            String next = answer.getHeaders().get("X-Next-Cursor");
            if (next == null) {
                break;
            }
            query.put("cursor", next);
        }
        assertThat(rows).hasSize(5);

        Map<String, String> personal = Map.of("from", "2026-09-01", "to", "2026-11-01", "fields", "leadId,email");
        AdminHandler withReaders = new AdminHandler(services, List.of("arn:aws:sts::123456789012:assumed-role/analyst/*"));
        APIGatewayV2HTTPResponse marketer = raw(withReaders, "GET", "/v1/admin/exports/leads", personal,
                "arn:aws:iam::123456789012:user/marketing");
        APIGatewayV2HTTPResponse analyst = raw(withReaders, "GET", "/v1/admin/exports/leads", personal,
                "arn:aws:sts::123456789012:assumed-role/analyst/jane");
        APIGatewayV2HTTPResponse nobodyListed = raw(new AdminHandler(services, List.of()), "GET", "/v1/admin/exports/leads",
                personal, "arn:aws:sts::123456789012:assumed-role/analyst/jane");

        assertThat(marketer.getStatusCode()).isEqualTo(403);
        assertThat(JSON.readTree(marketer.getBody()).path("error").path("code").asText()).isEqualTo("personal_data_not_allowed");
        assertThat(analyst.getStatusCode()).isEqualTo(200);
        assertThat(analyst.getBody()).contains("export0@acme-analytics.io");
        assertThat(nobodyListed.getStatusCode()).isEqualTo(403);
    }

    @Test
    void aBackfillIsStartedOnceAndShowsHowFarItIs() throws Exception {
        APIGatewayV2HTTPResponse none = raw(admin, "GET", "/v1/admin/reports/backfill", Map.of(), null);
        APIGatewayV2HTTPResponse started = raw(admin, "POST", "/v1/admin/reports/backfill", Map.of(), null);
        APIGatewayV2HTTPResponse again = raw(admin, "POST", "/v1/admin/reports/backfill", Map.of(), null);

        assertThat(none.getStatusCode()).isEqualTo(404);
        assertThat(started.getStatusCode()).isEqualTo(202);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.getBody()).path("started").asBoolean()).isFalse();
        services.countStoredLeads().continueBackfill(io.leadtriage.app.Budget.leads(1000));
        JsonNode done = get("/v1/admin/reports/backfill", Map.of());
        assertThat(done.path("finishedAt").isNull()).isFalse();
        assertThat(done.path("emailsBefore").asText()).as("the email figures' past: before their first day's eve")
                .endsWith("T00:00:00Z");
        assertThat(done.path("countedEmails").isNumber()).isTrue();
    }
}
