package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OutboxQueue}'s lead events: stored with the lead's change, found due apart from the emails, a lead's pending
 * events in their order, published (or dropped) by the lease's holder only, and an erasure's announcement kept while
 * everything else of the lead goes.
 */
public interface LeadEventOutboxContract extends StorageContract {
    Duration EVENT_LEASE = Duration.ofSeconds(60);

    private static OutboxItem event(LeadRecord lead, long sequence, String type) {
        return OutboxItem.leadEvent(lead.id(), sequence, type, "{\"event\":\"" + type + "\",\"leadId\":\"" + lead.id() + "\"}", T0);
    }

    @Test
    default void eventsAreStoredWithTheChangeAndFoundDueApartFromTheEmails() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem created = event(lead, 10, "lead.created");
        saved(storage(), lead, OutboxItem.nurtureStep(lead.id(), "warm", 0, T0, T0), created);

        assertThat(storage().outbox().due(T0, 10)).extracting(OutboxItem::kind).containsExactly(OutboxKind.NURTURE);
        assertThat(storage().outbox().dueEvents(T0, 10)).containsExactly(created);
        assertThat(storage().outbox().dueEvents(T0.minusMillis(1), 10)).isEmpty();
        OutboxItem found = storage().outbox().find(lead.id(), created.outboxId()).orElseThrow();
        assertThat(found.event()).isEqualTo(created.event());
        assertThat(found.eventType()).isEqualTo("lead.created");
    }

    @Test
    default void aLeadsPendingEventsComeInTheirOrderAndLeaveOncePublished() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem second = event(lead, 11, "lead.hot");
        OutboxItem first = event(lead, 10, "lead.created");
        OutboxItem third = event(lead, 100, "lead.qualified");
        saved(storage(), lead, third, second, first);

        assertThat(storage().outbox().pendingEvents(lead.id())).extracting(OutboxItem::outboxId)
                .containsExactly(first.outboxId(), second.outboxId(), third.outboxId());
        OutboxItem claimed = storage().outbox().claim(first, T0, EVENT_LEASE).orElseThrow();
        storage().outbox().published(claimed, T0);

        assertThat(storage().outbox().pendingEvents(lead.id())).extracting(OutboxItem::outboxId)
                .containsExactly(second.outboxId(), third.outboxId());
        assertThat(storage().outbox().dueEvents(T0, 10)).extracting(OutboxItem::outboxId)
                .containsExactlyInAnyOrder(second.outboxId(), third.outboxId());
        assertThat(storage().outbox().claim(first, T0.plus(EVENT_LEASE).plusSeconds(1), EVENT_LEASE)).as("never published twice").isEmpty();
    }

    @Test
    default void onlyTheLeaseHolderRecordsAPublication() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem created = event(lead, 10, "lead.created");
        saved(storage(), lead, created);
        OutboxItem stale = storage().outbox().claim(created, T0, EVENT_LEASE).orElseThrow();
        OutboxItem current = storage().outbox().claim(created, T0.plus(EVENT_LEASE).plusSeconds(1), EVENT_LEASE).orElseThrow();

        storage().outbox().published(stale, T0.plusSeconds(70));
        assertThat(storage().outbox().pendingEvents(lead.id())).hasSize(1);
        storage().outbox().published(current, T0.plusSeconds(70));
        assertThat(storage().outbox().pendingEvents(lead.id())).isEmpty();
    }

    @Test
    default void aRetriedEventWaitsAndADroppedOneIsRecordedAndNoLongerPending() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem created = event(lead, 10, "lead.created");
        OutboxItem hot = event(lead, 11, "lead.hot");
        saved(storage(), lead, created, hot);

        storage().outbox().retryLater(storage().outbox().claim(created, T0, EVENT_LEASE).orElseThrow(), T0.plusSeconds(30), "ThrottlingException");
        assertThat(storage().outbox().dueEvents(T0.plusSeconds(29), 10)).extracting(OutboxItem::outboxId).containsExactly(hot.outboxId());
        assertThat(storage().outbox().pendingEvents(lead.id()).get(0).dueAt()).isEqualTo(T0.plusSeconds(30));
        storage().outbox().drop(storage().outbox().claim(created, T0.plusSeconds(30), EVENT_LEASE).orElseThrow(), null,
                new TimelineEntry(T0, TimelineEntry.EVENT_FAILED, "lead.created not published"));

        assertThat(storage().outbox().pendingEvents(lead.id())).extracting(OutboxItem::outboxId).containsExactly(hot.outboxId());
        assertThat(storage().queries().timeline(lead.id())).extracting(TimelineEntry::kind).contains(TimelineEntry.EVENT_FAILED);
    }

    @Test
    default void anErasureKeepsOnlyItsAnnouncementOfTheLeadsEvents() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        saved(storage(), lead, event(lead, 10, "lead.created"), event(lead, 11, "lead.hot"));

        assertThat(storage().erasure().erase(lead.id(), ContractFixtures::erasedEvent)).isTrue();

        OutboxItem erased = ContractFixtures.erasedEvent(lead);
        assertThat(storage().outbox().pendingEvents(lead.id())).extracting(OutboxItem::outboxId).containsExactly(erased.outboxId());
        assertThat(storage().outbox().dueEvents(T0, 10)).extracting(OutboxItem::eventType).containsExactly("lead.erased");
        assertThat(storage().leads().findById(lead.id())).isEmpty();
        OutboxItem claimed = storage().outbox().claim(erased, T0, EVENT_LEASE).orElseThrow();
        storage().outbox().published(claimed, T0);
        assertThat(storage().outbox().pendingEvents(lead.id())).isEmpty();
    }
}
