package io.leadtriage.ops;

import io.leadtriage.app.Refusal;
import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.app.intake.TakeFormPost.FormPost;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.domain.SignalType;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.RecordingEmailSender.Failure;
import io.leadtriage.testing.SesEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every metric of the catalog (ops/Metric: what the alarms and the dashboard are checked against) is emitted by the
 * use cases themselves, with the dimensions it declares and no personal data, on the in-memory ports: a metric no
 * code emits would leave its alarm watching nothing.
 */
class MetricsEmittedTest {
    static final Map<String, String> HOT_DEMO = Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now");

    @Test
    void theUseCasesEmitEveryMetricOfTheCatalogWithItsDimensions() {
        CoreFlow flow = CoreFlow.start(CoreFlow.Options.DEFAULTS.withLimits(new AbuseLimits(2, Integer.MAX_VALUE, 1, 5)));
        try (EmfCapture emf = EmfCapture.open()) {
            // A warm lead and its welcome, then its SES events; later a signal turns it hot (a requalification).
            String sam = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee", "timeline", "now"))
                    .after().id();
            flow.dispatchDue();
            SentMessage welcome = flow.storage().messages().sentMessages(sam).get(0);
            flow.recordSesEvent().record(SesEvents.delivery(welcome, "delivery-1", welcome.sentAt()));
            flow.recordSesEvent().record(SesEvents.complaint(welcome, "complaint-1", welcome.sentAt()));
            flow.recordSesEvent().record(SesEvents.permanentBounce(welcome, "bounce-1", welcome.sentAt()));
            flow.signal(sam, SignalType.CONTACT_SALES);

            // A second welcome to the same domain in the hour waits (the budget is 1 here).
            flow.submit("newsletter", "tim@northwind-saas.com", Map.of("name", "Tim"));
            flow.dispatchAfter(Duration.ofMinutes(1));

            // A hot lead whose alert SES throttles once, as Slack does its chat alert: failed, then sent by the dispatcher.
            flow.services().changeModel().put(io.leadtriage.TestModels.editedText("  routes: []\n",
                    "  slack: sales-team\n  routes: []\n"), null);
            flow.chat().answerNext(429, null);
            // The bus refuses the next call's first lead event for good (dropped and recorded); the rest are taken.
            flow.events().refuseInNextCall(Map.of(0, "MalformedDetail"));
            flow.mail().failNext(1, Failure.THROTTLED);
            // The CRM's hook fails once (retried: WebhookRetries), the warehouse's is gone (a dead letter).
            flow.webhooks().answerNext(io.leadtriage.testing.RecordingWebhookSender.CRM, 1, 503, null);
            flow.webhooks().answerNext(io.leadtriage.testing.RecordingWebhookSender.WAREHOUSE, 1, 410, null);
            flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO);
            flow.dispatchAfter(Duration.ofMinutes(1));
            // A lead event the bus does not take at once waits for a later pass (LeadEventsRetried).
            flow.events().refuseInNextCall(Map.of(0, "ThrottlingException"));
            flow.submit("newsletter", "ria@northwind-saas.com", Map.of("name", "Ria"));
            flow.publishDue();

            // A bot, and a client over its limit of 2 posts a minute.
            Map<String, String> bot = Map.of("email", "bot@spam.example", "_gotcha", "http://spam.example");
            flow.takeFormPost().take(new FormPost("newsletter", bot, "198.51.100.7", CoreFlow.API));
            flow.takeFormPost().take(new FormPost("newsletter", bot, "198.51.100.7", CoreFlow.API));
            assertThatThrownBy(() -> flow.takeFormPost().take(new FormPost("newsletter", bot, "198.51.100.7", CoreFlow.API)))
                    .isInstanceOf(Refusal.class);

            List<EmfCapture.Value> values = emf.values();
            Set<String> emitted = new TreeSet<>();
            values.forEach(v -> emitted.add(v.name()));
            Set<String> catalog = new TreeSet<>();
            EnumSet.allOf(Metric.class).forEach(m -> catalog.add(m.metricName()));
            assertThat(emitted).as("every metric of ops/Metric is emitted by some use case").isEqualTo(catalog);

            for (Metric metric : Metric.values()) {
                Set<List<String>> sets = new java.util.HashSet<>();
                values.stream().filter(v -> v.name().equals(metric.metricName()))
                        .forEach(v -> sets.add(List.copyOf(v.dimensions().keySet())));
                assertThat(sets).as(metric + " under each of its dimension sets").containsExactlyInAnyOrderElementsOf(
                        metric.dimensionSets());
            }
            assertThat(values).as("dimension values are ids, kinds, tiers: never an address or a name")
                    .allSatisfy(v -> assertThat(v.dimensions().values()).noneMatch(d -> d.contains("@") || d.contains("Priya")
                            || d.contains("Sam") || d.contains("198.51")));
            assertThat(emf.values("Leads", Set.of("Stack", "Form", "Tier", "Stage")))
                    .anySatisfy(v -> assertThat(v.dimensions()).containsEntry("Form", "demo").containsEntry("Tier", "hot")
                            .containsEntry("Stage", "sql"));
            assertThat(emf.values("LeadsRequalified", Set.of("Stack", "Tier")))
                    .anySatisfy(v -> assertThat(v.dimensions()).containsEntry("Tier", "hot"));
            assertThat(emf.values("SesBounces", Set.of("Stack", "Kind"))).singleElement()
                    .satisfies(v -> assertThat(v.dimensions()).containsEntry("Kind", "untagged"));
            assertThat(emf.values("EmailsFailed", Set.of("Stack", "Kind"))).singleElement()
                    .satisfies(v -> assertThat(v.dimensions()).containsEntry("Kind", "sales_alert"));
            assertThat(emf.values("RateLimited", Set.of("Stack", "Limit"))).singleElement()
                    .satisfies(v -> assertThat(v.dimensions()).containsEntry("Limit", "client:form"));
            assertThat(emf.max("SpeedToAlert", Set.of("Stack"))).as("the throttled alert went a minute later")
                    .hasValueSatisfying(ms -> assertThat(ms).isBetween(60_000.0, 61_000.0));
        }
    }
}
