package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadFilter;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.IdempotencyMarker;
import io.leadtriage.app.ports.LeadErasure;
import io.leadtriage.app.ports.LeadUnitOfWork.SaveResult;
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
import static io.leadtriage.testing.contract.ContractFixtures.message;
import static io.leadtriage.testing.contract.ContractFixtures.next;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static io.leadtriage.testing.contract.ContractFixtures.withEmail;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link LeadErasure}: everything held about the lead goes, and only an anonymous count stays. */
public interface LeadErasureContract extends StorageContract {

    @Test
    default void erasureTakesTheLeadItsEmailTimelineOutboxAndMessagesAndIsCounted() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem welcome = OutboxItem.nurtureStep(lead.id(), "warm", 0, T0, T0);
        saved(storage(), lead, welcome, OutboxItem.reminder(lead.id(), T0.plus(Duration.ofHours(1)), T0));
        IdempotencyMarker once = marker("ses#event-1", lead.id(), T0, T0.plus(Duration.ofDays(7)));
        storage().leads().save(change(next(lead, T0), "clicked", once, List.of(), List.of()));
        OutboxItem claimed = storage().outbox().claim(welcome, T0, Duration.ofMinutes(1)).orElseThrow();
        storage().outbox().sent(claimed, message(lead.id(), "send-1", T0), null, null, null, null);
        long erasedBefore = erasuresCounted();

        assertThat(storage().erasure().erase(lead.id(), ContractFixtures::erasedEvent)).isTrue();

        assertThat(storage().leads().findById(lead.id())).isEmpty();
        assertThat(storage().queries().findById(lead.id())).isEmpty();
        assertThat(storage().leads().findLeadIdByEmail(lead.lead().email())).isEmpty();
        assertThat(storage().queries().timeline(lead.id())).isEmpty();
        assertThat(storage().messages().sentMessages(lead.id())).isEmpty();
        assertThat(storage().outbox().find(lead.id(), OutboxItem.REMINDER_SLOT)).isEmpty();
        assertThat(storage().outbox().due(T0.plus(Duration.ofDays(365)), 100)).isEmpty();
        assertThat(storage().queries().listLeads(LeadFilter.ANY, 10, null, T0).leads()).isEmpty();
        assertThat(erasuresCounted()).isEqualTo(erasedBefore + 1);
        // The marker holds only the lead's id and expires on its own; a repeat of its change finds no lead.
        assertThat(storage().leads().findMarker(once.key())).isPresent();
    }

    @Test
    default void theAddressOfAnErasedLeadMayComeBackAsANewLead() {
        LeadRecord erased = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));
        storage().erasure().erase(erased.id(), ContractFixtures::erasedEvent);
        LeadRecord returning = withEmail(lead(T0.plusSeconds(60), Tier.COLD, Stage.LEAD), erased.lead().email());

        assertThat(storage().leads().save(create(returning))).isEqualTo(SaveResult.SAVED);
        assertThat(storage().leads().findLeadIdByEmail(erased.lead().email())).contains(returning.id());
    }

    @Test
    default void erasingALeadNobodyStoredChangesNothing() {
        long erasedBefore = erasuresCounted();

        assertThat(storage().erasure().erase("no-such-lead", ContractFixtures::erasedEvent)).isFalse();
        assertThat(erasuresCounted()).isEqualTo(erasedBefore);
    }
}
