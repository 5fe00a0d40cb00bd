package io.leadtriage.admin;

import io.leadtriage.app.tokens.SigningKeys;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.TestModelText;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.handlers.DispositionHandler;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.MailCatcher;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Closed-loop sales alerts: one-click dispositions, escalation after the accept limit, round robin. */
class ClosedLoopAlertsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern DISPOSITION_LINK = Pattern.compile("https?://\\S+/v1/alerts/disposition\\?t=[A-Za-z0-9._-]+");
    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    final MailCatcher mail = new MailCatcher(clock);
    Services services;
    FormHandler forms;

    @BeforeEach
    void start() {
        services = TestServices.create(clock, mail, DynamoBackend.freshTable("closedloop"), TestServices.ADMIN_TOKEN);
        forms = new FormHandler(services);
    }

    String hotLead(FormHandler handler, String name) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("email", name.toLowerCase().replace(' ', '.') + "@northwind-saas.com",
                "name", name, "company", "Northwind", "timeline", "now", "submissionId", UUID.randomUUID().toString()));
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.forForm(Events.withJsonBody(
                Events.load("form-get-started-json.json"), body), "demo"), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return JSON.readTree(response.getBody()).path("leadId").asText();
    }

    List<MailCatcher.CaughtEmail> about(String name) {
        return mail.caught().stream().filter(c -> c.email().subject().contains("Hot lead: " + name)).toList();
    }

    static APIGatewayV2HTTPEvent linkRequest(String url, String method, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setQueryStringParameters(Map.of("t", url.substring(url.indexOf("t=") + 2)));
        event.setHeaders(new HashMap<>(Map.of("content-type", "application/x-www-form-urlencoded")));
        event.setBody(body);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build()).build());
        return event;
    }

    @Test
    void aDispositionIsRecordedOnceFromAPostAndNeverFromAGet() throws Exception {
        String leadId = hotLead(forms, "Dana Dispo");
        String text = about("Dana Dispo").get(0).email().text();
        Matcher link = DISPOSITION_LINK.matcher(text);
        assertThat(link.find()).as("the alert carries the disposition link").isTrue();
        DispositionHandler dispositions = new DispositionHandler(services);

        APIGatewayV2HTTPResponse page = dispositions.handleRequest(linkRequest(link.group(), "GET", null), null);
        dispositions.handleRequest(linkRequest(link.group(), "GET", null), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("value=\"accepted\"", "value=\"existing_customer\"", "Dana Dispo", "Northwind",
                "+30 requested a demo", "Why hot now", "Came in hot with the “Book a demo” form");
        assertThat(page.getHeaders().get("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src"
                + " 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(services.storage().queries().findById(leadId).orElseThrow().sales().disposition()).as("a GET changes nothing").isNull();

        APIGatewayV2HTTPResponse accepted = dispositions.handleRequest(linkRequest(link.group(), "POST", "disposition=accepted"), null);
        APIGatewayV2HTTPResponse again = dispositions.handleRequest(linkRequest(link.group(), "POST", "disposition=wrong_fit"), null);

        assertThat(accepted.getBody()).contains("Recorded: I&#39;m on it").doesNotContain("<button");
        assertThat(again.getBody()).contains("Already recorded: I&#39;m on it");
        APIGatewayV2HTTPResponse reopened = dispositions.handleRequest(linkRequest(link.group(), "GET", null), null);
        assertThat(reopened.getStatusCode()).isEqualTo(200);
        assertThat(reopened.getBody()).as("opened again: the recorded choice, no buttons")
                .contains("Already recorded: I&#39;m on it", "23 Nov 2026, 10:00 UTC", "Dana Dispo")
                .doesNotContain("<button", "<form");
        LeadRecord lead = services.storage().queries().findById(leadId).orElseThrow();
        assertThat(lead.sales().disposition()).isEqualTo("accepted");
        assertThat(services.storage().queries().timeline(leadId)).filteredOn(e -> e.kind().equals("disposition")).hasSize(1);
        assertThat(dispositions.handleRequest(linkRequest(link.group(), "POST", "disposition=maybe"), null).getStatusCode())
                .isEqualTo(400);
        assertThat(lead.sales().rulesAtOutcome()).as("kept as evidence for calibration").contains("demo-request");
    }

    @Test
    void anAlertNobodyAcceptsEscalatesOnceAfterTheLimit() throws Exception {
        hotLead(forms, "Ezra Escalate");
        clock.advance(Duration.ofMinutes(14));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(5));
        assertThat(about("Ezra Escalate")).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(5));
        clock.advance(Duration.ofHours(2));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(5));

        List<MailCatcher.CaughtEmail> emails = about("Ezra Escalate");
        assertThat(emails).hasSize(2);
        assertThat(emails.get(1).email().subject()).startsWith("Not accepted yet · Hot lead: Ezra Escalate");
        assertThat(emails.get(1).email().to()).containsExactly("sales@leadtriage.example");
    }

    @Test
    void anAlertAcceptedInTimeDoesNotEscalate() throws Exception {
        hotLead(forms, "Ada Accept");
        Matcher link = DISPOSITION_LINK.matcher(about("Ada Accept").get(0).email().text());
        assertThat(link.find()).isTrue();
        clock.advance(Duration.ofMinutes(5));
        new DispositionHandler(services).handleRequest(linkRequest(link.group(), "POST", "disposition=accepted"), null);

        clock.advance(Duration.ofHours(1));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(5));

        assertThat(about("Ada Accept")).hasSize(1);
    }

    @Test
    void roundRobinSpreadsThirtyConcurrentHotLeadsEvenlyOverThreeReps(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, TestModelText.replaceOnce(TestModelText.defaultText(), "  routes: []\n", """
                  routes:
                    - id: saas-team
                      when: [{ field: company, in: [Northwind] }]
                      to: [anna@yourcompany.com, ben@yourcompany.com, cara@yourcompany.com]
                      rotate: true
                """));
        AppConfig config = new AppConfig(DynamoBackend.freshTable("roundrobin"), List.of(TestServices.ORIGIN),
                SigningKeys.of(TestServices.SIGNING_KEY), "us-east-1", model.toString(),
                EmailSettings.local("https://api.leadtriage.example"), List.of(), null, AbuseLimits.NONE, HumanCheckSettings.NONE, TestServices.EMAIL_INDEX_KEY);
        Services rotating = new Services(config, clock, DynamoBackend.client(), mail);
        FormHandler rotatingForms = new FormHandler(rotating);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> leads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String name = "Robin " + i;
            leads.add(pool.submit(() -> {
                go.await();
                return hotLead(rotatingForms, name);
            }));
        }
        go.countDown();
        for (Future<String> lead : leads) {
            lead.get();
        }
        pool.shutdown();

        Map<String, Long> perRep = mail.caught().stream().filter(c -> c.email().subject().startsWith("Hot lead: Robin"))
                .collect(Collectors.groupingBy(c -> String.join(",", c.email().to()), Collectors.counting()));
        assertThat(perRep).containsOnly(Map.entry("anna@yourcompany.com", 10L), Map.entry("ben@yourcompany.com", 10L),
                Map.entry("cara@yourcompany.com", 10L));
    }
}
