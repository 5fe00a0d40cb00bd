package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.domain.reports.Tally;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

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
    CountChange NONE = CountChange.none("any");

    /** A warm lead whose welcome (step 0 of {@code warm}) went out at T0 as message {@code first}. */
    private LeadRecord withWelcomeSent() {
        LeadRecord lead = lead(T0, Tier.WARM, Stage.MQL);
        OutboxItem welcome = OutboxItem.nurtureStep(lead.id(), "warm", 0, T0, T0);
        saved(storage(), lead, welcome);
        send(welcome, "first", T0);
        return lead;
    }

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

        storage().messages().recordDelivery(lead.id(), "first", T0.plusSeconds(1), NONE);
        storage().messages().recordDelivery(lead.id(), "first", T0.plusSeconds(5), NONE);
        storage().messages().recordClick(lead.id(), "first", scanner, NONE);
        storage().messages().recordClick(lead.id(), "first", person, NONE);

        assertThat(storage().messages().sentMessages(lead.id())).extracting(SentMessage::sendId).containsExactly("first", "second");
        SentMessage first = storage().messages().findMessage(lead.id(), "first").orElseThrow();
        assertThat(first.deliveredAt()).as("the first delivery reported stands").isEqualTo(T0.plusSeconds(1));
        assertThat(first.clicks()).containsExactly(scanner, person);
        assertThat(first.linkCount()).isEqualTo(2);
    }

    @Test
    default void theFirstBounceAndTheFirstComplaintReportedStand() {
        LeadRecord lead = withWelcomeSent();

        assertThat(storage().messages().recordBounce(lead.id(), "first", T0.plusSeconds(3), NONE)).isTrue();
        assertThat(storage().messages().recordBounce(lead.id(), "first", T0.plusSeconds(9), NONE)).as("a redelivery").isFalse();
        assertThat(storage().messages().recordComplaint(lead.id(), "first", T0.plusSeconds(60), NONE)).isTrue();
        assertThat(storage().messages().recordComplaint(lead.id(), "first", T0.plusSeconds(90), NONE)).isFalse();

        SentMessage first = storage().messages().findMessage(lead.id(), "first").orElseThrow();
        assertThat(first.bouncedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(first.complainedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(first.deliveredAt()).isNull();
        assertThat(first.clicks()).isEmpty();
    }

    @Test
    default void notesOnAMessageThatIsGoneAreNotKept() {
        LeadRecord lead = saved(storage(), lead(T0, Tier.WARM, Stage.MQL));

        storage().messages().recordDelivery(lead.id(), "expired", T0, NONE);
        storage().messages().recordClick(lead.id(), "expired", new SentMessage.Click("https://example.com", T0, false), NONE);
        assertThat(storage().messages().recordBounce(lead.id(), "expired", T0, NONE)).isFalse();
        assertThat(storage().messages().recordComplaint(lead.id(), "expired", T0, NONE)).isFalse();

        assertThat(storage().messages().findMessage(lead.id(), "expired")).isEmpty();
        assertThat(storage().messages().sentMessages(lead.id())).isEmpty();
    }

    @Test
    default void aNoteAddsToItsEmailFiguresInTheSameWriteOnlyWhenItIsMade() {
        LeadRecord lead = withWelcomeSent();
        EmailStep step = EmailStep.nurture(T0, "warm", 0);
        EmailStep alert = EmailStep.of(T0, "sales_alert");

        assertThat(storage().messages().recordDelivery(lead.id(), "first", T0, CountChange.email(lead.id(), step,
                EmailStep.DELIVERED))).isTrue();
        assertThat(storage().messages().recordDelivery(lead.id(), "first", T0.plusSeconds(5), CountChange.email(lead.id(), step,
                EmailStep.DELIVERED))).as("a redelivery").isFalse();
        assertThat(storage().messages().recordClick(lead.id(), "first", new SentMessage.Click("https://example.com/a", T0, false),
                CountChange.email(lead.id(), alert, EmailStep.CLICKED))).isTrue();
        assertThat(storage().messages().recordBounce(lead.id(), "first", T0, CountChange.email(lead.id(), alert,
                EmailStep.BOUNCED))).isTrue();
        assertThat(storage().messages().recordBounce(lead.id(), "first", T0, CountChange.email(lead.id(), alert,
                EmailStep.BOUNCED))).isFalse();
        assertThat(storage().messages().recordComplaint(lead.id(), "gone", T0, CountChange.email(lead.id(), alert,
                EmailStep.COMPLAINED))).as("a message that is gone").isFalse();

        LocalDate day = LocalDate.of(2026, 11, 23);
        assertThat(storage().counters().emailsByDay(day, day.plusDays(1))).containsOnly(
                Map.entry(step, new Tally(Map.of(EmailStep.DELIVERED, 1L))),
                Map.entry(alert, new Tally(Map.of(EmailStep.CLICKED, 1L, EmailStep.BOUNCED, 1L))));
    }

    @Test
    default void onlyAMessagesFirstClickByAPersonAddsToItsClickedFigure() {
        LeadRecord lead = withWelcomeSent();
        EmailStep step = EmailStep.nurture(T0, "warm", 0);
        CountChange clicked = CountChange.email(lead.id(), step, EmailStep.CLICKED);

        assertThat(storage().messages().recordClick(lead.id(), "first",
                new SentMessage.Click("https://example.com/a", T0.plusSeconds(2), true), clicked))
                .as("a link scanner's click counts nothing, and leaves the first click by a person to come").isFalse();
        assertThat(storage().messages().recordClick(lead.id(), "first",
                new SentMessage.Click("https://example.com/a", T0.plusSeconds(600), false), clicked)).isTrue();
        assertThat(storage().messages().recordClick(lead.id(), "first",
                new SentMessage.Click("https://example.com/b", T0.plusSeconds(900), false), clicked)).isFalse();

        assertThat(storage().messages().findMessage(lead.id(), "first").orElseThrow().clicks()).hasSize(3);
        assertThat(storage().counters().emailsByDay(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24)))
                .containsOnly(Map.entry(step, new Tally(Map.of(EmailStep.CLICKED, 1L))));
    }

    /**
     * Two first clicks by a person on one email at the same moment (two SES events handled side by side, each having
     * read the message before the other wrote): exactly one adds to the clicked figure, and both clicks are kept. A few
     * emails, so that the two writes meet more than once.
     */
    @Test
    default void ofTwoFirstClicksAtOnceExactlyOneCounts() {
        EmailStep step = EmailStep.nurture(T0, "warm", 0);
        int emails = 5;
        for (int i = 0; i < emails; i++) {
            LeadRecord lead = withWelcomeSent();
            java.util.concurrent.atomic.AtomicInteger link = new java.util.concurrent.atomic.AtomicInteger();

            java.util.List<Boolean> counted = ContractFixtures.atOnce(2, () -> storage().messages().recordClick(lead.id(),
                    "first", new SentMessage.Click("https://example.com/" + link.incrementAndGet(), T0.plusSeconds(600), false),
                    CountChange.email(lead.id(), step, EmailStep.CLICKED)));

            assertThat(counted).containsExactlyInAnyOrder(true, false);
            assertThat(storage().messages().findMessage(lead.id(), "first").orElseThrow().clicks()).hasSize(2);
        }
        assertThat(storage().counters().emailsByDay(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24)))
                .containsOnly(Map.entry(step, new Tally(Map.of(EmailStep.CLICKED, (long) emails))));
    }
}
