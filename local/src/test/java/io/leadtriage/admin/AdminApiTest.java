package io.leadtriage.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.TestModelText;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.handlers.AdminHandler;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.testing.AdminRequests;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.testing.FormPosts;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin routes against DynamoDB Local, each test class on a table of its own. */
class AdminApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-10-20T10:00:00Z"));
    final MailCatcher mail = new MailCatcher(clock);
    String table;
    Services services;
    FormHandler forms;
    AdminHandler admin;

    @BeforeEach
    void start() {
        table = DynamoBackend.freshTable("admin");
        services = TestServices.create(clock, mail, table, TestServices.ADMIN_TOKEN);
        forms = new FormHandler(services);
        admin = new AdminHandler(services);
    }

    String submit(String formId, Map<String, Object> fields) {
        return FormPosts.submit(forms, formId, fields);
    }

    JsonNode call(String method, String routePath, String rawPath, Map<String, String> path, Map<String, String> query,
                  String body, int expectedStatus) throws Exception {
        return AdminRequests.call(admin, method, routePath, rawPath, path, query, body, expectedStatus);
    }

    JsonNode template(String action, String template, String body, int status) throws Exception {
        String route = "/v1/admin/config/templates/{template}" + (action.isEmpty() ? "" : "/" + action);
        return call(action.isEmpty() ? "PUT" : "POST", route, route.replace("{template}", template),
                Map.of("template", template), null, body, status);
    }

    @Test
    void aTemplateIsPreviewedTestedAndSavedWithAStableCodeForEachRefusal() throws Exception {
        JsonNode config = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200);
        assertThat(config.path("sequences").get(0).path("steps").get(0).path("template").asText()).isNotEmpty();
        assertThat(config.path("templates").path("welcome").path("subject").asText()).isNotEmpty();
        String edit = "{\"subject\":\"Hi {{firstName}}\",\"html\":\"<p>Hi</p>\",\"text\":\"Hi\",\"sample\":\"sam\"";

        assertThat(template("preview", "welcome", edit + "}", 200).path("subject").asText()).isEqualTo("Hi Sam");
        assertThat(template("preview", "no-such", edit + "}", 404).path("error").path("code").asText())
                .isEqualTo("unknown_template");
        JsonNode invalid = template("preview", "welcome", edit.replace("<p>Hi</p>", "<p>{{{name}}}</p>") + "}", 400);
        assertThat(invalid.path("error").path("code").asText()).isEqualTo("invalid_template");
        assertThat(invalid.path("error").path("fields").path("html").asText()).contains("not allowed in html");
        assertThat(template("preview", "welcome", "[1]", 400).path("error").path("code").asText()).isEqualTo("invalid_field");
        assertThat(template("test-send", "welcome", edit + ",\"to\":\"someone@elsewhere.example\"}", 403)
                .path("error").path("code").asText()).isEqualTo("recipient_not_allowed");
        template("test-send", "welcome", edit + ",\"to\":\"sales@leadtriage.example\"}", 202);
        assertThat(template("", "welcome", edit + ",\"version\":\"7\"}", 409).path("error").path("code").asText())
                .isEqualTo("version_conflict");
        assertThat(template("", "welcome", edit + ",\"version\":\"0\"}", 200).path("version").asLong()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "no credentials, 401",
            "a wrong token, 401",
            "a token in the wrong scheme, 401",
            "the admin token, 200",
            "an IAM-signed request, 200",
    })
    void onlySignedOrTokenBearingRequestsGetIn(String who, int status) {
        String authorization = switch (who) {
            case "a wrong token" -> "Bearer not-the-token";
            case "a token in the wrong scheme" -> "Basic " + TestServices.ADMIN_TOKEN;
            case "the admin token" -> "Bearer " + TestServices.ADMIN_TOKEN;
            default -> null;
        };
        APIGatewayV2HTTPEvent event = AdminRequests.of("GET", "/v1/admin/leads", "/v1/admin/leads", null, null, null, authorization);
        if (who.equals("an IAM-signed request")) {
            event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                            .withUserArn("arn:aws:iam::123456789012:user/marketing").build()).build());
        }
        assertThat(admin.handleRequest(event, null).getStatusCode()).isEqualTo(status);
    }

    @Test
    void withoutAnAdminTokenConfiguredEveryBearerIsRefused() {
        AdminHandler noToken = new AdminHandler(TestServices.create(clock, new MailCatcher(clock), table, null));
        APIGatewayV2HTTPEvent event = AdminRequests.of("GET", "/v1/admin/leads", "/v1/admin/leads", null, null, null, "Bearer ");
        assertThat(noToken.handleRequest(event, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void aPathOutsideTheAdminSetIsRefused() throws Exception {
        assertThat(admin.handleRequest(AdminRequests.of("GET", "/v1/admin/secrets", "/v1/admin/secrets", null, null, null, null), null)
                .getStatusCode()).isEqualTo(401);
        call("GET", "/v1/admin/secrets", "/v1/admin/secrets", null, null, null, 404);
        call("DELETE", "/v1/admin/config", "/v1/admin/config", null, null, null, 404);
    }

    @Test
    void leadsPageNewestFirstAcrossMonthsWithAnOpaqueCursor() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(0, submit("newsletter", Map.of("email", "page" + i + "@acme-analytics.io", "timeline", i % 2 == 0 ? "now" : "6m+")));
            clock.advance(Duration.ofDays(9));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "3"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = call("GET", "/v1/admin/leads", "/v1/admin/leads", null, query, null, 200);
            page.path("leads").forEach(l -> seen.add(l.path("leadId").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(seen).containsExactlyElementsOf(created);
        JsonNode warm = call("GET", "/v1/admin/leads", "/v1/admin/leads", null, Map.of("tier", "warm", "limit", "10"), null, 200);
        assertThat(warm.path("leads")).hasSize(4).allMatch(l -> l.path("tier").asText().equals("warm"));
        JsonNode mql = call("GET", "/v1/admin/leads", "/v1/admin/leads", null, Map.of("stage", "mql"), null, 200);
        assertThat(mql.path("leads")).hasSize(4);
        call("GET", "/v1/admin/leads", "/v1/admin/leads", null, Map.of("cursor", "not-a-cursor"), null, 400);
        call("GET", "/v1/admin/leads", "/v1/admin/leads", null, Map.of("tier", "lukewarm"), null, 400);
        call("GET", "/v1/admin/leads", "/v1/admin/leads", null, Map.of("limit", "1000"), null, 400);
    }

    @Test
    void leadsAreFilteredByFormSourceCampaignAndFirstTouch() throws Exception {
        String early = submit("newsletter", Map.of("email", "early@acme-analytics.io", "utm_source", "LinkedIn",
                "utm_campaign", "Spring Launch"));
        String firstDay = clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        clock.advance(Duration.ofDays(2));
        String demo = submit("demo", Map.of("email", "demo@acme-analytics.io", "name", "Dee Mo", "company", "Acme",
                "utm_source", "linkedin"));
        String untracked = submit("newsletter", Map.of("email", "plain@acme-analytics.io"));

        assertThat(ids(Map.of("source", "linkedin"))).containsExactly(demo, early);
        assertThat(ids(Map.of("source", "linkedin", "form", "demo"))).containsExactly(demo);
        assertThat(ids(Map.of("campaign", "spring-launch"))).containsExactly(early);
        assertThat(ids(Map.of("source", "(none)", "form", "newsletter"))).containsExactly(untracked);
        assertThat(ids(Map.of("from", firstDay, "to", java.time.LocalDate.parse(firstDay).plusDays(1).toString())))
                .as("first touch in [from, to)").containsExactly(early);
        call("GET", "/v1/admin/leads", "/v1/admin/leads", null, Map.of("from", "last tuesday"), null, 400);
    }

    private List<String> ids(Map<String, String> query) throws Exception {
        List<String> ids = new ArrayList<>();
        call("GET", "/v1/admin/leads", "/v1/admin/leads", null, query, null, 200).path("leads")
                .forEach(l -> ids.add(l.path("leadId").asText()));
        return ids;
    }

    @Test
    void theLeadViewHasProfileScoreBreakdownTimelineAndEmails() throws Exception {
        String leadId = submit("demo", Map.of("email", "view@northwind-saas.com", "name", "Vic View", "company", "Northwind",
                "timeline", "now", "consent", true));
        JsonNode lead = call("GET", "/v1/admin/leads/{leadId}", "/v1/admin/leads/" + leadId, Map.of("leadId", leadId), null, null, 200);

        assertThat(lead.path("profile").path("company").asText()).isEqualTo("Northwind");
        assertThat(lead.path("score").asInt()).isEqualTo(50);
        assertThat(lead.path("breakdown").findValuesAsText("line")).contains("+30 requested a demo", "+20 wants to start now");
        assertThat(lead.path("timeline").findValuesAsText("kind")).contains("form_submitted", "tier_changed", "email_sent");
        assertThat(lead.path("emails").get(0).path("kind").asText()).isEqualTo("sales_alert");
        assertThat(lead.path("sales").path("firstAlertSentAt").asText()).isNotBlank();
        call("GET", "/v1/admin/leads/{leadId}", "/v1/admin/leads/nope", Map.of("leadId", "nope"), null, null, 404);
    }

    @Test
    void outcomesAreRecordedWithTheirTime() throws Exception {
        String leadId = submit("demo", Map.of("email", "won@northwind-saas.com", "name", "Wyn", "company", "Northwind"));
        clock.advance(Duration.ofDays(3));
        call("POST", "/v1/admin/leads/{leadId}/outcome", "/v1/admin/leads/" + leadId + "/outcome", Map.of("leadId", leadId),
                null, "{\"outcome\":\"opportunity\"}", 200);
        clock.advance(Duration.ofDays(20));
        JsonNode sales = call("POST", "/v1/admin/leads/{leadId}/outcome", "/v1/admin/leads/" + leadId + "/outcome",
                Map.of("leadId", leadId), null, "{\"outcome\":\"won\"}", 200);

        assertThat(sales.path("opportunityAt").asText()).isEqualTo("2026-10-23T10:00:00Z");
        assertThat(sales.path("wonAt").asText()).isEqualTo("2026-11-12T10:00:00Z");
        call("POST", "/v1/admin/leads/{leadId}/outcome", "/v1/admin/leads/" + leadId + "/outcome", Map.of("leadId", leadId),
                null, "{\"outcome\":\"maybe\"}", 400);
    }

    @Test
    void erasureLeavesNoItemWithTheLeadsEmailOrNameAndKillsItsTokens() throws Exception {
        String email = "erase.me@northwind-saas.com";
        String leadId = submit("demo", Map.of("email", email, "name", "Erin Erasable", "company", "Northwind",
                "timeline", "now", "consent", true, "challenge", "Erin Erasable needs help with leads"));
        submit("newsletter", Map.of("email", email));
        String token = services.tokens().issue(TokenPurpose.FORM, leadId, Duration.ofDays(1));
        assertThat(itemsMentioning(email, "Erin Erasable")).isNotEmpty();

        call("DELETE", "/v1/admin/leads/{leadId}", "/v1/admin/leads/" + leadId, Map.of("leadId", leadId), null, null, 200);

        assertThat(itemsMentioning(email, "Erin Erasable")).isEmpty();
        // Only the short-lived idempotency markers and unverified submissions' pointers still name the lead's id (no
        // personal data; expiring in 7 days), and the erasure's announcement, lead.erased (ids only), until published.
        List<Map<String, AttributeValue>> naming = itemsMentioning(leadId, leadId);
        assertThat(naming).filteredOn(item -> item.get("type").s().equals("outbox")).singleElement()
                .satisfies(item -> assertThat(item.get("outboxId").s()).endsWith("-lead.erased"));
        assertThat(naming).filteredOn(item -> !item.get("type").s().equals("outbox")).allSatisfy(item -> {
            assertThat(item.get("type").s()).isIn("once", "unverified");
            assertThat(Long.parseLong(item.get("expiresAt").n())).isLessThanOrEqualTo(
                    clock.instant().plus(Duration.ofDays(7)).getEpochSecond());
        });
        Map<String, Object> step2 = new HashMap<>(Map.of("_token", token, "company", "Back", "companySize", "1-10"));
        APIGatewayV2HTTPResponse afterwards = forms.handleRequest(Events.withJsonBody(Events.load("form-get-started-step2.json"),
                step2), null);
        assertThat(afterwards.getStatusCode()).isEqualTo(403);
        assertThat(DynamoBackend.client().getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("STATS"),
                "sk", AttributeValue.fromS("ERASURES")))).item().get("erased").n()).isEqualTo("1");
        call("DELETE", "/v1/admin/leads/{leadId}", "/v1/admin/leads/" + leadId, Map.of("leadId", leadId), null, null, 404);
    }

    /** Scans the whole table (a test may): items any of whose values contains one of the strings. */
    List<Map<String, AttributeValue>> itemsMentioning(String... needles) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        DynamoBackend.client().scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
            String text = item.toString().toLowerCase();
            for (String needle : needles) {
                if (text.contains(needle.toLowerCase())) {
                    found.add(item);
                    return;
                }
            }
        });
        return found;
    }

    @Test
    void aModelPutIsValidatedVersionedAndInEffect() throws Exception {
        JsonNode shipped = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200);
        assertThat(shipped.path("version").asLong()).isZero();
        assertThat(shipped.path("source").asText()).as("the services started with a model file").isEqualTo("file");
        assertThat(shipped.path("file").asText()).isEqualTo(TestModelText.file());
        String yaml = shipped.path("yaml").asText();
        assertThat(yaml).contains("reason: requested a demo");

        JsonNode refused = call("PUT", "/v1/admin/config", "/v1/admin/config", null, null, yaml
                .replace("    points: 20\n    reason: wants to start now", "    points: lots\n    reason: wants to start now")
                .replace("warm: { min: 20, max: 49 }", "warm: { min: 20, max: 45 }")
                .replace("- { after: P3D, template: customer-story }", "- { after: P3D, template: customer-stroy }"), 400);
        assertThat(refused.path("error").path("code").asText()).isEqualTo("invalid_model");
        assertThat(refused.path("error").path("problems")).extracting(JsonNode::asText).satisfiesExactly(
                p -> assertThat(p).matches("line \\d+, column \\d+: tiers: gap between warm \\(max 45\\) and hot \\(min 50\\).*"),
                p -> assertThat(p).matches("line \\d+, column \\d+: fit\\[timeline-now]\\.points: expected a whole number"),
                p -> assertThat(p).matches("line \\d+, column \\d+: nurture\\.sequences\\[warm]\\.steps\\[1]\\.template: no template named 'customer-stroy'.*"));
        assertThat(call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("version").asLong()).isZero();

        JsonNode same = call("PUT", "/v1/admin/config", "/v1/admin/config", null, null, yaml, 200);
        assertThat(same.path("unchanged").asBoolean()).as("the model in effect, put again").isTrue();
        assertThat(same.path("version").asLong()).isZero();
        assertThat(call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("history")).isEmpty();

        String edited = TestModelText.replaceOnce(yaml, "    - signal: demo_request\n      points: 30",
                "    - signal: demo_request\n      points: 40");
        JsonNode stored = call("PUT", "/v1/admin/config", "/v1/admin/config", null, null, edited, 200);
        assertThat(stored.path("version").asLong()).isEqualTo(1);
        assertThat(stored.path("unchanged").asBoolean()).isFalse();
        String leadId = submit("demo", Map.of("email", "after.put@acme-analytics.io", "name", "Al", "company", "Acme"));
        assertThat(services.storage().queries().findById(leadId).orElseThrow().qualification().score()).isEqualTo(40);
        Services anotherContainer = TestServices.create(clock, new MailCatcher(clock), table, TestServices.ADMIN_TOKEN);
        assertThat(anotherContainer.models().refreshIfDue().number()).isEqualTo(1);

        JsonNode current = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200);
        assertThat(current.path("version").asLong()).isEqualTo(1);
        assertThat(current.path("source").asText()).isEqualTo("stored");
        assertThat(current.path("yaml").asText()).isEqualTo(edited);
        assertThat(current.path("history")).hasSize(1);

        APIGatewayV2HTTPEvent retried = AdminRequests.of("PUT", "/v1/admin/config", "/v1/admin/config", null, null, edited,
                "Bearer " + TestServices.ADMIN_TOKEN);
        retried.getHeaders().put("if-match", "0");
        APIGatewayV2HTTPResponse retriedAnswer = admin.handleRequest(retried, null);
        assertThat(retriedAnswer.getStatusCode()).as("a retried PUT whose answer was lost").isEqualTo(200);
        assertThat(retriedAnswer.getBody()).contains("\"unchanged\":true", "\"version\":1");

        APIGatewayV2HTTPEvent stale = AdminRequests.of("PUT", "/v1/admin/config", "/v1/admin/config", null, null,
                edited.replace("points: 40", "points: 45"), "Bearer " + TestServices.ADMIN_TOKEN);
        stale.getHeaders().put("if-match", "0");
        assertThat(admin.handleRequest(stale, null).getStatusCode()).isEqualTo(409);
        Set<Long> versions = new HashSet<>();
        call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("history")
                .forEach(v -> versions.add(v.path("version").asLong()));
        assertThat(versions).containsExactly(1L);
    }

    @Test
    void theLargestModelTheApiTakesIsStoredInTheTableAndALargerOneIsRefusedBeforeAnyCheck() throws Exception {
        String yaml = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("yaml").asText();
        String text = yaml.endsWith("\n") ? yaml : yaml + "\n";
        // Padded with comment lines, which leave the model as it is, to the limit's last byte.
        int missing = AdminHandler.MAX_MODEL_BYTES - text.getBytes(StandardCharsets.UTF_8).length;
        String line = "# a marketer's notes " + "n".repeat(79) + "\n";
        String largest = text + line.repeat(missing / line.length())
                + (missing % line.length() == 0 ? "" : "#" + "n".repeat(missing % line.length() - 1));
        assertThat(largest.getBytes(StandardCharsets.UTF_8)).hasSize(AdminHandler.MAX_MODEL_BYTES);

        JsonNode stored = call("PUT", "/v1/admin/config", "/v1/admin/config", null, null, largest, 200);
        assertThat(stored.path("version").asLong()).as("stored on DynamoDB Local, its prepared form left out").isEqualTo(1);
        assertThat(services.storage().models().version(1).orElseThrow().prepared()).isNull();
        Services anotherContainer = TestServices.create(clock, new MailCatcher(clock), table, TestServices.ADMIN_TOKEN);
        assertThat(anotherContainer.models().refreshIfDue().number()).as("read from its YAML").isEqualTo(1);

        JsonNode refused = call("PUT", "/v1/admin/config", "/v1/admin/config", null, null, largest + "#", 413);
        assertThat(refused.path("error").path("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void aDryRunCountsWhatACandidateModelWouldChangeAndWritesNothing() throws Exception {
        String yaml = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("yaml").asText();
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            warm.add(submit("newsletter", Map.of("email", "warm" + i + "@acme-analytics.io", "timeline", "now")));
            submit("newsletter", Map.of("email", "cold" + i + "@acme-analytics.io", "timeline", "6m+"));
        }
        String candidate = TestModelText.replaceOnce(yaml, "    points: 20\n    reason: wants to start now",
                "    points: 45\n    reason: wants to start now");
        Map<String, Long> versions = new HashMap<>();
        services.storage().queries().everyLead(100, null, true).leads().forEach(l -> versions.put(l.id(), l.version()));

        JsonNode tally = call("POST", "/v1/admin/config/dry-run", "/v1/admin/config/dry-run", null, null, candidate, 200);

        assertThat(tally.path("complete").asBoolean()).isTrue();
        assertThat(tally.path("cursor").isNull()).isTrue();
        assertThat(tally.path("examined").asLong()).isEqualTo(6);
        assertThat(tally.path("tierChanges").asLong()).isEqualTo(3);
        assertThat(tally.path("stageChanges").asLong()).isZero();
        assertThat(tally.path("tiers").path("warm→hot").asLong()).isEqualTo(3);
        assertThat(tally.path("examples")).hasSize(3).allSatisfy(example -> {
            assertThat(warm).contains(example.path("leadId").asText());
            assertThat(example.path("score").path("inEffect").asInt()).isEqualTo(25);
            assertThat(example.path("score").path("candidate").asInt()).isEqualTo(50);
            assertThat(example.path("tier").path("candidate").asText()).isEqualTo("hot");
            assertThat(example.path("reasons").get(0).path("rule").asText()).isEqualTo("timeline-now");
        });
        services.storage().queries().everyLead(100, null, true).leads()
                .forEach(l -> assertThat(l.version()).as("nothing written").isEqualTo(versions.get(l.id())));
        assertThat(call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("version").asLong()).isZero();

        JsonNode refused = call("POST", "/v1/admin/config/dry-run", "/v1/admin/config/dry-run", null,
                Map.of("cursor", "not-a-cursor"), candidate, 400);
        assertThat(refused.path("error").path("fields").path("cursor").asText()).startsWith("is not a cursor");
        assertThat(call("POST", "/v1/admin/config/dry-run", "/v1/admin/config/dry-run", null, null,
                candidate.replace("points: 45", "points: lots"), 400).path("error").path("code").asText()).isEqualTo("invalid_model");
    }

    @Test
    void theModelAsAFormChangesADraftAndNamesEachProblemAtItsField() throws Exception {
        String yaml = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("yaml").asText();
        JsonNode read = call("POST", "/v1/admin/config/form", "/v1/admin/config/form", null, null,
                JSON.writeValueAsString(Map.of("yaml", yaml)), 200);
        assertThat(read.path("yaml").asText()).isEqualTo(yaml);
        assertThat(read.path("form").path("fit").get(0).path("path").asText()).startsWith("fit[");
        assertThat(read.path("form").path("tiers").get(0).path("min").asInt()).isEqualTo(50);

        JsonNode edited = call("POST", "/v1/admin/config/form", "/v1/admin/config/form", null, null,
                JSON.writeValueAsString(Map.of("yaml", yaml, "set", Map.of("fit[timeline-now].points", "45"))), 200);
        assertThat(edited.path("yaml").asText()).isEqualTo(TestModelText.replaceOnce(yaml,
                "    points: 20\n    reason: wants to start now", "    points: 45\n    reason: wants to start now"));

        JsonNode refused = call("POST", "/v1/admin/config/form", "/v1/admin/config/form", null, null,
                JSON.writeValueAsString(Map.of("yaml", yaml, "set", Map.of("fit[timeline-now].points", "lots"))), 400);
        assertThat(refused.path("error").path("code").asText()).isEqualTo("invalid_model");
        assertThat(refused.path("error").path("details").get(0).path("path").asText()).isEqualTo("fit[timeline-now].points");
        assertThat(refused.path("error").path("details").get(0).path("code").asText()).isEqualTo("wrong_type");
        assertThat(call("POST", "/v1/admin/config/form", "/v1/admin/config/form", null, null, "{\"set\": 1}", 400)
                .path("error").path("code").asText()).isEqualTo("invalid_field");
    }

    @Test
    void aRollbackStoresAnEarlierVersionAgainAsTheNextOne() throws Exception {
        String yaml = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("yaml").asText();
        String changed = TestModelText.replaceOnce(yaml, "    points: 20\n    reason: wants to start now",
                "    points: 45\n    reason: wants to start now");
        call("PUT", "/v1/admin/config", "/v1/admin/config", null, null, changed, 200);

        JsonNode version = call("GET", "/v1/admin/config/versions/{version}", "/v1/admin/config/versions/0",
                Map.of("version", "0"), null, null, 200);
        JsonNode rolledBack = call("POST", "/v1/admin/config/versions/{version}/rollback",
                "/v1/admin/config/versions/0/rollback", Map.of("version", "0"), null, null, 200);

        assertThat(version.path("yaml").asText()).isEqualTo(yaml);
        assertThat(rolledBack.path("version").asLong()).isEqualTo(2);
        JsonNode config = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200);
        assertThat(config.path("yaml").asText()).isEqualTo(yaml);
        assertThat(config.path("history")).hasSize(2);
        assertThat(call("GET", "/v1/admin/config/versions/{version}", "/v1/admin/config/versions/1",
                Map.of("version", "1"), null, null, 200).path("yaml").asText()).isEqualTo(changed);
        assertThat(call("GET", "/v1/admin/config/versions/{version}", "/v1/admin/config/versions/7",
                Map.of("version", "7"), null, null, 404).path("error").path("code").asText()).isEqualTo("not_found");
        assertThat(call("POST", "/v1/admin/config/versions/{version}/rollback", "/v1/admin/config/versions/x/rollback",
                Map.of("version", "x"), null, null, 400).path("error").path("fields").path("version").asText())
                .startsWith("must be a version number");
    }

    @Test
    void theLeadViewsShowTheScoreAsOfNowBesideTheStoredOne() throws Exception {
        String leadId = submit("demo", Map.of("email", "quiet@acme-analytics.io", "name", "Quinn", "company", "Acme",
                "timeline", "now"));
        clock.advance(Duration.ofDays(29));

        JsonNode view = call("GET", "/v1/admin/leads/{leadId}", "/v1/admin/leads/" + leadId, Map.of("leadId", leadId), null, null, 200);
        JsonNode listed = call("GET", "/v1/admin/leads", "/v1/admin/leads", null, null, null, 200).path("leads").get(0);

        for (JsonNode lead : List.of(view, listed)) {
            assertThat(lead.path("score").asInt()).isEqualTo(35);
            assertThat(lead.path("tier").asText()).isEqualTo("warm");
            assertThat(lead.path("stored").path("score").asInt()).isEqualTo(50);
            assertThat(lead.path("stored").path("tier").asText()).isEqualTo("hot");
        }
        assertThat(view.path("sinceStored")).hasSize(1);
        assertThat(view.path("sinceStored").get(0).path("stored").asInt()).isEqualTo(30);
        assertThat(view.path("sinceStored").get(0).path("now").asInt()).isEqualTo(15);
    }

    @ParameterizedTest(name = "alertNewlyHot={0}")
    @CsvSource({"false", "true"})
    void aPutModelRescoresTheStoredLeadsWithItsProgressShownAndAlertsOnlyTheNewlyHotWhenAsked(boolean alertNewlyHot) throws Exception {
        String yaml = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("yaml").asText();
        String hot = submit("demo", Map.of("email", "hot@acme-analytics.io", "name", "Ann Hot", "company", "Acme", "timeline", "now"));
        for (int i = 0; i < 2; i++) {
            submit("newsletter", Map.of("email", "warm" + i + "@acme-analytics.io", "name", "Wes Warm", "timeline", "now"));
            submit("newsletter", Map.of("email", "cold" + i + "@acme-analytics.io", "timeline", "6m+"));
        }
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        long alertsBefore = alerts();
        String candidate = TestModelText.replaceOnce(yaml, "    points: 20\n    reason: wants to start now",
                "    points: 45\n    reason: wants to start now");

        JsonNode put = call("PUT", "/v1/admin/config", "/v1/admin/config", null,
                alertNewlyHot ? Map.of("alertNewlyHot", "true") : null, candidate, 200);
        assertThat(put.path("rescoring").path("alertNewlyHot").asBoolean()).isEqualTo(alertNewlyHot);
        JsonNode before = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("rescoring");
        assertThat(before.path("finished").asBoolean()).isFalse();
        assertThat(before.path("examined").asLong()).isZero();

        services.rescoreLeads().continueRescoring(io.leadtriage.app.Budget.leads(1_000)).orElseThrow();
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));

        JsonNode after = call("GET", "/v1/admin/config", "/v1/admin/config", null, null, null, 200).path("rescoring");
        assertThat(after.path("version").asLong()).isEqualTo(1);
        assertThat(after.path("alertNewlyHot").asBoolean()).isEqualTo(alertNewlyHot);
        assertThat(after.path("finished").asBoolean()).isTrue();
        assertThat(after.path("examined").asLong()).isEqualTo(5);
        assertThat(after.path("changed").asLong()).as("the hot lead's score and the warm leads' tier").isEqualTo(3);
        assertThat(after.path("newlyHot").asLong()).isEqualTo(2);
        assertThat(alerts() - alertsBefore).as("alerts about the newly hot leads, and only when asked")
                .isEqualTo(alertNewlyHot ? 2 : 0);
        assertThat(mail.caught()).filteredOn(c -> c.email().subject().startsWith("Hot lead: Ann Hot")).hasSize(1);
        assertThat(call("GET", "/v1/admin/leads/{leadId}", "/v1/admin/leads/" + hot, Map.of("leadId", hot), null, null, 200)
                .path("stored").path("score").asInt()).isEqualTo(75);
    }

    private long alerts() {
        return mail.caught().stream().filter(c -> c.email().subject().startsWith("Hot lead: ")).count();
    }
}
