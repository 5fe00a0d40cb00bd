package io.leadtriage.app.admin;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ModelInEffect;
import io.leadtriage.app.RecordDisposition;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.reports.CalibrationLead;
import io.leadtriage.domain.reports.FunnelLead;
import io.leadtriage.domain.reports.FunnelReport;
import io.leadtriage.domain.reports.ScoringCalibration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The admin reports: the funnel of the leads first seen in a period, and scoring calibration from the outcomes sales
 * recorded (the model's current points beside what the data suggests; nothing applied).
 */
public final class ReportOnLeads {
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    /** Calibration learns from the leads of the last two years. */
    static final Duration CALIBRATION_WINDOW = Duration.ofDays(730);
    /** A funnel over more than this is refused: it reads every lead of the period. */
    static final Duration LONGEST_PERIOD = Duration.ofDays(3 * 366);

    private final LeadQueries leads;
    private final ModelInEffect models;
    private final Clock clock;

    public ReportOnLeads(LeadQueries leads, ModelInEffect models, Clock clock) {
        this.leads = leads;
        this.models = models;
        this.clock = clock;
    }

    /** The funnel, and the reps' verdicts from the alert links with their counts. */
    public record Funnel(FunnelReport report, Map<String, Long> dispositions) {
    }

    /**
     * @param from null: {@link #DEFAULT_PERIOD} before {@code to}
     * @param to   null: now
     */
    public Funnel funnel(Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        if (!start.isBefore(end)) {
            throw Refusal.invalidFields(Map.of("from", "must be before to"));
        }
        if (Duration.between(start, end).compareTo(LONGEST_PERIOD) > 0) {
            throw Refusal.invalidFields(Map.of("from", "a period is at most three years"));
        }
        List<LeadRecord> records = leads.leadsCreatedBetween(start, end);
        Map<String, Long> dispositions = records.stream().filter(l -> l.sales().disposition() != null)
                .collect(Collectors.groupingBy(l -> l.sales().disposition(), TreeMap::new, Collectors.counting()));
        return new Funnel(FunnelReport.of(records.stream().map(ReportOnLeads::funnelLead).toList(), start, end), dispositions);
    }

    public ScoringCalibration calibration() {
        Instant now = clock.instant();
        List<CalibrationLead> closed = leads.leadsCreatedBetween(now.minus(CALIBRATION_WINDOW), now.plusSeconds(1))
                .stream().map(ReportOnLeads::calibrationLead).toList();
        return ScoringCalibration.of(closed, ScoringCalibration.currentPoints(models.refreshIfDue().model()));
    }

    static FunnelLead funnelLead(LeadRecord lead) {
        Set<Stage> reached = lead.sales().stagesReached().stream().map(s -> Stage.valueOf(s.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        return new FunnelLead(lead.id(), lead.createdAt(), lead.qualification().tier(), lead.qualification().stage(), reached,
                lead.sales().firstHotAt(), lead.sales().firstAlertSentAt(), lead.sales().opportunityAt(),
                lead.sales().wonAt(), lead.sales().lostAt(), lead.qualification().disqualifiedBecause() != null);
    }

    static CalibrationLead calibrationLead(LeadRecord lead) {
        CalibrationLead.Outcome outcome = lead.sales().wonAt() != null ? CalibrationLead.Outcome.WON
                // Most leads have no disposition: Set.of(...) refuses to look up a null.
                : lead.sales().lostAt() != null || (lead.sales().disposition() != null
                && RecordDisposition.LOSING.contains(lead.sales().disposition()))
                ? CalibrationLead.Outcome.LOST : CalibrationLead.Outcome.OPEN;
        return new CalibrationLead(lead.id(), Set.copyOf(lead.sales().rulesAtOutcome()), outcome);
    }
}
