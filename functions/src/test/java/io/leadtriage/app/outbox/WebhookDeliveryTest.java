package io.leadtriage.app.outbox;

import io.leadtriage.app.RecordOutcome;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.admin.ReplayWebhooks;
import io.leadtriage.app.ports.OutboxQueue.DeadLetter;
import io.leadtriage.app.ports.WebhookSender.Delivery;
import io.leadtriage.testing.CoreFlow;
import io.leadtriage.testing.LeadEventSchemas;
import io.leadtriage.testing.RecordingWebhookSender.Delivered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadtriage.testing.RecordingWebhookSender.CRM;
import static io.leadtriage.testing.RecordingWebhookSender.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed webhooks on the in-memory ports: each published event stored as one delivery per subscriber that takes its
 * name, posted exactly once in the normal case (a hot lead's at once, with its alert), at least once across a bus
 * that fails and subscribers that fail, with the event's own id and body on every try; given up after about a day
 * (or at once on 410 Gone) as a dead letter the operator lists and replays.
 */
class WebhookDeliveryTest {
    static final Map<String, String> HOT_DEMO = PublishLeadEventsTest.HOT_DEMO;

    final CoreFlow flow = CoreFlow.start();

    String hotLead() {
        return flow.submit("demo", "priya@northwind-saas.com", HOT_DEMO).after().id();
    }

    /** The scheduled passes, {@code times} minutes: events published, then what is due dispatched. */
    void minutes(int times) {
        for (int i = 0; i < times; i++) {
            flow.clock().advance(Duration.ofMinutes(1));
            flow.publishDue();
            flow.dispatchDue();
        }
    }

    List<Delivered> deliveredTo(String subscriber) {
        return flow.webhooks().delivered().stream().filter(d -> d.subscriber().equals(subscriber)).toList();
    }

    @Test
    void aHotLeadsEventsReachEachSubscriberOnceTheHotOneAtOnceWithItsAlert() {
        String priyaId = hotLead();

        assertThat(flow.webhooks().eventsTakenBy(CRM)).as("lead.hot goes with the alert, in the form's invocation")
                .containsExactly("lead.hot");
        assertThat(flow.webhooks().eventsTakenBy(WAREHOUSE)).containsExactly("lead.created", "lead.hot");
        minutes(30);
        flow.dispatchAfter(Duration.ofHours(3));
        flow.publishDue();
        flow.dispatchDue();

        assertThat(flow.webhooks().eventsTakenBy(CRM)).as("exactly once").containsExactly("lead.hot");
        assertThat(flow.webhooks().eventsTakenBy(WAREHOUSE)).containsExactly("lead.created", "lead.hot");
        for (Delivered d : flow.webhooks().delivered()) {
            LeadEventSchemas.check(d.delivery().eventType(), d.delivery().body());
            assertThat(d.delivery().body()).contains("\"leadId\":\"" + priyaId + "\"", "\"eventId\":\"" + d.delivery().eventId() + "\"");
            assertThat(d.delivery().attempt()).isEqualTo(1);
        }
        String busHot = flow.events().takenFor(priyaId).get(1).detail();
        assertThat(deliveredTo(CRM).get(0).delivery().body()).as("the event exactly as published on the bus").isEqualTo(busHot);
    }

    @Test
    void aSubscriberGetsOnlyTheEventsItAskedFor() {
        String samId = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee", "timeline", "now")).after().id();
        minutes(3);
        new RecordOutcome(flow.leadUpdates()).record(samId, "won");
        minutes(3);

        assertThat(flow.webhooks().eventsTakenBy(WAREHOUSE)).startsWith("lead.created").endsWith("lead.outcome");
        assertThat(flow.webhooks().eventsTakenBy(CRM)).containsExactly("lead.outcome");
    }

    @Test
    void aBusThatFailsDelaysTheDeliveriesButNeverDoublesThem() {
        flow.events().failNextCall();
        String priyaId = hotLead();
        assertThat(flow.webhooks().delivered()).as("nothing until the bus took the events").isEmpty();

        flow.events().failNextCall();
        minutes(10);

        assertThat(flow.events().namesFor(priyaId)).containsExactly("lead.created", "lead.hot");
        assertThat(flow.webhooks().eventsTakenBy(CRM)).containsExactly("lead.hot");
        assertThat(flow.webhooks().eventsTakenBy(WAREHOUSE)).containsExactly("lead.created", "lead.hot");
    }

    @Test
    void anEventTheBusRefusesForGoodStillReachesTheSubscribers() {
        flow.events().refuseInNextCall(Map.of(0, "AccessDeniedException"));
        String priyaId = hotLead();

        minutes(2);
        assertThat(flow.events().namesFor(priyaId)).containsExactly("lead.hot");
        assertThat(flow.webhooks().eventsTakenBy(WAREHOUSE)).containsExactly("lead.created", "lead.hot");
    }

    @Test
    void aFailingSubscriberIsRetriedWithBackoffWithTheSameEventAndCountedTries() {
        flow.webhooks().answerNext(CRM, 2, 503, null);
        Instant start = flow.clock().instant();
        String priyaId = hotLead();
        // lead.hot to the CRM failed at once (try 1): the first backoff is 30 s, give or take a fifth.
        OutboxItem waiting = crmDelivery(priyaId);
        assertThat(waiting.dueAt()).isAfter(start.plusSeconds(23)).isBefore(start.plusSeconds(37));

        minutes(15);

        assertThat(flow.webhooks().eventsTakenBy(CRM)).containsExactly("lead.hot");
        assertThat(flow.webhooks().eventsTakenBy(WAREHOUSE)).containsExactly("lead.created", "lead.hot");
        List<Delivery> crmTries = flow.webhooks().tried().stream().filter(d -> d.subscriber().equals(CRM))
                .map(Delivered::delivery).toList();
        assertThat(crmTries).extracting(Delivery::attempt).containsExactly(1, 2, 3);
        assertThat(crmTries).extracting(Delivery::eventId).containsOnly(crmTries.get(0).eventId());
        assertThat(crmTries).extracting(Delivery::body).containsOnly(crmTries.get(0).body());
    }

    @Test
    void aSubscribersRetryAfterIsWaitedFor() {
        flow.webhooks().answerNext(CRM, 1, 429, Duration.ofMinutes(10));
        Instant start = flow.clock().instant();
        String priyaId = hotLead();

        OutboxItem waiting = crmDelivery(priyaId);
        assertThat(waiting.dueAt()).isEqualTo(start.plus(Duration.ofMinutes(10)));
        minutes(9);
        assertThat(flow.webhooks().eventsTakenBy(CRM)).isEmpty();
        minutes(2);
        assertThat(flow.webhooks().eventsTakenBy(CRM)).containsExactly("lead.hot");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a day of 503s,     503, 60",
            "410 Gone at once,  410, 1",
    })
    void aDeliveryGivenUpOnIsADeadLetterTheOperatorReplays(String name, int status, int tries) {
        flow.webhooks().answerNext(CRM, tries, status, null);
        String priyaId = hotLead();
        for (int i = 0; i < 200 && flow.webhooks().tried().stream().filter(d -> d.subscriber().equals(CRM)).count() < tries; i++) {
            flow.dispatchAfter(Duration.ofMinutes(31));
        }

        ReplayWebhooks replay = flow.services().replayWebhooks();
        List<DeadLetter> dead = replay.list(null, 10, null).deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).item().subscriber()).isEqualTo(CRM);
        assertThat(dead.get(0).item().eventType()).isEqualTo("lead.hot");
        assertThat(dead.get(0).item().attempts()).isEqualTo(tries);
        assertThat(dead.get(0).error()).contains("HTTP " + status).doesNotContain("http://", "https://");
        assertThat(flow.storage().queries().timeline(priyaId)).extracting(TimelineEntry::kind).contains(TimelineEntry.WEBHOOK_FAILED);
        assertThat(flow.timeline(priyaId)).anyMatch(line -> line.startsWith("lead.hot not delivered to " + CRM));
        assertThat(replay.list(WAREHOUSE, 10, null).deadLetters()).isEmpty();
        minutes(60);
        assertThat(flow.webhooks().eventsTakenBy(CRM)).as("a dead letter waits for the operator").isEmpty();

        assertThat(replay.replayAll(CRM, Duration.ofSeconds(5))).isEqualTo(new ReplayWebhooks.Replayed(1, false));
        minutes(1);

        assertThat(flow.webhooks().eventsTakenBy(CRM)).containsExactly("lead.hot");
        assertThat(replay.list(null, 10, null).deadLetters()).isEmpty();
        assertThat(flow.webhooks().tried().get(flow.webhooks().tried().size() - 1).delivery().attempt())
                .as("tries counted from zero again").isEqualTo(1);
    }

    @Test
    void aReplayOfOneByItsIdsAndOfOneThatIsNoLongerDead() {
        flow.webhooks().answerNext(CRM, 1, 410, null);
        String priyaId = hotLead();
        ReplayWebhooks replay = flow.services().replayWebhooks();
        String deliveryId = replay.list(CRM, 10, null).deadLetters().get(0).item().outboxId();
        assertThat(deliveryId).startsWith("webhook-" + CRM + "-event-").endsWith("-lead.hot");

        replay.replayOne(priyaId, deliveryId);
        minutes(1);

        assertThat(flow.webhooks().eventsTakenBy(CRM)).containsExactly("lead.hot");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> replay.replayOne(priyaId, deliveryId))
                .hasMessageContaining("No dead letter");
    }

    @Test
    void anErasedLeadsPendingDeliveriesGoWithItAndLeadErasedStillReachesTheSubscribers() {
        flow.webhooks().answerNext(CRM, 1, 503, null);
        flow.webhooks().answerNext(WAREHOUSE, 2, 503, null);
        String priyaId = hotLead();
        assertThat(flow.webhooks().delivered()).isEmpty();
        flow.webhooks().forgetScripts();

        flow.services().eraseLead().erase(priyaId);
        minutes(30);

        assertThat(flow.webhooks().eventsTakenBy(CRM)).as("lead.hot held personal data: erased with the lead")
                .containsExactly("lead.erased");
        assertThat(flow.webhooks().eventsTakenBy(WAREHOUSE)).containsExactly("lead.erased");
        assertThat(deliveredTo(CRM).get(0).delivery().body()).doesNotContain("priya", "Priya");
    }

    @Test
    void aSubscriberRemovedFromTheConfigurationLeavesItsDeliveriesAsDeadLetters() {
        String samId = flow.submit("newsletter", "sam@northwind-saas.com", Map.of("name", "Sam Lee")).after().id();
        flow.publishDue();
        flow.webhooks().remove(WAREHOUSE);
        flow.dispatchDue();

        assertThat(flow.services().replayWebhooks().list(WAREHOUSE, 10, null).deadLetters())
                .extracting(d -> d.item().leadId()).containsExactly(samId);
        assertThat(flow.services().replayWebhooks().list(WAREHOUSE, 10, null).deadLetters().get(0).error())
                .contains("no subscriber " + WAREHOUSE);
    }

    /** The lead's pending delivery to the CRM (its lead.hot). */
    OutboxItem crmDelivery(String leadId) {
        return flow.storage().outbox().due(flow.clock().instant().plus(Duration.ofDays(1)), 100).stream()
                .filter(item -> item.leadId().equals(leadId) && item.kind() == OutboxKind.WEBHOOK && CRM.equals(item.subscriber()))
                .findFirst().orElseThrow();
    }
}
