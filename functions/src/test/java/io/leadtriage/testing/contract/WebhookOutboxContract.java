package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.ports.OutboxQueue.DeadLetter;
import io.leadtriage.app.ports.OutboxQueue.DeadLetterPage;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link io.leadtriage.app.ports.OutboxQueue}'s webhook deliveries: stored only while the publisher's lease on their
 * event holds, found due with the emails, kept as dead letters when given up on (listed oldest first, by subscriber,
 * page after page), replayed once, and erased with their lead.
 */
public interface WebhookOutboxContract extends StorageContract {
    Duration LEASE = Duration.ofSeconds(60);

    private static OutboxItem event(LeadRecord lead, long sequence, String type) {
        return OutboxItem.leadEvent(lead.id(), sequence, type, "{\"event\":\"" + type + "\",\"leadId\":\"" + lead.id() + "\"}", T0);
    }

    private OutboxItem claimedEvent(LeadRecord lead, long sequence, String type) {
        OutboxItem event = event(lead, sequence, type);
        saved(storage(), lead, event);
        return storage().outbox().claim(event, T0, LEASE).orElseThrow();
    }

    /** A delivery of {@code lead}'s event to {@code subscriber}, stored, claimed and given up on at {@code at}. */
    private OutboxItem deadLetter(LeadRecord lead, String subscriber, Instant at) {
        OutboxItem event = claimedEvent(lead, 10, "lead.created");
        OutboxItem delivery = OutboxItem.webhookDelivery(event, subscriber, T0);
        storage().outbox().fanOut(event, List.of(delivery));
        OutboxItem claimed = storage().outbox().claim(delivery, at, LEASE).orElseThrow();
        storage().outbox().deadLetter(claimed, subscriber + " answered HTTP 410",
                new TimelineEntry(at, TimelineEntry.WEBHOOK_FAILED, "lead.created not delivered"));
        return delivery;
    }

    @Test
    default void anEventsDeliveriesAreStoredWhileItsLeaseHoldsAndAreDueWithTheEmails() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem event = claimedEvent(lead, 10, "lead.hot");
        OutboxItem crm = OutboxItem.webhookDelivery(event, "crm-sync", T0);
        OutboxItem warehouse = OutboxItem.webhookDelivery(event, "warehouse", T0);

        storage().outbox().fanOut(event, List.of(crm, warehouse));

        assertThat(storage().outbox().due(T0, 10)).extracting(OutboxItem::outboxId)
                .containsExactlyInAnyOrder(crm.outboxId(), warehouse.outboxId());
        OutboxItem found = storage().outbox().find(lead.id(), crm.outboxId()).orElseThrow();
        assertThat(found.kind()).isEqualTo(OutboxKind.WEBHOOK);
        assertThat(found.subscriber()).isEqualTo("crm-sync");
        assertThat(found.eventType()).isEqualTo("lead.hot");
        assertThat(found.event()).isEqualTo(event.event());
        assertThat(storage().outbox().pendingEvents(lead.id())).as("deliveries are not events").extracting(OutboxItem::outboxId)
                .containsExactly(event.outboxId());
    }

    @Test
    default void aPublisherThatLostItsLeaseStoresNoDelivery() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem stale = claimedEvent(lead, 10, "lead.hot");
        storage().outbox().claim(stale, T0.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();

        storage().outbox().fanOut(stale, List.of(OutboxItem.webhookDelivery(stale, "crm-sync", T0)));

        assertThat(storage().outbox().due(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    }

    @Test
    default void anErasedEventStoresNoDeliveryAndAnErasureTakesTheDeadLettersWithIt() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem created = event(lead, 10, "lead.created");
        OutboxItem hot = event(lead, 11, "lead.hot");
        saved(storage(), lead, created, hot);
        OutboxItem claimedCreated = storage().outbox().claim(created, T0, LEASE).orElseThrow();
        OutboxItem delivery = OutboxItem.webhookDelivery(claimedCreated, "crm-sync", T0);
        storage().outbox().fanOut(claimedCreated, List.of(delivery));
        storage().outbox().deadLetter(storage().outbox().claim(delivery, T0, LEASE).orElseThrow(), "HTTP 410",
                new TimelineEntry(T0, TimelineEntry.WEBHOOK_FAILED, "lead.created not delivered"));
        OutboxItem claimedHot = storage().outbox().claim(hot, T0, LEASE).orElseThrow();

        assertThat(storage().erasure().erase(lead.id(), ContractFixtures::erasedEvent)).isTrue();
        storage().outbox().fanOut(claimedHot, List.of(OutboxItem.webhookDelivery(claimedHot, "crm-sync", T0)));

        assertThat(storage().outbox().due(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
        assertThat(storage().outbox().deadLetters(null, null, 10).deadLetters()).isEmpty();
    }

    @Test
    default void aDeadLetterIsListedWithWhyAndNoLongerDueUntilReplayedOnce() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem delivery = deadLetter(lead, "crm-sync", T0.plusSeconds(5));

        assertThat(storage().outbox().due(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
        DeadLetter dead = storage().outbox().deadLetters(null, null, 10).deadLetters().get(0);
        assertThat(dead.item().outboxId()).isEqualTo(delivery.outboxId());
        assertThat(dead.item().subscriber()).isEqualTo("crm-sync");
        assertThat(dead.item().attempts()).isEqualTo(1);
        assertThat(dead.deadAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(dead.error()).isEqualTo("crm-sync answered HTTP 410");
        assertThat(storage().queries().timeline(lead.id())).extracting(TimelineEntry::kind).contains(TimelineEntry.WEBHOOK_FAILED);

        Instant replayedAt = T0.plus(Duration.ofHours(2));
        assertThat(storage().outbox().replay(lead.id(), delivery.outboxId(), replayedAt)).isTrue();
        assertThat(storage().outbox().replay(lead.id(), delivery.outboxId(), replayedAt)).as("once").isFalse();
        assertThat(storage().outbox().replay(lead.id(), "webhook-nobody-event-1", replayedAt)).isFalse();

        assertThat(storage().outbox().deadLetters(null, null, 10).deadLetters()).isEmpty();
        assertThat(storage().outbox().due(replayedAt.minusMillis(1), 10)).isEmpty();
        OutboxItem due = storage().outbox().due(replayedAt, 10).get(0);
        assertThat(due.outboxId()).isEqualTo(delivery.outboxId());
        assertThat(due.attempts()).as("tries counted from zero").isZero();
        assertThat(storage().outbox().claim(due, replayedAt, LEASE)).isPresent();
    }

    @Test
    default void deadLettersComeOldestFirstBySubscriberPageAfterPage() {
        List<String> crmLeads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LeadRecord crm = lead(T0, Tier.WARM, Stage.MQL);
            deadLetter(crm, "crm-sync", T0.plusSeconds(10 + 2 * i));
            crmLeads.add(crm.id());
            deadLetter(lead(T0, Tier.WARM, Stage.MQL), "warehouse", T0.plusSeconds(11 + 2 * i));
        }

        List<String> pagedIds = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            DeadLetterPage page = storage().outbox().deadLetters("crm-sync", cursor, 2);
            assertThat(page.deadLetters()).hasSizeLessThanOrEqualTo(2);
            page.deadLetters().forEach(d -> pagedIds.add(d.item().leadId()));
            cursor = page.cursor();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pagedIds).containsExactlyElementsOf(crmLeads);
        assertThat(storage().outbox().deadLetters(null, null, 100).deadLetters()).hasSize(10)
                .extracting(DeadLetter::deadAt).isSorted();
        assertThatThrownBy(() -> storage().outbox().deadLetters(null, "not-a-cursor", 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
