package io.leadtriage.app.ports;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.Cohort;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.app.reports.RuleSet;
import io.leadtriage.domain.reports.Tally;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

/**
 * The report counters, as the reports read them. They are written with each lead change, in its own write
 * ({@link LeadWrite#counts()}, the erasure, the alert's send), so that reports read counters, never leads; and by
 * {@link #count}, the backfill of leads stored before they existed.
 */
public interface ReportCounters {
    /** The funnel counts of the leads first seen on each day of [from, to) (UTC); days with none are left out. */
    Map<LocalDate, Tally> funnelByDay(LocalDate from, LocalDate to);

    /**
     * The funnel counts of the leads first seen in the months [from, to], per month, form, source and campaign: each
     * key a {@link Cohort} whose day is the first of its month.
     */
    Map<Cohort, Tally> funnelByMonth(YearMonth from, YearMonth to);

    /**
     * The email figures of the days [from, to) (UTC, the day each event happened), per day, kind and nurture sequence
     * step; days with none are left out.
     */
    Map<EmailStep, Tally> emailsByDay(LocalDate from, LocalDate to);

    /** Won and lost per rule set, for the leads first seen in the months [from, to]. */
    Map<RuleSet, Tally> calibration(YearMonth from, YearMonth to);

    /**
     * Counts a lead stored before the counters existed (the backfill), as {@code read}, and marks it counted, both at
     * once and only if it is still as read (its version) and not counted yet.
     *
     * @return false when it was counted already or changed since it was read (read it again)
     */
    boolean count(LeadRecord read);

    /**
     * Adds {@code figures}, what happened to a sent message before the email figures were kept (the backfill), and
     * marks the message {@link SentMessage#backfilled() backfilled}, both at once, unless it is marked already or gone.
     *
     * @return false when it was marked already, or is gone (nothing was added)
     */
    boolean countMessage(SentMessage read, CountChange figures);

    /** The backfill as last recorded; empty when none was started. */
    Optional<Backfill> backfill();

    /**
     * Starts a backfill (again, from the first page, if one finished); false while one is under way.
     *
     * @param emailsBefore what happened to emails before this instant is counted by the backfill (the email figures
     *                     were not kept yet), what happened since was counted as it happened
     */
    boolean startBackfill(Instant now, Instant emailsBefore);

    /**
     * Takes the unfinished backfill for {@code holder} until {@code leaseUntil}, unless another holder's lease stands
     * at {@code now}.
     *
     * @return the backfill as recorded; empty when there is none to take
     */
    Optional<Backfill> claimBackfill(String holder, Instant now, Instant leaseUntil);

    /** Records a held backfill's progress and extends the lease. @return false when another holder took it */
    boolean recordBackfill(Backfill progress, String holder, Instant leaseUntil);

    /**
     * The counting of the stored leads: where the next page starts, and how many leads were read and counted.
     *
     * @param cursor       null before the first page and once finished
     * @param counted      leads this backfill counted (the others were counted by their own changes already)
     * @param emailsBefore the events of the leads' emails it counts are those before this instant; null for a backfill
     *                     started before emails were backfilled, which counts none
     * @param emails       sent messages whose past this backfill counted
     */
    record Backfill(Instant startedAt, Instant finishedAt, String cursor, long examined, long counted, Instant emailsBefore,
                    long emails) {
        public static Backfill started(Instant at, Instant emailsBefore) {
            return new Backfill(at, null, null, 0, 0, emailsBefore, 0);
        }

        public boolean finished() {
            return finishedAt != null;
        }
    }
}
