package io.leadtriage.app.admin;

import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.reports.Cohort;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.app.reports.RuleSet;
import io.leadtriage.domain.reports.CalibrationLead;
import io.leadtriage.domain.reports.FunnelCounts;
import io.leadtriage.domain.reports.FunnelReport;
import io.leadtriage.domain.reports.ScoringCalibration;
import io.leadtriage.domain.reports.Tally;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The admin reports: the funnel of the leads first seen in a period (whole, or broken down by month, form, source or
 * campaign), and scoring calibration from the outcomes sales recorded (the model's current points beside what the data
 * suggests; nothing applied). Both read the report counters, kept with each lead change, never the leads: a year's
 * funnel reads about 1,500 small items whatever the number of leads, calibration a few hundred.
 */
public final class ReportOnLeads {
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    /** Calibration learns from the leads of the last two years (24 months and the current one). */
    static final int CALIBRATION_MONTHS = 24;
    /** A funnel over more than this is refused. */
    static final Duration LONGEST_PERIOD = Duration.ofDays(3 * 366);

    private final ReportCounters counters;
    private final ModelInEffect models;
    private final Clock clock;

    public ReportOnLeads(ReportCounters counters, ModelInEffect models, Clock clock) {
        this.counters = counters;
        this.models = models;
        this.clock = clock;
    }

    /**
     * The funnel, the reps' verdicts from the alert links with their counts, and the speed-to-alert histogram.
     *
     * @param counts what the counters hold for the period (for a breakdown's row, its part)
     */
    public record Funnel(FunnelReport report, Map<String, Long> dispositions, Map<String, Long> speedToAlertHistogram,
                         Tally counts) {
        static Funnel of(Tally counts, Period period) {
            return new Funnel(FunnelCounts.report(counts, period.from(), period.to()), FunnelCounts.dispositions(counts),
                    FunnelCounts.speedToAlertHistogram(counts), counts);
        }
    }

    /** What a funnel can be broken down by, and the label of a counter cell under each. */
    public enum Breakdown {
        DAY, MONTH, FORM, SOURCE, CAMPAIGN;

        String labelOf(Cohort cell) {
            return switch (this) {
                case DAY -> cell.day().toString();
                case MONTH -> YearMonth.from(cell.day()).toString();
                case FORM -> cell.form();
                case SOURCE -> cell.source();
                case CAMPAIGN -> cell.campaign();
            };
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The whole days [from, to) a report counts, UTC. */
    public record Period(Instant from, Instant to) {
        LocalDate firstDay() {
            return from.atOffset(ZoneOffset.UTC).toLocalDate();
        }

        LocalDate endDay() {
            return to.atOffset(ZoneOffset.UTC).toLocalDate();
        }
    }

    /**
     * The period of a report: whole UTC days, as the counters keep them.
     *
     * @param from null: {@link #DEFAULT_PERIOD} before {@code to}
     * @param to   null: the end of today (UTC)
     */
    public Period period(Instant from, Instant to) {
        Instant end = to == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant() : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        wholeDay(start, "from");
        wholeDay(end, "to");
        if (!start.isBefore(end)) {
            throw Refusal.invalidFields(Map.of("from", "must be before to"));
        }
        if (Duration.between(start, end).compareTo(LONGEST_PERIOD) > 0) {
            throw Refusal.invalidFields(Map.of("from", "a period is at most three years"));
        }
        return new Period(start, end);
    }

    /** The funnel of {@link #period}(from, to). */
    public Funnel funnel(Instant from, Instant to) {
        return funnel(period(from, to));
    }

    public Funnel funnel(Period period) {
        return Funnel.of(sum(counters.funnelByDay(period.firstDay(), period.endDay()).values()), period);
    }

    /**
     * The funnel of each day, month, form, source or campaign of the period, by label (a day with no lead is left out).
     * A breakdown by day or month takes any whole days (a month cut by the period counts its days inside it); the
     * others count whole months, as their counters do. By day, each row's tiers are the leads per day by tier.
     */
    public Map<String, Funnel> funnelBy(Breakdown by, Period period) {
        Map<String, Tally> rows = new TreeMap<>();
        if (by == Breakdown.DAY || by == Breakdown.MONTH) {
            counters.funnelByDay(period.firstDay(), period.endDay()).forEach((day, counts) -> rows.merge(
                    by == Breakdown.DAY ? day.toString() : YearMonth.from(day).toString(), counts, Tally::plus));
        } else {
            wholeMonth(period.firstDay(), "from");
            wholeMonth(period.endDay(), "to");
            counters.funnelByMonth(YearMonth.from(period.firstDay()), YearMonth.from(period.endDay()).minusMonths(1))
                    .forEach((cell, counts) -> rows.merge(by.labelOf(cell), counts, Tally::plus));
        }
        Map<String, Funnel> funnels = new TreeMap<>();
        rows.forEach((label, counts) -> funnels.put(label, Funnel.of(counts, period)));
        return funnels;
    }

    /**
     * The email figures of the period's days (each event on the day it happened, UTC), per kind and nurture sequence
     * step, the days added up: sorted by kind, sequence and step, a kind's figures of no step first.
     */
    public Map<EmailStep, Tally> emailFigures(Period period) {
        Map<EmailStep, Tally> figures = new TreeMap<>(java.util.Comparator.comparing(EmailStep::kind)
                .thenComparing(EmailStep::sequenceId, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .thenComparingInt(EmailStep::step));
        counters.emailsByDay(period.firstDay(), period.endDay())
                .forEach((step, counts) -> figures.merge(step.anyDay(), counts, Tally::plus));
        return figures;
    }

    /** Calibration from the won and lost counts per rule set of the leads first seen in the last two years. */
    public ScoringCalibration calibration() {
        YearMonth now = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
        List<CalibrationLead> closed = new ArrayList<>();
        counters.calibration(now.minusMonths(CALIBRATION_MONTHS), now).forEach((rules, counts) -> {
            // Leads with the same rules and outcome weigh the same in the regression: each count is one such lead.
            add(closed, rules, counts.get("won"), CalibrationLead.Outcome.WON);
            add(closed, rules, counts.get("lost"), CalibrationLead.Outcome.LOST);
        });
        // The leads still open are every lead of the window but the closed ones: the funnel's day counters know them all.
        long leads = sum(counters.funnelByDay(now.minusMonths(CALIBRATION_MONTHS).atDay(1), now.plusMonths(1).atDay(1))
                .values()).get("n");
        ScoringCalibration c = ScoringCalibration.of(closed, ScoringCalibration.currentPoints(models.refreshIfDue().model()));
        return new ScoringCalibration(c.closedLeads(), c.wonLeads(), (int) Math.max(0, leads - c.closedLeads()),
                c.baseWinRate(), c.pointsToDoubleOdds(), c.rules());
    }

    private static void add(List<CalibrationLead> closed, RuleSet rules, long n, CalibrationLead.Outcome outcome) {
        for (long i = 0; i < n; i++) {
            closed.add(new CalibrationLead(rules.month() + "#" + outcome + "#" + closed.size(), Set.copyOf(rules.rules()), outcome));
        }
    }

    static Tally sum(Iterable<Tally> tallies) {
        Tally sum = Tally.NONE;
        for (Tally t : tallies) {
            sum = sum.plus(t);
        }
        return sum;
    }

    private static void wholeDay(Instant at, String field) {
        if (!at.equals(LocalDate.ofInstant(at, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw Refusal.invalidFields(Map.of(field, "reports count whole days (UTC): give a date (2026-11-01)"));
        }
    }

    private static void wholeMonth(LocalDate day, String field) {
        if (day.getDayOfMonth() != 1) {
            throw Refusal.invalidFields(Map.of(field, "a breakdown by form, source or campaign counts whole months:"
                    + " give the first of a month (2026-11-01)"));
        }
    }

    /** The breakdown a query names. @throws Refusal for another name */
    public static Breakdown breakdown(String name) {
        for (Breakdown b : Breakdown.values()) {
            if (b.wireName().equals(name)) {
                return b;
            }
        }
        throw Refusal.invalidFields(Map.of("by", "must be one of day, month, form, source, campaign"));
    }
}
