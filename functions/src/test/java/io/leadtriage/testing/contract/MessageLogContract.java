package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.message;
import static io.leadtriage.testing.contract.ContractFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MessageLog}: the emails sent about a lead, oldest first, with their first delivery, every click, and the
 * first bounce and complaint reported.
 */
public interface MessageLogContract extends StorageContract {

    /** Sends the item at {@code at} as message {@code sendId}, through the outbox as a dispatcher does. */
    private void send(OutboxItem item, String sendId, Instant at) {
        OutboxItem claimed = storage().outbox().claim(item, at, Duration.ofMinutes(1)).orElseThrow();
        storage().outbox().sent(claimed, message(item.leadId(), sendId, at), null, null, null, null);
    }

    @Test
    default void theMessagesOfALeadComeOldestFirstWithTheirFirstDeliveryAndEveryClick() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem welcome = OutboxItem.nurtureStep(lead.id(), "warm", 0, T0, T0);
        OutboxItem reminder = OutboxItem.reminder(lead.id(), T0.plus(Duration.ofDays(3)), T0);
        saved(storage(), lead, welcome, reminder);
        send(reminder, "second", reminder.dueAt());
        send(welcome, "first", T0);
        SentMessage.Click scanner = new SentMessage.Click("https://example.com/a", T0.plusSeconds(2), true);
        SentMessage.Click person = new SentMessage.Click("https://example.com/b", T0.plusSeconds(600), false);

        storage().messages().recordDelivery(lead.id(), "first", T0.plusSeconds(1));
        storage().messages().recordDelivery(lead.id(), "first", T0.plusSeconds(5));
        storage().messages().recordClick(lead.id(), "first", scanner);
        storage().messages().recordClick(lead.id(), "first", person);

        assertThat(storage().messages().sentMessages(lead.id())).extracting(SentMessage::sendId).containsExactly("first", "second");
        SentMessage first = storage().messages().findMessage(lead.id(), "first").orElseThrow();
        assertThat(first.deliveredAt()).as("the first delivery reported stands").isEqualTo(T0.plusSeconds(1));
        assertThat(first.clicks()).containsExactly(scanner, person);
        assertThat(first.linkCount()).isEqualTo(2);
    }

    @Test
    default void theFirstBounceAndTheFirstComplaintReportedStand() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem welcome = OutboxItem.nurtureStep(lead.id(), "warm", 0, T0, T0);
        saved(storage(), lead, welcome);
        send(welcome, "first", T0);

        assertThat(storage().messages().recordBounce(lead.id(), "first", T0.plusSeconds(3))).isTrue();
        assertThat(storage().messages().recordBounce(lead.id(), "first", T0.plusSeconds(9))).as("a redelivery").isFalse();
        assertThat(storage().messages().recordComplaint(lead.id(), "first", T0.plusSeconds(60))).isTrue();
        assertThat(storage().messages().recordComplaint(lead.id(), "first", T0.plusSeconds(90))).isFalse();

        SentMessage first = storage().messages().findMessage(lead.id(), "first").orElseThrow();
        assertThat(first.bouncedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(first.complainedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(first.deliveredAt()).isNull();
        assertThat(first.clicks()).isEmpty();
    }

    @Test
    default void notesOnAMessageThatIsGoneAreNotKept() {
        LeadRecord lead = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));

        storage().messages().recordDelivery(lead.id(), "expired", T0);
        storage().messages().recordClick(lead.id(), "expired", new SentMessage.Click("https://example.com", T0, false));
        assertThat(storage().messages().recordBounce(lead.id(), "expired", T0)).isFalse();
        assertThat(storage().messages().recordComplaint(lead.id(), "expired", T0)).isFalse();

        assertThat(storage().messages().findMessage(lead.id(), "expired")).isEmpty();
        assertThat(storage().messages().sentMessages(lead.id())).isEmpty();
    }
}
