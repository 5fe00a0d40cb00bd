package io.leadtriage.reliability;

import io.leadtriage.TestModelText;
import io.leadtriage.local.LocalClients;
import io.leadtriage.app.tokens.SigningKeys;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.domain.Tier;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.StoredEmail;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.testing.FaultProxy;
import io.leadtriage.testing.FaultProxy.Fault;
import io.leadtriage.testing.SesBackend;
import io.leadtriage.testing.TestServices;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants under faults, with a fault-injecting proxy in front of DynamoDB Local and the SES
 * emulator (loopback only): every 2xx has a stored lead; every hot lead gets at least one alert; the
 * duplicates never exceed the responses lost after SES accepted; the outbox drains after recovery; each
 * request ends within the function timeout, answering 2xx or 503, never a 500.
 */
class FaultInjectionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(15);

    @Test
    void nothingAcceptedIsLostAndAlertsArriveAfterRecovery() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
        String table = DynamoBackend.freshTable("faults");
        try (FaultProxy dynamo = new FaultProxy(DynamoBackend.endpoint());
             FaultProxy ses = new FaultProxy(SesBackend.shared().endpoint())) {
            AppConfig config = new AppConfig(table, List.of(TestServices.ORIGIN), SigningKeys.of(TestServices.SIGNING_KEY), "us-east-1",
                    TestModelText.file(), EmailSettings.local("https://api.leadtriage.example"), List.of(), null,
                    AbuseLimits.NONE, HumanCheckSettings.NONE, TestServices.EMAIL_INDEX_KEY);
            Services services = new Services(config, clock,
                    Services.dynamoClient(config).endpointOverride(dynamo.endpoint()).credentialsProvider(LocalClients.CREDENTIALS).build(),
                    new SesV2EmailSender(LocalClients.ses(ses.endpoint()), null));
            FormHandler forms = new FormHandler(services);

            Random random = new Random(42);
            dynamo.plan(() -> pick(random, 0.70, Fault.DYNAMODB_THROTTLING, 0.10, Fault.RESET, 0.07,
                    Fault.LOST_RESPONSE, 0.07, Fault.DELAY, 0.06));
            ses.plan(() -> Fault.SES_THROTTLING); // SES throttles for the whole first phase: minutes of it

            Map<String, String> accepted = new HashMap<>();
            List<String> hotNames = new ArrayList<>();
            int statuses500 = 0;
            for (int i = 0; i < 40; i++) {
                boolean hot = i % 2 == 0;
                String name = "Fault" + run + " Lead" + i;
                Map<String, Object> body = new HashMap<>(Map.of("email", "fault" + run + "-" + i + "@acme-analytics.io",
                        "name", name, "company", "Acme", "timeline", "now", "consent", true,
                        "submissionId", UUID.randomUUID().toString()));
                APIGatewayV2HTTPResponse response = null;
                for (int attempt = 0; attempt < 6; attempt++) {
                    long started = System.nanoTime();
                    response = forms.handleRequest(Events.forForm(Events.withJsonBody(
                            Events.load("form-get-started-json.json"), body), hot ? "demo" : "newsletter"), null);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertThat(took).as("request ends within the function timeout").isLessThan(FUNCTION_TIMEOUT);
                    assertThat(response.getStatusCode()).as(response.getBody()).isIn(200, 201, 503);
                    if (response.getStatusCode() != 503) {
                        break;
                    }
                    assertThat(response.getHeaders()).containsKey("Retry-After");
                }
                if (response.getStatusCode() < 300) {
                    accepted.put(name, JSON.readTree(response.getBody()).path("leadId").asText());
                    if (hot) {
                        hotNames.add(name);
                    }
                } else if (response.getStatusCode() >= 500 && response.getStatusCode() != 503) {
                    statuses500++;
                }
            }
            assertThat(statuses500).isZero();
            assertThat(dynamo.injected(Fault.DYNAMODB_THROTTLING) + dynamo.injected(Fault.RESET)
                    + dynamo.injected(Fault.LOST_RESPONSE) + dynamo.injected(Fault.DELAY)).as("faults were injected").isGreaterThan(20);
            assertThat(accepted).as("most posts got through, retried as a browser would").hasSizeGreaterThan(30);

            // Every 2xx has its lead stored (read past the proxy).
            for (String leadId : accepted.values()) {
                assertThat(DynamoBackend.client().getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                        "pk", AttributeValue.fromS("LEAD#" + leadId), "sk", AttributeValue.fromS("PROFILE")))).hasItem())
                        .as("lead " + leadId + " was answered 2xx").isTrue();
            }
            assertThat(alertsFor(run)).as("SES is throttled: nothing went out yet").isEmpty();

            // Recovery: DynamoDB healthy; SES accepts again, but loses a few answers after accepting.
            dynamo.plan(() -> Fault.NONE);
            Random sesRandom = new Random(7);
            ses.plan(() -> sesRandom.nextDouble() < 0.1 ? Fault.LOST_RESPONSE : Fault.NONE);
            for (int minute = 0; minute < 60; minute++) {
                clock.advance(Duration.ofMinutes(1));
                services.dispatcher().dispatchDue(500, Duration.ofSeconds(30));
            }

            Map<String, Integer> alertsPerLead = new HashMap<>();
            for (StoredEmail alert : alertsFor(run)) {
                String name = alert.subject().substring("Hot lead: ".length(), alert.subject().indexOf(" (Acme)"));
                alertsPerLead.merge(name, 1, Integer::sum);
            }
            for (String name : hotNames) {
                LeadRecord lead = services.storage().queries().findById(accepted.get(name)).orElseThrow();
                assertThat(lead.qualification().tier()).isEqualTo(Tier.HOT);
                assertThat(alertsPerLead.getOrDefault(name, 0)).as("alerts for " + name).isGreaterThanOrEqualTo(1);
            }
            int duplicates = alertsPerLead.values().stream().mapToInt(n -> n - 1).sum();
            assertThat(duplicates).as("duplicates never exceed the answers SES lost after accepting")
                    .isLessThanOrEqualTo(ses.injected(Fault.LOST_RESPONSE));
            assertThat(services.storage().outbox().due(clock.instant().plus(Duration.ofDays(1)), 1000))
                    .as("no alert is left behind").noneMatch(item -> item.kind().name().equals("SALES_ALERT"));
        }
    }

    static List<StoredEmail> alertsFor(String run) {
        return SesBackend.shared().sentEmails().stream().filter(e -> e.subject().startsWith("Hot lead: Fault" + run)).toList();
    }

    /** A fault by weight: the first weight is NONE's, then fault and weight pairs. */
    static Fault pick(Random random, double none, Object... faultsAndWeights) {
        double roll = random.nextDouble();
        double sum = none;
        if (roll < sum) {
            return Fault.NONE;
        }
        for (int i = 0; i < faultsAndWeights.length; i += 2) {
            sum += (double) faultsAndWeights[i + 1];
            if (roll < sum) {
                return (Fault) faultsAndWeights[i];
            }
        }
        return Fault.NONE;
    }
}
