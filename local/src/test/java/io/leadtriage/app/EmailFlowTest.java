package io.leadtriage.app;

import io.leadtriage.local.LocalClients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.domain.Tier;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.handlers.SesEventHandler;
import io.leadtriage.handlers.UnsubscribeHandler;
import io.leadtriage.local.StoredEmail;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.testing.SesBackend;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emails, end to end: form → DynamoDB Local → outbox → SES adapter → the SES v2 emulator, and SES
 * events back. Sales alerts once per hot episode, also under retries, races and an SES outage; nurture
 * steps on a test clock, stopping when the lead turns hot, unsubscribes, bounces or complains; clicks
 * that rescore, and link-scanner clicks that do not.
 */
class EmailFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SALES = "sales@leadtriage.example";

    final AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
    /** SES that can be taken down: an outage is a real connection refused, not a mock. */
    final SwitchableSes ses = new SwitchableSes();
    Services services;
    FormHandler forms;

    @BeforeEach
    void start() {
        SesBackend.shared().clear();
        services = TestServices.create(clock, ses);
        forms = new FormHandler(services);
    }

    static final class SwitchableSes implements EmailSender {
        final EmailSender up = new SesV2EmailSender(SesBackend.shared().client(), null);
        final EmailSender down = new SesV2EmailSender(LocalClients.ses(URI.create("http://127.0.0.1:9")), null);
        volatile boolean available = true;
        /** Simulates a process that dies right after SES accepted a message, before recording it. */
        volatile boolean crashAfterNextSend;

        @Override
        public String send(OutgoingEmail email) {
            String messageId = (available ? up : down).send(email);
            if (crashAfterNextSend) {
                crashAfterNextSend = false;
                throw new IllegalStateException("the function died after SES accepted the message");
            }
            return messageId;
        }
    }

    static String email(String who) {
        return who + "+" + UUID.randomUUID().toString().substring(0, 8) + "@northwind-saas.com";
    }

    APIGatewayV2HTTPResponse post(String formId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("submissionId", UUID.randomUUID().toString());
        return forms.handleRequest(Events.forForm(Events.withJsonBody(Events.load("form-get-started-json.json"), body),
                formId), null);
    }

    static Map<String, Object> hotDemo(String email) {
        return Map.of("email", email, "name", "Priya Shah", "company", "Northwind", "jobTitle", "VP Marketing",
                "budget", "approved", "timeline", "now", "challenge", "Our SDRs follow up too slowly on hot leads",
                "consent", true);
    }

    static Map<String, Object> warmNewsletter(String email) {
        return Map.of("email", email, "name", "Sam Lee", "timeline", "now", "consent", true);
    }

    String leadIdOf(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody()).path("leadId").asText();
    }

    static List<StoredEmail> emailsTo(String address) {
        return SesBackend.shared().sentEmails().stream().filter(e -> e.to().contains(address)).toList();
    }

    static List<StoredEmail> alertsAbout(String name) {
        return emailsTo(SALES).stream().filter(e -> e.subject().startsWith("Hot lead: " + name)).toList();
    }

    @Test
    void aLeadTurningHotAlertsSalesOnceAlsoWhenTheRequestIsRetried() throws Exception {
        String email = email("priya");
        Map<String, Object> fields = new HashMap<>(hotDemo(email));
        fields.put("submissionId", UUID.randomUUID().toString());

        APIGatewayV2HTTPResponse first = post("demo", fields);
        APIGatewayV2HTTPResponse retried = post("demo", fields);
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(retried.getStatusCode()).isEqualTo(201);
        List<StoredEmail> alerts = alertsAbout("Priya Shah");
        assertThat(alerts).hasSize(1);
        StoredEmail alert = alerts.get(0);
        assertThat(alert.subject()).matches("Hot lead: Priya Shah \\(Northwind\\) · \\d+");
        assertThat(alert.replyTo()).containsExactly(email);
        assertThat(alert.text()).contains("+30 requested a demo", "Our SDRs follow up too slowly");
        assertThat(alert.html()).contains("VP Marketing");
        assertThat(emailsTo(email)).as("a hot lead gets no nurture").isEmpty();
    }

    @Test
    void anSesOutageThenRecoveryDeliversTheAlertExactlyOnceEvenWithTwoDispatchersRacing() throws Exception {
        ses.available = false;
        APIGatewayV2HTTPResponse response = post("demo", hotDemo(email("outage")));
        assertThat(response.getStatusCode()).as("the lead is accepted while SES is down").isEqualTo(201);
        assertThat(alertsAbout("Priya Shah")).isEmpty();
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(alertsAbout("Priya Shah")).as("not due again yet: backing off").isEmpty();

        ses.available = true;
        clock.advance(Duration.ofMinutes(5));
        Services secondContainer = TestServices.create(clock, ses);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = List.of(
                pool.submit(() -> { go.await(); return services.dispatcher().dispatchDue(100, Duration.ofSeconds(10)); }),
                pool.submit(() -> { go.await(); return secondContainer.dispatcher().dispatchDue(100, Duration.ofSeconds(10)); }));
        go.countDown();
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        clock.advance(Duration.ofMinutes(5));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));

        assertThat(alertsAbout("Priya Shah")).hasSize(1);
        assertThat(services.storage().queries().timeline(leadIdOf(response))).extracting(TimelineEntry::detail)
                .contains("sales alert for hot episode 1", "sales alert sent to 1 recipient(s)");
    }

    @Test
    void aCrashBetweenSesAcceptingAndTheOutboxRecordingCostsAtMostOneDuplicate() throws Exception {
        ses.crashAfterNextSend = true;
        APIGatewayV2HTTPResponse response = post("demo", hotDemo(email("crash")));
        assertThat(response.getStatusCode()).as("the lead is stored whatever happens to the alert").isEqualTo(201);
        assertThat(alertsAbout("Priya Shah")).hasSize(1);

        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(alertsAbout("Priya Shah")).as("the claim still holds").hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(10));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));

        assertThat(alertsAbout("Priya Shah")).as("one duplicate for the one crash, then done").hasSize(2);
    }

    @Test
    void aNurtureSequenceWalksItsStepsOnTheClock() throws Exception {
        String email = email("sam");
        String leadId = leadIdOf(post("newsletter", warmNewsletter(email)));
        assertThat(services.storage().queries().findById(leadId).orElseThrow().qualification().tier()).isEqualTo(Tier.WARM);

        List<String> subjects = new java.util.ArrayList<>();
        for (int day = 0; day < 16; day++) {
            services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
            clock.advance(Duration.ofDays(1));
        }
        emailsTo(email).forEach(e -> subjects.add(e.subject()));

        assertThat(subjects).containsExactly("Thanks for reaching out, Sam",
                "How a 40-person agency halved its cost per qualified lead", "Five quick questions, Sam?",
                "Worth a 20-minute call?");
        StoredEmail first = emailsTo(email).get(0);
        assertThat(first.header("List-Unsubscribe")).hasValueSatisfying(v -> assertThat(v).startsWith("<https://api.leadtriage.example/v1/unsubscribe?t="));
        assertThat(first.header("List-Unsubscribe-Post")).contains("List-Unsubscribe=One-Click");
        assertThat(first.text()).contains("1 Example Street");
        assertThat(emailsTo(email).get(2).text()).contains("http://localhost:3000/survey.html?survey=follow-up&token=");
        assertThat(services.storage().queries().findById(leadId).orElseThrow().nurture().status()).isEqualTo(NurtureState.COMPLETED);
    }

    @Test
    void aLeadHalfwayThroughTheFormGetsTheReminderThenNurtureButOneEmailADay() throws Exception {
        String email = email("daily");
        post("get-started", Map.of("email", email, "name", "Dee Lee", "consent", true));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(emailsTo(email)).as("step 2 gets its chance first").isEmpty();

        clock.advance(Duration.ofHours(2));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(emailsTo(email)).extracting(StoredEmail::subject).containsExactly("Finish your request, Dee");
        assertThat(emailsTo(email).get(0).text()).contains("/?step=2&token=");

        clock.advance(Duration.ofHours(23));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(emailsTo(email)).as("the welcome is due, but the reminder went out less than a day ago").hasSize(1);

        clock.advance(Duration.ofHours(2));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(emailsTo(email)).extracting(StoredEmail::subject)
                .containsExactly("Finish your request, Dee", "Thanks for reaching out, Dee");
    }

    @ParameterizedTest(name = "nurture stops when the lead {0}")
    @ValueSource(strings = {"turns hot", "unsubscribes", "bounces", "complains"})
    void nurtureStops(String why) throws Exception {
        String email = email("stop");
        String leadId = leadIdOf(post("newsletter", warmNewsletter(email)));
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        assertThat(emailsTo(email)).hasSize(1);
        clock.advance(Duration.ofHours(1));

        switch (why) {
            case "turns hot" -> post("demo", Map.of("email", email, "name", "Sam Lee", "company", "Acme",
                    "budget", "approved"));
            case "unsubscribes" -> {
                String link = emailsTo(email).get(0).header("List-Unsubscribe").orElseThrow();
                String token = link.substring(link.indexOf("t=") + 2, link.length() - 1);
                APIGatewayV2HTTPEvent oneClick = new APIGatewayV2HTTPEvent();
                oneClick.setQueryStringParameters(Map.of("t", token));
                oneClick.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(
                        APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build());
                oneClick.setBody("List-Unsubscribe=One-Click");
                assertThat(new UnsubscribeHandler(services).handleRequest(oneClick, null).getStatusCode()).isEqualTo(200);
                assertThat(new UnsubscribeHandler(services).handleRequest(oneClick, null).getStatusCode())
                        .as("twice is fine").isEqualTo(200);
            }
            case "bounces" -> new SesEventHandler(services).handle(sesEvent("ses-bounce-permanent.json", leadId, "x", null, null));
            case "complains" -> new SesEventHandler(services).handle(sesEvent("ses-complaint.json", leadId, "x", null, null));
            default -> throw new IllegalArgumentException(why);
        }
        for (int day = 0; day < 16; day++) {
            clock.advance(Duration.ofDays(1));
            services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        }

        assertThat(emailsTo(email)).as("only the welcome went out").hasSize(1);
        LeadRecord lead = services.storage().queries().findById(leadId).orElseThrow();
        assertThat(lead.nurture().status()).isEqualTo(NurtureState.STOPPED);
        if (why.equals("turns hot")) {
            assertThat(alertsAbout("Sam Lee")).hasSize(1);
        }
    }

    @Test
    void aClickTurnsA45PointLeadHotAndAlertsWhileAScannerBurstDoesNot() throws Exception {
        String person = email("click");
        String scanned = email("scanned");
        String personId = fortyFivePointLead(person, "Casey Click");
        String scannedId = fortyFivePointLead(scanned, "Sky Scan");
        services.dispatcher().dispatchDue(100, Duration.ofSeconds(10));
        Map.Entry<String, Instant> personWelcome = sentMessage(personId);
        Map.Entry<String, Instant> scannedWelcome = sentMessage(scannedId);
        SesEventHandler sesEvents = new SesEventHandler(services);

        // A corporate gateway: delivered, then every link opened within two seconds.
        sesEvents.handle(sesEvent("ses-delivery.json", scannedId, scannedWelcome.getKey(), scannedWelcome.getValue(), scannedWelcome.getValue()));
        sesEvents.handle(sesEvent("ses-click-scanner.json", scannedId, scannedWelcome.getKey(), scannedWelcome.getValue(),
                scannedWelcome.getValue().plusSeconds(2)));
        // A person, minutes later; the same event delivered twice.
        clock.advance(Duration.ofMinutes(12));
        String click = sesEvent("ses-click.json", personId, personWelcome.getKey(), personWelcome.getValue(),
                clock.instant());
        sesEvents.handle(click);
        sesEvents.handle(click);

        LeadRecord clicked = services.storage().queries().findById(personId).orElseThrow();
        assertThat(clicked.qualification().score()).isEqualTo(55);
        assertThat(clicked.qualification().tier()).isEqualTo(Tier.HOT);
        assertThat(alertsAbout("Casey Click")).hasSize(1);
        assertThat(alertsAbout("Casey Click").get(0).text()).contains("+10 clicked an email");

        LeadRecord scannedLead = services.storage().queries().findById(scannedId).orElseThrow();
        assertThat(scannedLead.qualification().score()).isEqualTo(45);
        assertThat(alertsAbout("Sky Scan")).isEmpty();
        assertThat(services.storage().queries().timeline(scannedId)).extracting(TimelineEntry::detail)
                .anyMatch(d -> d.startsWith("email click kept, not scored"));
    }

    /** Head of Marketing, approved budget, 1–3 months, a described need: 45 points (warm, MQL), with consent. */
    String fortyFivePointLead(String email, String name) throws Exception {
        APIGatewayV2HTTPResponse step1 = post("get-started", Map.of("email", email, "name", name, "consent", true,
                "challenge", "Sales wastes hours on unqualified form fills"));
        String token = JSON.readTree(step1.getBody()).path("token").asText();
        post("get-started", Map.of("_token", token, "company", "Acme", "companySize", "1-10",
                "jobTitle", "Head of Marketing", "budget", "approved", "timeline", "1-3m"));
        LeadRecord lead = services.storage().queries().findById(leadIdOf(step1)).orElseThrow();
        assertThat(lead.qualification().score()).isEqualTo(45);
        return lead.id();
    }

    /** The lead's one sent message: its send id and when it went out. */
    Map.Entry<String, Instant> sentMessage(String leadId) {
        List<Map<String, AttributeValue>> messages = DynamoBackend.client().query(r -> r.tableName(DynamoBackend.LEADS_TABLE)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :msg)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#" + leadId),
                        ":msg", AttributeValue.fromS("MSG#")))).items();
        assertThat(messages).hasSize(1);
        return Map.entry(messages.get(0).get("sendId").s(), Instant.parse(messages.get(0).get("sentAt").s()));
    }

    /** A real SES event of events/, about this lead's message, at these times, with a fresh event id. */
    static String sesEvent(String file, String leadId, String sendId, Instant sentAt, Instant at) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Events.dir().resolve(file)));
        event.put("id", UUID.randomUUID().toString());
        ObjectNode detail = (ObjectNode) event.path("detail");
        ObjectNode tags = (ObjectNode) detail.path("mail").path("tags");
        tags.set("leadId", JSON.createArrayNode().add(leadId));
        tags.set("sendId", JSON.createArrayNode().add(sendId));
        if (sentAt != null) {
            ((ObjectNode) detail.path("mail")).put("timestamp", sentAt.toString());
        }
        if (at != null) {
            for (String part : List.of("click", "delivery")) {
                if (detail.has(part)) {
                    ((ObjectNode) detail.path(part)).put("timestamp", at.toString());
                }
            }
            event.put("time", at.toString());
        }
        return JSON.writeValueAsString(event);
    }

}
