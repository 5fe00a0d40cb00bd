package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.NurtureState;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.LeadUnitOfWork.SaveResult;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.atOnce;
import static io.leadtriage.testing.contract.ContractFixtures.change;
import static io.leadtriage.testing.contract.ContractFixtures.entry;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.message;
import static io.leadtriage.testing.contract.ContractFixtures.next;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OutboxQueue}: due items found oldest first, claimed by one dispatcher at a time for a lease; what became of
 * a send recorded by the lease's holder only; one marketing email per period.
 */
public interface OutboxQueueContract extends StorageContract {
    Duration LEASE = Duration.ofSeconds(60);

    private OutboxItem claimed(OutboxItem item, Instant at) {
        return storage().outbox().claim(item, at, LEASE).orElseThrow(() -> new AssertionError(item.outboxId() + " not claimed"));
    }

    /** A warm lead with a welcome due at T0 (its nurture slot), stored. */
    private OutboxItem welcomeOf(LeadRecord lead) {
        OutboxItem welcome = OutboxItem.nurtureStep(lead.id(), "warm", 0, T0, T0);
        saved(storage(), lead, welcome);
        return welcome;
    }

    @Test
    default void theItemsDueByNowComeOldestFirstUpToTheLimit() {
        LeadRecord a = lead(T0, Tier.WARM, Stage.MQL);
        LeadRecord b = lead(T0, Tier.COLD, Stage.LEAD);
        LeadRecord c = lead(T0, Tier.WARM, Stage.MQL);
        saved(storage(), a, OutboxItem.nurtureStep(a.id(), "warm", 0, T0.minusSeconds(60), T0));
        saved(storage(), b, OutboxItem.nurtureStep(b.id(), "cold", 0, T0.minusSeconds(120), T0));
        saved(storage(), c, OutboxItem.nurtureStep(c.id(), "warm", 0, T0.plusSeconds(60), T0));

        assertThat(storage().outbox().due(T0, 10)).extracting(OutboxItem::leadId).containsExactly(b.id(), a.id());
        assertThat(storage().outbox().due(T0, 1)).extracting(OutboxItem::leadId).containsExactly(b.id());
        assertThat(storage().outbox().due(T0.plusSeconds(60), 10)).extracting(OutboxItem::leadId)
                .containsExactly(b.id(), a.id(), c.id());
    }

    /** A chat alert is an outbox item like an email's: due with the change, claimed, then posted and gone from the due index. */
    @Test
    default void aChatAlertKeepsItsWebhookAndRouteAndLeavesTheDueIndexOncePosted() {
        LeadRecord lead = lead(T0, Tier.HOT, Stage.SQL);
        OutboxItem chat = OutboxItem.chatAlert(lead.id(), 1, "dach", "slack:sales-team", T0);
        saved(storage(), lead, chat);

        OutboxItem stored = storage().outbox().find(lead.id(), chat.outboxId()).orElseThrow();
        assertThat(stored.kind()).isEqualTo(io.leadtriage.app.outbox.OutboxKind.CHAT_ALERT);
        assertThat(stored.webhook()).isEqualTo("slack:sales-team");
        assertThat(stored.routeId()).isEqualTo("dach");
        assertThat(stored.episode()).isEqualTo(1);
        assertThat(storage().outbox().due(T0, 10)).extracting(OutboxItem::outboxId).contains(chat.outboxId());

        storage().outbox().published(claimed(chat, T0), T0.plusSeconds(1));

        assertThat(storage().outbox().due(T0.plusSeconds(60), 10)).extracting(OutboxItem::outboxId)
                .doesNotContain(chat.outboxId());
    }

    @Test
    default void aClaimHoldsTheItemForItsLeaseAndCountsTheAttempt() {
        OutboxItem welcome = welcomeOf(lead(T0, Tier.WARM, Stage.MQL));

        OutboxItem first = claimed(welcome, T0);
        assertThat(first.leaseUntil()).isEqualTo(T0.plus(LEASE));
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(storage().outbox().claim(welcome, T0.plusSeconds(30), LEASE)).as("leased").isEmpty();

        OutboxItem afterLease = claimed(welcome, T0.plus(LEASE).plusMillis(1));
        assertThat(afterLease.attempts()).as("a dispatcher died holding it: the next one takes over").isEqualTo(2);
    }

    @Test
    default void twoDispatchersClaimingAtOnceGetTheItemOnce() {
        OutboxItem welcome = welcomeOf(lead(T0, Tier.WARM, Stage.MQL));

        List<Optional<OutboxItem>> claims = atOnce(6, () -> storage().outbox().claim(welcome, T0, LEASE));

        assertThat(claims).filteredOn(Optional::isPresent).hasSize(1);
    }

    @Test
    default void anItemNotDueYetOrNotThereCannotBeClaimed() {
        OutboxItem welcome = welcomeOf(lead(T0, Tier.WARM, Stage.MQL));

        assertThat(storage().outbox().claim(welcome, T0.minusMillis(1), LEASE)).isEmpty();
        assertThat(storage().outbox().claim(OutboxItem.reminder(welcome.leadId(), T0, T0), T0, LEASE)).isEmpty();
    }

    @Test
    default void aSentItemLeavesTheDueIndexWithItsMessageAndTimelineRecorded() {
        LeadRecord lead = lead(T0, Tier.HOT, Stage.SQL);
        OutboxItem alert = OutboxItem.salesAlert(lead.id(), 1, "default", List.of("sales@example.com"), false, T0);
        saved(storage(), lead, alert);
        OutboxItem escalation = OutboxItem.escalation(lead.id(), 1, T0.plus(Duration.ofMinutes(15)), T0);

        storage().outbox().sent(claimed(alert, T0), message(lead.id(), "send-1", T0.plusSeconds(1)), null, null,
                entry(T0.plusSeconds(1), "alert sent"), escalation);

        assertThat(storage().outbox().due(T0.plus(Duration.ofMinutes(14)), 10)).isEmpty();
        assertThat(storage().outbox().due(T0.plus(Duration.ofMinutes(15)), 10)).containsExactly(escalation);
        OutboxItem sent = storage().outbox().find(lead.id(), alert.outboxId()).orElseThrow();
        assertThat(sent.leaseUntil()).isNull();
        assertThat(storage().outbox().claim(sent, T0.plus(Duration.ofHours(1)), LEASE)).as("never sent twice").isEmpty();
        assertThat(storage().messages().findMessage(lead.id(), "send-1")).contains(message(lead.id(), "send-1", T0.plusSeconds(1)));
        assertThat(storage().queries().timeline(lead.id())).extracting(TimelineEntry::detail).containsExactly("created", "alert sent");
        LeadRecord after = storage().leads().findById(lead.id()).orElseThrow();
        assertThat(after.sales().firstAlertSentAt()).as("speed to alert").isEqualTo(T0.plusSeconds(1));
        assertThat(after.version()).as("a change working from an older read retries").isEqualTo(lead.version() + 1);
        assertThat(storage().leads().save(change(next(lead, T0.plusSeconds(2)), "stale"))).isEqualTo(SaveResult.CONFLICT);
    }

    @Test
    default void aSentNurtureStepMovesTheSlotToTheNextStep() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem welcome = welcomeOf(lead);
        OutboxItem step2 = OutboxItem.nurtureStep(lead.id(), "warm", 1, T0.plus(Duration.ofDays(3)), T0);
        NurtureState after = new NurtureState("warm", 1, NurtureState.ACTIVE, null);

        OutboxItem first = claimed(welcome, T0);
        storage().outbox().sent(first, message(lead.id(), "send-1", T0), step2, after, entry(T0, "welcome sent"), null);

        assertThat(storage().outbox().due(T0.plus(Duration.ofDays(2)), 10)).isEmpty();
        OutboxItem slot = storage().outbox().due(T0.plus(Duration.ofDays(3)), 10).get(0);
        assertThat(slot.outboxId()).isEqualTo(OutboxItem.NURTURE_SLOT);
        assertThat(slot.step()).isEqualTo(1);
        assertThat(slot.attempts()).isZero();
        assertThat(slot.leaseUntil()).isNull();
        assertThat(storage().leads().findById(lead.id()).orElseThrow().nurture()).isEqualTo(after);
    }

    @Test
    default void aDispatcherWhoseLeaseRanOutRecordsNothing() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem welcome = welcomeOf(lead);
        OutboxItem slow = claimed(welcome, T0);
        OutboxItem takenOver = claimed(welcome, T0.plus(LEASE).plusSeconds(1));

        storage().outbox().sent(slow, message(lead.id(), "slow", T0.plus(LEASE)), null, null, entry(T0.plus(LEASE), "late"), null);
        storage().outbox().retryLater(slow, T0.plus(Duration.ofHours(1)), "throttled");
        storage().outbox().drop(slow, null, entry(T0.plus(LEASE), "dropped late"));

        assertThat(storage().outbox().find(lead.id(), welcome.outboxId())).contains(takenOver);
        assertThat(storage().messages().sentMessages(lead.id())).isEmpty();
        assertThat(storage().queries().timeline(lead.id())).extracting(TimelineEntry::detail).containsExactly("created");
    }

    @Test
    default void aRetryMovesTheItemLaterAndFreesIt() {
        OutboxItem welcome = welcomeOf(lead(T0, Tier.WARM, Stage.MQL));

        storage().outbox().retryLater(claimed(welcome, T0), T0.plus(Duration.ofMinutes(5)), "throttled");

        assertThat(storage().outbox().due(T0.plus(Duration.ofMinutes(4)), 10)).isEmpty();
        OutboxItem again = claimed(storage().outbox().due(T0.plus(Duration.ofMinutes(5)), 10).get(0), T0.plus(Duration.ofMinutes(5)));
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    default void aDroppedItemLeavesTheDueIndexWithTheTimelineSayingWhy() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem welcome = welcomeOf(lead);

        // A minute on: two entries of the same instant have no order in the table (the sort key's tail is random).
        Instant failed = T0.plus(Duration.ofMinutes(1));
        storage().outbox().drop(claimed(welcome, failed), null, entry(failed, "welcome not sent: refused by the mail service"));

        assertThat(storage().outbox().due(T0.plus(Duration.ofDays(30)), 10)).isEmpty();
        assertThat(storage().outbox().claim(welcome, T0.plus(Duration.ofDays(1)), LEASE)).isEmpty();
        assertThat(storage().queries().timeline(lead.id())).extracting(TimelineEntry::detail)
                .containsExactly("created", "welcome not sent: refused by the mail service");
    }

    @Test
    default void aLeadGetsOneMarketingReservationPerPeriod() {
        LeadRecord lead = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        Duration day = Duration.ofDays(1);

        assertThat(storage().outbox().reserveMarketing(lead.id(), T0, day)).isTrue();
        assertThat(storage().outbox().reserveMarketing(lead.id(), T0.plus(Duration.ofHours(23)), day)).isFalse();
        assertThat(storage().outbox().reserveMarketing(lead.id(), T0.plus(day), day)).isTrue();
        assertThat(storage().leads().findById(lead.id()).orElseThrow().contact().lastMarketingAt()).isEqualTo(T0.plus(day));
        assertThat(storage().outbox().reserveMarketing("no-such-lead", T0, day)).isFalse();
    }

    @Test
    default void concurrentReservationsGrantOne() {
        LeadRecord lead = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));

        List<Boolean> granted = atOnce(6, () -> storage().outbox().reserveMarketing(lead.id(), T0, Duration.ofDays(1)));

        assertThat(granted).containsOnlyOnce(true);
    }

    @Test
    default void aReleasedReservationGivesTheDayBackUnlessANewerOneReplacedIt() {
        LeadRecord lead = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        Duration day = Duration.ofDays(1);
        Instant later = T0.plus(Duration.ofHours(30));
        storage().outbox().reserveMarketing(lead.id(), T0, day);
        storage().outbox().reserveMarketing(lead.id(), later, day);

        storage().outbox().releaseMarketing(lead.id(), later, T0);
        assertThat(storage().leads().findById(lead.id()).orElseThrow().contact().lastMarketingAt()).isEqualTo(T0);
        assertThat(storage().outbox().reserveMarketing(lead.id(), later.plusSeconds(60), day)).isTrue();

        storage().outbox().releaseMarketing(lead.id(), later, T0);
        assertThat(storage().outbox().reserveMarketing(lead.id(), later.plusSeconds(120), day))
                .as("the newer reservation stood").isFalse();

        storage().outbox().releaseMarketing(lead.id(), later.plusSeconds(60), null);
        assertThat(storage().leads().findById(lead.id()).orElseThrow().contact().lastMarketingAt()).isNull();
    }
}
