package io.leadtriage.ops;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.TestModelText;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.app.tokens.SigningKeys;
import io.leadtriage.handlers.FormHandler;
import io.leadtriage.local.AdjustableClock;
import io.leadtriage.local.LocalClients;
import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.Events;
import io.leadtriage.testing.FaultProxy;
import io.leadtriage.testing.FaultProxy.Fault;
import io.leadtriage.testing.SesBackend;
import io.leadtriage.testing.TestServices;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.HumanCheckSettings;
import io.leadtriage.wiring.Services;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alarms that watch speed to lead fire when it breaks: SES refuses every send (throttling, through a fault proxy
 * in front of the SES emulator), a hot lead's alert waits in the outbox while the real dispatcher retries it minute
 * after minute, and the EMF it writes crosses the thresholds of AlertSendFailuresAlarm, OutboxAgeAlarm and then, once
 * SES takes the alert, SpeedToAlertAlarm: each read from template.yaml (metric, dimensions, threshold with its default), so a change to
 * either side that would leave an alarm blind fails here. With SES healthy, neither alarm fires.
 */
class SesOutageAlarmsTest {
    static final Set<String> BY_STACK = Set.of(Metrics.STACK);

    @Test
    void anSesOutageRaisesTheOutboxAgeAlarmThenTheSpeedToAlertAlarm() throws Exception {
        StackAlarms.Alarm outboxAge = StackAlarms.named("OutboxAgeAlarm");
        StackAlarms.Alarm speedToAlert = StackAlarms.named("SpeedToAlertAlarm");
        StackAlarms.Alarm failures = StackAlarms.named("AlertSendFailuresAlarm");
        AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
        try (FaultProxy ses = new FaultProxy(SesBackend.shared().endpoint()); EmfCapture emf = EmfCapture.open()) {
            Stack stack = new Stack(clock, ses.endpoint());
            ses.plan(() -> Fault.SES_THROTTLING);

            String name = stack.postHotLead();
            assertThat(emf.values("EmailsFailed", Set.of("Stack", "Kind"))).as("the alert's first try, refused")
                    .anySatisfy(v -> assertThat(v.dimensions()).containsEntry("Kind", "sales_alert"));

            Duration firstAlarm = null;
            for (int minute = 1; minute <= 25; minute++) {
                clock.advance(Duration.ofMinutes(1));
                stack.services.dispatcher().dispatchDue(500, Duration.ofSeconds(30));
                if (minute == 4) {
                    // The alarm's first period: the try at once and the dispatcher's retries after 30 s and 1.5 min.
                    assertThat(StackAlarms.breaches(failures, sumOf(emf, failures))).as("AlertSendFailuresAlarm fires in"
                            + " the outage's first 5 minutes: " + sumOf(emf, failures) + " failed tries").isTrue();
                }
                Optional<Double> age = maxOf(emf, outboxAge);
                if (firstAlarm == null && age.isPresent() && StackAlarms.breaches(outboxAge, age.get())) {
                    firstAlarm = Duration.ofMinutes(minute);
                }
            }
            assertThat(emf.values(speedToAlert.single().name(), BY_STACK)).as("no alert reached SES yet").isEmpty();
            assertThat(firstAlarm).as("OutboxAgeAlarm fired during the outage (oldest due age "
                    + maxOf(emf, outboxAge) + " s against " + outboxAge.threshold() + ")").isNotNull();
            assertThat(firstAlarm).as("within the retries' backoff of the threshold").isLessThanOrEqualTo(Duration.ofMinutes(25));
            assertThat(stack.alerts(name)).isEmpty();

            // SES recovers: the alert goes with the next try, and its speed to alert breaches the alarm's threshold.
            ses.plan(() -> Fault.NONE);
            for (int minute = 1; minute <= 31 && stack.alerts(name).isEmpty(); minute++) {
                clock.advance(Duration.ofMinutes(1));
                stack.services.dispatcher().dispatchDue(500, Duration.ofSeconds(30));
            }
            assertThat(stack.alerts(name)).as("the alert went once SES took it again").hasSize(1);
            Optional<Double> speed = maxOf(emf, speedToAlert);
            assertThat(speed).as("SpeedToAlert emitted under the alarm's dimensions").isPresent();
            assertThat(StackAlarms.breaches(speedToAlert, speed.get())).as("SpeedToAlertAlarm fires: " + speed.get()
                    + " ms against " + speedToAlert.threshold()).isTrue();
            assertThat(emf.values("EmailsSent", Set.of("Stack", "Kind"))).anySatisfy(v ->
                    assertThat(v.dimensions()).containsEntry("Kind", "sales_alert"));

            // The outbox drained: the next pass reads an age under the threshold, and OutboxAgeAlarm clears.
            clock.advance(Duration.ofMinutes(1));
            try (EmfCapture after = EmfCapture.open()) {
                stack.services.dispatcher().dispatchDue(500, Duration.ofSeconds(30));
                assertThat(StackAlarms.breaches(outboxAge, maxOf(after, outboxAge).orElseThrow())).isFalse();
            }
        }
    }

    @Test
    void withSesHealthyNeitherAlarmFires() throws Exception {
        StackAlarms.Alarm outboxAge = StackAlarms.named("OutboxAgeAlarm");
        StackAlarms.Alarm speedToAlert = StackAlarms.named("SpeedToAlertAlarm");
        AdjustableClock clock = AdjustableClock.startingAt(Instant.parse("2026-11-23T10:00:00Z"));
        try (EmfCapture emf = EmfCapture.open()) {
            Stack stack = new Stack(clock, SesBackend.shared().endpoint());
            String name = stack.postHotLead();
            clock.advance(Duration.ofMinutes(1));
            stack.services.dispatcher().dispatchDue(500, Duration.ofSeconds(30));

            assertThat(stack.alerts(name)).hasSize(1);
            assertThat(maxOf(emf, speedToAlert)).hasValueSatisfying(ms ->
                    assertThat(StackAlarms.breaches(speedToAlert, ms)).as(ms + " ms").isFalse());
            assertThat(maxOf(emf, outboxAge)).hasValueSatisfying(s ->
                    assertThat(StackAlarms.breaches(outboxAge, s)).as(s + " s").isFalse());
            assertThat(StackAlarms.breaches(StackAlarms.named("AlertSendFailuresAlarm"),
                    sumOf(emf, StackAlarms.named("AlertSendFailuresAlarm")))).isFalse();
        }
    }

    /** The highest value of the alarm's metric written under exactly the alarm's dimensions (its Maximum). */
    static Optional<Double> maxOf(EmfCapture emf, StackAlarms.Alarm alarm) {
        StackAlarms.Watched watched = alarm.single();
        assertThat(watched.namespace()).isEqualTo(Metrics.NAMESPACE);
        assertThat(watched.stat()).isEqualTo("Maximum");
        List<EmfCapture.Value> values = emf.values(watched.name(), watched.dimensions().keySet());
        values.forEach(v -> assertThat(v.namespace()).isEqualTo(Metrics.NAMESPACE));
        return values.stream().map(EmfCapture.Value::value).max(Double::compare);
    }

    /** The sum of the alarm's metric written under exactly the alarm's dimensions and their values (its Sum). */
    static double sumOf(EmfCapture emf, StackAlarms.Alarm alarm) {
        StackAlarms.Watched watched = alarm.single();
        assertThat(watched.stat()).isEqualTo("Sum");
        return emf.values(watched.name(), watched.dimensions().keySet()).stream()
                // A literal value (Kind=sales_alert) must match; a reference (Stack=!Ref AWS::StackName) is this stack.
                .filter(v -> watched.dimensions().entrySet().stream().allMatch(d -> !d.getValue().isTextual()
                        || d.getValue().asText().equals(v.dimensions().get(d.getKey()))))
                .mapToDouble(EmfCapture.Value::value).sum();
    }

    /** The application on a table of its own, sending through {@code ses}. */
    static final class Stack {
        final String run = UUID.randomUUID().toString().substring(0, 6);
        final Services services;
        final FormHandler forms;

        Stack(AdjustableClock clock, URI ses) {
            AppConfig config = new AppConfig(DynamoBackend.freshTable("outage"), List.of(TestServices.ORIGIN),
                    SigningKeys.of(TestServices.SIGNING_KEY), "us-east-1", TestModelText.file(),
                    EmailSettings.local("https://api.leadtriage.example"), List.of(), null, AbuseLimits.NONE,
                    HumanCheckSettings.NONE, TestServices.EMAIL_INDEX_KEY);
            services = new Services(config, clock, DynamoBackend.client(),
                    new SesV2EmailSender(LocalClients.ses(ses), null));
            forms = new FormHandler(services);
        }

        /** A decision maker starting now on the demo form: hot at once. @return the lead's name */
        String postHotLead() {
            String name = "Outage" + run + " Lead";
            APIGatewayV2HTTPResponse response = forms.handleRequest(Events.forForm(Events.withJsonBody(
                    Events.load("form-get-started-json.json"), Map.of("email", "outage" + run + "@acme-analytics.io",
                            "name", name, "company", "Acme", "timeline", "now", "consent", true,
                            "submissionId", UUID.randomUUID().toString())), "demo"), null);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
            return name;
        }

        List<?> alerts(String name) {
            return SesBackend.shared().sentEmails().stream().filter(e -> e.subject().startsWith("Hot lead: " + name)).toList();
        }
    }
}
