package io.leadtriage.testing.contract;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.app.SalesState;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.LeadUnitOfWork.SaveResult;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.ports.ReportCounters.Backfill;
import io.leadtriage.app.reports.Cohort;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.app.reports.RuleSet;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import io.leadtriage.domain.reports.Tally;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static io.leadtriage.testing.contract.ContractFixtures.entry;
import static io.leadtriage.testing.contract.ContractFixtures.lead;
import static io.leadtriage.testing.contract.ContractFixtures.message;
import static io.leadtriage.testing.contract.ContractFixtures.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReportCounters}: the counts a lead's writes carry add up, by day, by month and cell, and by rule set; an
 * erasure takes a lead's counts back; the backfill counts a lead once; its progress is held by one run at a time.
 */
public interface ReportCountersContract extends StorageContract {
    LocalDate DAY = LocalDate.of(2026, 11, 23);
    YearMonth MONTH = YearMonth.of(2026, 11);

    private static LeadRecord sourced(LeadRecord lead, String campaign) {
        return lead.changed().source(Map.of("formId", "demo", "utm_source", "google", "utm_campaign", campaign)).build();
    }

    private static LeadRecord tier(LeadRecord lead, Tier tier, Instant at) {
        QualificationSummary q = lead.qualification();
        return next(lead, at).changed().qualification(new QualificationSummary(q.score(), tier, q.stage(), q.breakdown(),
                q.disqualifiedBecause(), q.painPoints(), q.role(), at)).build();
    }

    private LeadRecord created(LeadRecord lead) {
        assertThat(storage().leads().save(new LeadWrite(lead, 0, List.of(entry(lead.createdAt(), "created")), null,
                List.of(), List.of(), null, CountChange.between(null, lead)))).isEqualTo(SaveResult.SAVED);
        return lead;
    }

    private LeadRecord changed(LeadRecord before, LeadRecord after) {
        assertThat(storage().leads().save(new LeadWrite(after, before.version(), List.of(entry(after.updatedAt(), "changed")),
                null, List.of(), List.of(), null, CountChange.between(before, after)))).isEqualTo(SaveResult.SAVED);
        return after;
    }

    private Tally day(LocalDate day) {
        return storage().counters().funnelByDay(day, day.plusDays(1)).getOrDefault(day, Tally.NONE);
    }

    @Test
    default void theCountsOfEachWriteAddUpByDayAndByCell() {
        created(sourced(lead(T0, Tier.HOT, Stage.SQL), "spring"));
        created(sourced(lead(T0.plusSeconds(60), Tier.WARM, Stage.MQL), "spring"));
        created(sourced(lead(T0.plus(Duration.ofDays(1)), Tier.COLD, Stage.LEAD), "Autumn Sale"));

        assertThat(day(DAY).counts()).containsEntry("n", 2L).containsEntry("t.hot", 1L).containsEntry("t.warm", 1L);
        assertThat(storage().counters().funnelByDay(DAY, DAY.plusDays(2))).hasSize(2);
        assertThat(storage().counters().funnelByDay(DAY.plusDays(2), DAY.plusDays(9))).isEmpty();
        Map<Cohort, Tally> cells = storage().counters().funnelByMonth(MONTH, MONTH);
        assertThat(cells.get(new Cohort(MONTH.atDay(1), "demo", "google", "spring")).get("n")).isEqualTo(2);
        assertThat(cells.get(new Cohort(MONTH.atDay(1), "demo", "google", "autumn-sale")).get("t.cold")).isEqualTo(1);
        assertThat(storage().counters().funnelByMonth(MONTH.plusMonths(1), MONTH.plusMonths(3))).isEmpty();
    }

    @Test
    default void aLeadThatChangesTierMovesItsCount() {
        LeadRecord warm = created(lead(T0, Tier.WARM, Stage.MQL));

        changed(warm, tier(warm, Tier.HOT, T0.plusSeconds(5)));

        assertThat(day(DAY).counts()).containsEntry("n", 1L).containsEntry("t.hot", 1L).doesNotContainKey("t.warm");
    }

    @Test
    default void anErasedLeadTakesItsCountsBack() {
        LeadRecord kept = created(lead(T0, Tier.WARM, Stage.MQL));
        LeadRecord erased = created(lead(T0.plusSeconds(1), Tier.HOT, Stage.SQL));
        changed(erased, tier(erased, Tier.WARM, T0.plusSeconds(2)));

        storage().erasure().erase(erased.id(), ContractFixtures::erasedEvent);

        assertThat(day(DAY).counts()).containsEntry("n", 1L).containsEntry("t.warm", 1L).doesNotContainKey("t.hot");
        assertThat(storage().leads().findById(kept.id())).isPresent();
    }

    @Test
    default void theFirstAlertsSpeedIsCountedWithItsSendAndNotWhenTheLeaseWasLost() {
        LeadRecord lead = lead(T0, Tier.HOT, Stage.SQL);
        lead = lead.withSales(SalesState.NONE.withFirstHot(T0));
        OutboxItem alert = OutboxItem.salesAlert(lead.id(), 1, "default", List.of("sales@example.com"), false, T0);
        assertThat(storage().leads().save(new LeadWrite(lead, 0, List.of(), null, List.of(alert), List.of(), null,
                CountChange.between(null, lead)))).isEqualTo(SaveResult.SAVED);
        OutboxItem claimed = storage().outbox().claim(alert, T0, Duration.ofMinutes(1)).orElseThrow();
        Instant sentAt = T0.plusSeconds(3);
        LeadRecord alerted = lead.withSales(new SalesState(T0, sentAt, null, null, null, null, null, Set.of(), List.of(),
                false, null));
        CountChange speed = CountChange.between(lead, alerted);
        OutboxItem stale = storage().outbox().claim(alert, T0.plus(Duration.ofMinutes(2)), Duration.ofMinutes(1)).orElseThrow();

        storage().outbox().sent(claimed, message(lead.id(), "lost-lease", sentAt), null, null, null, null, speed);
        assertThat(day(DAY).get("alert.n")).as("a send whose lease ran out records nothing").isZero();
        storage().outbox().sent(stale, message(lead.id(), "send-1", sentAt), null, null, null, null, speed);

        assertThat(day(DAY).counts()).containsEntry("alert.n", 1L).containsEntry("alert.ms", 3000L).containsEntry("alert.le5", 1L);
    }

    @Test
    default void aNurtureSendCountsForItsSequenceStepAndDay() {
        LeadRecord lead = created(lead(T0, Tier.WARM, Stage.MQL));
        OutboxItem step = OutboxItem.nurtureStep(lead.id(), "warm-welcome", 1, T0, T0);
        storage().leads().save(new LeadWrite(next(lead, T0), lead.version(), List.of(), null, List.of(step), List.of()));
        OutboxItem claimed = storage().outbox().claim(step, T0, Duration.ofMinutes(1)).orElseThrow();

        storage().outbox().sent(claimed, message(lead.id(), "send-1", T0), null, null, null, null,
                CountChange.email(lead.id(), EmailStep.nurture(T0, "warm-welcome", 1), EmailStep.SENT));

        assertThat(storage().counters().emailsByDay(DAY, DAY.plusDays(1))).containsExactly(Map.entry(
                new EmailStep(DAY, "nurture", "warm-welcome", 1), new Tally(Map.of("sent", 1L))));
        assertThat(storage().counters().emailsByDay(DAY.plusDays(1), DAY.plusDays(30))).isEmpty();
        assertThat(storage().counters().emailsByDay(DAY.minusDays(30), DAY)).isEmpty();
    }

    @Test
    default void emailFiguresOfEveryKindAreKeptPerDayAndAddedUpOverShards() {
        LeadRecord one = created(lead(T0, Tier.WARM, Stage.MQL));
        LeadRecord other = created(lead(T0.plusSeconds(1), Tier.HOT, Stage.SQL));
        EmailStep alert = EmailStep.of(T0, "sales_alert");
        EmailStep step = EmailStep.nurture(T0.plus(Duration.ofDays(40)), "cold-tips", 0);
        for (LeadRecord lead : List.of(one, other)) {
            storage().leads().save(new LeadWrite(next(lead, T0), lead.version(), List.of(), null, List.of(), List.of(), null,
                    CountChange.email(lead.id(), alert, EmailStep.SENT).plusEmail(step, EmailStep.CLICKED)));
        }

        assertThat(storage().counters().emailsByDay(DAY, DAY.plusDays(60))).containsOnly(
                Map.entry(alert, new Tally(Map.of("sent", 2L))), Map.entry(step, new Tally(Map.of("clicked", 2L))));
        assertThat(storage().counters().emailsByDay(DAY, DAY.plusDays(1))).containsOnlyKeys(alert);
    }

    @Test
    default void calibrationCountsAreKeptPerMonthAndRuleSet() {
        LeadRecord lead = created(lead(T0, Tier.HOT, Stage.SQL));
        LeadRecord won = next(lead, T0.plusSeconds(9)).withSales(SalesState.NONE.withOutcome("won", T0.plusSeconds(9),
                List.of("timeline-now", "demo-request")));
        changed(lead, won);
        LeadRecord other = created(lead(T0.plus(Duration.ofDays(40)), Tier.HOT, Stage.SQL));
        changed(other, next(other, T0.plus(Duration.ofDays(41))).withSales(SalesState.NONE.withOutcome("lost",
                T0.plus(Duration.ofDays(41)), List.of("demo-request", "timeline-now"))));

        assertThat(storage().counters().calibration(MONTH, MONTH)).containsExactly(Map.entry(
                new RuleSet(MONTH, List.of("demo-request", "timeline-now")), new Tally(Map.of("won", 1L))));
        assertThat(storage().counters().calibration(MONTH, MONTH.plusMonths(2))).hasSize(2);
    }

    @Test
    default void theBackfillCountsALeadStoredBeforeTheCountersOnce() {
        LeadRecord old = lead(T0, Tier.WARM, Stage.MQL).changed().counted(false).build();
        assertThat(storage().leads().save(new LeadWrite(old, 0, List.of(), null, List.of(), List.of()))).isEqualTo(SaveResult.SAVED);
        LeadRecord read = storage().queries().findById(old.id()).orElseThrow();
        assertThat(read.counted()).isFalse();

        assertThat(storage().counters().count(read)).isTrue();
        assertThat(storage().counters().count(read)).as("already counted").isFalse();

        assertThat(day(DAY).counts()).containsEntry("n", 1L).containsEntry("t.warm", 1L);
        LeadRecord counted = storage().queries().findById(old.id()).orElseThrow();
        assertThat(counted.counted()).isTrue();
        assertThat(counted.version()).as("a change that read it uncounted must read it again").isEqualTo(read.version() + 1);
    }

    @Test
    default void theBackfillIsHeldByOneRunAtATimeAndGoesOnFromItsCursor() {
        assertThat(storage().counters().backfill()).isEmpty();
        assertThat(storage().counters().claimBackfill("a", T0, T0.plusSeconds(60))).as("none started").isEmpty();
        Instant emailsBefore = T0.minus(Duration.ofDays(2));
        assertThat(storage().counters().startBackfill(T0, emailsBefore)).isTrue();
        assertThat(storage().counters().startBackfill(T0, emailsBefore)).as("one under way").isFalse();

        Backfill taken = storage().counters().claimBackfill("a", T0, T0.plusSeconds(60)).orElseThrow();
        assertThat(taken).isEqualTo(Backfill.started(T0, emailsBefore));
        assertThat(storage().counters().claimBackfill("b", T0.plusSeconds(1), T0.plusSeconds(61))).isEmpty();
        Backfill progress = new Backfill(taken.startedAt(), null, "page-2", 100, 40, emailsBefore, 7);
        assertThat(storage().counters().recordBackfill(progress, "a", T0.plusSeconds(90))).isTrue();
        assertThat(storage().counters().recordBackfill(progress, "b", T0.plusSeconds(90))).isFalse();
        assertThat(storage().counters().backfill()).contains(progress);

        Backfill resumed = storage().counters().claimBackfill("b", T0.plusSeconds(91), T0.plusSeconds(151)).orElseThrow();
        assertThat(resumed).isEqualTo(progress);
        Backfill finished = new Backfill(taken.startedAt(), T0.plusSeconds(100), null, 150, 60, emailsBefore, 12);
        assertThat(storage().counters().recordBackfill(finished, "b", T0.plusSeconds(100))).isTrue();
        assertThat(storage().counters().backfill()).contains(finished);
        assertThat(storage().counters().claimBackfill("b", T0.plusSeconds(200), T0.plusSeconds(260))).isEmpty();
        assertThat(storage().counters().startBackfill(T0.plusSeconds(300), emailsBefore)).as("again, once finished").isTrue();
    }

    @Test
    default void theBackfillCountsWhatHappenedToASentMessageOnceWithItsMark() {
        LeadRecord lead = created(lead(T0, Tier.WARM, Stage.MQL));
        OutboxItem step = OutboxItem.nurtureStep(lead.id(), "warm", 0, T0, T0);
        storage().leads().save(new LeadWrite(next(lead, T0), lead.version(), List.of(), null, List.of(step), List.of()));
        storage().outbox().sent(storage().outbox().claim(step, T0, Duration.ofMinutes(1)).orElseThrow(),
                message(lead.id(), "send-1", T0), null, null, null, null);
        storage().messages().recordDelivery(lead.id(), "send-1", T0.plusSeconds(5), CountChange.none(lead.id()));
        io.leadtriage.app.outbox.SentMessage read = storage().messages().findMessage(lead.id(), "send-1").orElseThrow();
        assertThat(read.backfilled()).isFalse();
        EmailStep welcome = EmailStep.nurture(T0, "warm", 0);
        CountChange past = CountChange.email(lead.id(), welcome, EmailStep.SENT).plusEmail(welcome, EmailStep.DELIVERED);

        assertThat(storage().counters().countMessage(read, past)).isTrue();
        assertThat(storage().counters().countMessage(read, past)).as("marked already").isFalse();
        assertThat(storage().counters().countMessage(io.leadtriage.app.outbox.SentMessage.sent(lead.id(), "gone",
                io.leadtriage.app.ports.EmailKind.NURTURE, "welcome", "ses-gone", T0, 1), past)).as("a message that is gone")
                .isFalse();

        assertThat(storage().counters().emailsByDay(DAY, DAY.plusDays(1))).containsOnly(
                Map.entry(welcome, new Tally(Map.of("sent", 1L, "delivered", 1L))));
        io.leadtriage.app.outbox.SentMessage marked = storage().messages().findMessage(lead.id(), "send-1").orElseThrow();
        assertThat(marked).isEqualTo(read.markedBackfilled());
        storage().messages().recordClick(lead.id(), "send-1", new io.leadtriage.app.outbox.SentMessage.Click(
                "https://example.com/a", T0.plusSeconds(900), false), CountChange.none(lead.id()));
        assertThat(storage().messages().findMessage(lead.id(), "send-1").orElseThrow().backfilled())
                .as("a later note keeps the mark").isTrue();
    }
}
