package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.IdempotencyMarker;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.LeadUnitOfWork.SaveResult;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.ports.UnverifiedSubmission;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.change;
import static io.leadtriage.testing.contract.ContractFixtures.create;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.marker;
import static io.leadtriage.testing.contract.ContractFixtures.next;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static io.leadtriage.testing.contract.ContractFixtures.withEmail;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link LeadUnitOfWork}: one conditional write of the whole change, the email unique, a marker's change once. */
public interface LeadUnitOfWorkContract extends StorageContract {

    @Test
    default void aNewLeadIsStoredWithItsEmailAndReadsBackAsWritten() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);

        assertThat(storage().leads().save(create(lead))).isEqualTo(SaveResult.SAVED);

        assertThat(storage().leads().findById(lead.id())).contains(lead);
        assertThat(storage().leads().findLeadIdByEmail(lead.lead().email())).contains(lead.id());
        assertThat(storage().leads().findLeadIdByEmail("nobody@northwind-saas.com")).isEmpty();
    }

    @Test
    default void aSecondNewLeadWithTheSameEmailConflicts() {
        LeadRecord first = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        LeadRecord sameEmail = withEmail(lead(T0, Tier.COLD, Stage.LEAD), first.lead().email());

        assertThat(storage().leads().save(create(sameEmail))).isEqualTo(SaveResult.CONFLICT);
        assertThat(storage().leads().findById(sameEmail.id())).isEmpty();
        assertThat(storage().leads().findLeadIdByEmail(first.lead().email())).contains(first.id());
    }

    @Test
    default void anUnverifiedSubmissionFindsItsLeadUntilItExpiresAndOnlyIfItsWriteWasStored() {
        LeadRecord v1 = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        LeadRecord v2 = next(v1, T0.plusSeconds(60));
        UnverifiedSubmission stored = new UnverifiedSubmission("9b2f4c1e-0d7a-4e3b-8f5c-2a6d1e9b7c30", v1.id(),
                T0.plus(Duration.ofDays(7)));
        UnverifiedSubmission lost = new UnverifiedSubmission("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", v1.id(),
                T0.plus(Duration.ofDays(7)));
        LeadWrite write = change(v2, "unverified post");
        assertThat(storage().leads().save(new LeadWrite(write.lead(), write.expectedVersion(), write.timeline(), null,
                List.of(), List.of(), stored))).isEqualTo(SaveResult.SAVED);
        LeadWrite stale = change(next(v1, T0.plusSeconds(90)), "lost change");
        assertThat(storage().leads().save(new LeadWrite(stale.lead(), stale.expectedVersion(), stale.timeline(), null,
                List.of(), List.of(), lost))).isEqualTo(SaveResult.CONFLICT);

        assertThat(storage().leads().findLeadIdByUnverifiedSubmission(stored.id(), T0.plus(Duration.ofDays(6))))
                .contains(v1.id());
        assertThat(storage().leads().findLeadIdByUnverifiedSubmission(stored.id(), T0.plus(Duration.ofDays(7))))
                .as("expired, though TTL may not have removed it yet").isEmpty();
        assertThat(storage().leads().findLeadIdByUnverifiedSubmission(lost.id(), T0)).isEmpty();
        assertThat(storage().leads().findById(stored.id())).as("its id names no lead").isEmpty();
    }

    @Test
    default void aChangeFromAStaleVersionConflictsAndStoresNothing() {
        LeadRecord v1 = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        LeadRecord v2 = next(v1, T0.plusSeconds(60));
        assertThat(storage().leads().save(change(v2, "first change"))).isEqualTo(SaveResult.SAVED);

        LeadRecord fromStaleRead = next(v1, T0.plusSeconds(120)).withQualification(lead(T0, Tier.HOT, Stage.SQL).qualification());
        assertThat(storage().leads().save(change(fromStaleRead, "lost change"))).isEqualTo(SaveResult.CONFLICT);

        assertThat(storage().leads().findById(v1.id())).contains(v2);
        assertThat(storage().queries().timeline(v1.id())).extracting(TimelineEntry::detail)
                .containsExactly("created", "first change");
    }

    @Test
    default void aChangeOfALeadNobodyStoredConflicts() {
        LeadRecord never = next(next(lead(T0, Tier.WARM, Stage.MQL), T0), T0);

        assertThat(storage().leads().save(change(never, "change"))).isEqualTo(SaveResult.CONFLICT);
        assertThat(storage().leads().findById(never.id())).isEmpty();
    }

    @Test
    default void aChangeWhoseMarkerStandsIsADuplicateAndStoresNothing() {
        LeadRecord v1 = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        IdempotencyMarker once = marker("form#demo#" + v1.id(), v1.id(), T0.plusSeconds(60), T0.plus(Duration.ofDays(7)));
        LeadRecord v2 = next(v1, T0.plusSeconds(60));
        assertThat(storage().leads().save(change(v2, "submitted", once, List.of(), List.of()))).isEqualTo(SaveResult.SAVED);

        LeadRecord v3 = next(v2, T0.plusSeconds(3600));
        IdempotencyMarker repeat = marker(once.key(), v1.id(), T0.plusSeconds(3600), T0.plus(Duration.ofDays(8)));
        assertThat(storage().leads().save(change(v3, "submitted again", repeat, List.of(), List.of())))
                .isEqualTo(SaveResult.DUPLICATE);

        assertThat(storage().leads().findMarker(once.key())).contains(once);
        assertThat(storage().leads().findById(v1.id())).contains(v2);
        assertThat(storage().queries().timeline(v1.id())).extracting(TimelineEntry::detail).doesNotContain("submitted again");
    }

    @Test
    default void aMarkerPastItsTimeNoLongerMakesARepeat() {
        LeadRecord v1 = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        IdempotencyMarker once = marker("hash#abc", v1.id(), T0, T0.plus(Duration.ofMinutes(10)));
        LeadRecord v2 = next(v1, T0);
        assertThat(storage().leads().save(change(v2, "submitted", once, List.of(), List.of()))).isEqualTo(SaveResult.SAVED);

        IdempotencyMarker later = marker(once.key(), v1.id(), T0.plus(Duration.ofMinutes(11)), T0.plus(Duration.ofMinutes(21)));
        LeadRecord v3 = next(v2, later.at());

        assertThat(storage().leads().findMarker(once.key()).orElseThrow().standsAt(later.at())).isFalse();
        assertThat(storage().leads().save(change(v3, "submitted later", later, List.of(), List.of())))
                .isEqualTo(SaveResult.SAVED);
        assertThat(storage().leads().findMarker(once.key())).contains(later);
    }

    @Test
    default void aSecondSalesAlertForOneHotEpisodeConflicts() {
        LeadRecord v1 = lead(T0, Tier.HOT, Stage.SQL);
        saved(storage(), v1, OutboxItem.salesAlert(v1.id(), 1, "default", List.of("sales@example.com"), false, T0));

        LeadRecord v2 = next(v1, T0.plusSeconds(1));
        OutboxItem sameEpisode = OutboxItem.salesAlert(v1.id(), 1, "default", List.of("sales@example.com"), false, v2.updatedAt());
        assertThat(storage().leads().save(change(v2, "raced", null, List.of(sameEpisode), List.of())))
                .isEqualTo(SaveResult.CONFLICT);

        OutboxItem nextEpisode = OutboxItem.salesAlert(v1.id(), 2, "default", List.of("sales@example.com"), false, v2.updatedAt());
        assertThat(storage().leads().save(change(v2, "hot again", null, List.of(nextEpisode), List.of())))
                .isEqualTo(SaveResult.SAVED);
    }

    @Test
    default void aWriteStoresItsOutboxItemsAndClearsTheSlotsItNames() {
        LeadRecord v1 = lead(T0, Tier.WARM, Stage.MQL);
        saved(storage(), v1, OutboxItem.nurtureStep(v1.id(), "warm", 0, T0, T0), OutboxItem.reminder(v1.id(), T0, T0));
        assertThat(storage().outbox().due(T0, 10)).extracting(OutboxItem::outboxId)
                .containsExactlyInAnyOrder(OutboxItem.NURTURE_SLOT, OutboxItem.REMINDER_SLOT);

        LeadRecord v2 = next(v1, T0.plusSeconds(60));
        storage().leads().save(change(v2, "turned hot", null, List.of(), List.of(OutboxItem.NURTURE_SLOT)));
        assertThat(storage().outbox().find(v1.id(), OutboxItem.NURTURE_SLOT)).isEmpty();
        assertThat(storage().outbox().due(T0.plusSeconds(60), 10)).extracting(OutboxItem::outboxId)
                .containsExactly(OutboxItem.REMINDER_SLOT);

        // A slot both cleared and put by one write is replaced, not cleared.
        LeadRecord v3 = next(v2, T0.plusSeconds(120));
        OutboxItem otherSequence = OutboxItem.nurtureStep(v1.id(), "cold", 0, T0.plusSeconds(120), T0.plusSeconds(120));
        storage().leads().save(change(v3, "switched", null, List.of(otherSequence), List.of(OutboxItem.NURTURE_SLOT)));
        assertThat(storage().outbox().find(v1.id(), OutboxItem.NURTURE_SLOT)).contains(otherSequence);
    }
}
