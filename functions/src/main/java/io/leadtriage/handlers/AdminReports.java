package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.reports.CalibrationLead;
import io.leadtriage.domain.reports.FunnelLead;
import io.leadtriage.domain.reports.FunnelReport;
import io.leadtriage.domain.reports.RuleCalibration;
import io.leadtriage.domain.reports.ScoringCalibration;
import io.leadtriage.app.Refusal;
import io.leadtriage.handlers.http.Responses;
import io.leadtriage.wiring.Services;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The admin reports: the funnel of the leads first seen in a period, and scoring calibration from the
 * outcomes sales recorded (the model's current points beside what the data suggests; nothing applied).
 */
final class AdminReports {
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    /** Calibration learns from the leads of the last two years. */
    static final Duration CALIBRATION_WINDOW = Duration.ofDays(730);

    private final Services services;

    AdminReports(Services services) {
        this.services = services;
    }

    APIGatewayV2HTTPResponse funnel(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        Instant now = services.clock().instant();
        Instant to = query.containsKey("to") ? instant(query.get("to"), "to") : now;
        Instant from = query.containsKey("from") ? instant(query.get("from"), "from") : to.minus(DEFAULT_PERIOD);
        if (!from.isBefore(to)) {
            throw Refusal.invalidFields(Map.of("from", "must be before to"));
        }
        if (Duration.between(from, to).toDays() > 3 * 366) {
            throw Refusal.invalidFields(Map.of("from", "a period is at most three years"));
        }
        List<LeadRecord> records = services.storage().queries().leadsCreatedBetween(from, to);
        List<FunnelLead> leads = records.stream().map(AdminReports::funnelLead).toList();
        Map<String, Long> dispositions = records.stream().filter(l -> l.sales().disposition() != null)
                .collect(Collectors.groupingBy(l -> l.sales().disposition(), java.util.TreeMap::new, Collectors.counting()));
        FunnelReport r = FunnelReport.of(leads, from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", r.from().toString());
        body.put("to", r.to().toString());
        body.put("leads", r.totalLeads());
        body.put("disqualified", r.disqualifiedLeads());
        body.put("byTier", names(r.byTier()));
        body.put("byStage", names(r.byStage()));
        body.put("reachedStage", names(r.reachedByStage()));
        body.put("mqlToSqlRate", r.mqlToSqlRate());
        body.put("opportunities", r.opportunities());
        body.put("leadToOpportunityRatio", r.leadToOpportunityRatio());
        Map<String, Object> cycle = new LinkedHashMap<>();
        cycle.put("won", r.salesCycle().wonLeads());
        cycle.put("median", r.salesCycle().medianDays());
        cycle.put("mean", r.salesCycle().meanDays());
        body.put("salesCycleDays", cycle);
        Map<String, Object> speed = new LinkedHashMap<>();
        speed.put("alerted", r.speedToAlert().alertedLeads());
        speed.put("p50Seconds", seconds(r.speedToAlert().p50()));
        speed.put("p95Seconds", seconds(r.speedToAlert().p95()));
        body.put("speedToAlert", speed);
        body.put("dispositions", dispositions);
        return Responses.json(200, body);
    }

    APIGatewayV2HTTPResponse calibration() {
        Instant now = services.clock().instant();
        List<CalibrationLead> leads = services.storage().queries().leadsCreatedBetween(now.minus(CALIBRATION_WINDOW), now.plusSeconds(1))
                .stream().map(AdminReports::calibrationLead).toList();
        ScoringCalibration c = ScoringCalibration.of(leads, ScoringCalibration.currentPoints(services.models().refreshIfDue().model()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method", "L2-regularised logistic regression of won vs lost on the rules that had fired;"
                + " suggested points = coefficient × " + c.pointsToDoubleOdds() + " / ln 2 (" + c.pointsToDoubleOdds()
                + " points double the odds of winning). Nothing changes until the model is PUT.");
        body.put("closedLeads", c.closedLeads());
        body.put("wonLeads", c.wonLeads());
        body.put("openLeads", c.openLeads());
        body.put("baseWinRate", c.baseWinRate());
        body.put("rules", c.rules().stream().map(AdminReports::rule).toList());
        return Responses.json(200, body);
    }

    static FunnelLead funnelLead(LeadRecord lead) {
        Set<Stage> reached = lead.sales().stagesReached().stream().map(s -> Stage.valueOf(s.toUpperCase(java.util.Locale.ROOT)))
                .collect(Collectors.toSet());
        return new FunnelLead(lead.id(), lead.createdAt(), lead.qualification().tier(), lead.qualification().stage(), reached,
                lead.sales().firstHotAt(), lead.sales().firstAlertSentAt(), lead.sales().opportunityAt(),
                lead.sales().wonAt(), lead.sales().lostAt(), lead.qualification().disqualifiedBecause() != null);
    }

    /** Reps' verdicts that say a lead was never going to buy count as losses when sales recorded no outcome. */
    static final Set<String> LOSING_DISPOSITIONS = Set.of("wrong_fit", "spam");

    static CalibrationLead calibrationLead(LeadRecord lead) {
        CalibrationLead.Outcome outcome = lead.sales().wonAt() != null ? CalibrationLead.Outcome.WON
                // Most leads have no disposition: Set.of(...) refuses to look up a null.
                : lead.sales().lostAt() != null || (lead.sales().disposition() != null
                && LOSING_DISPOSITIONS.contains(lead.sales().disposition()))
                ? CalibrationLead.Outcome.LOST : CalibrationLead.Outcome.OPEN;
        return new CalibrationLead(lead.id(), Set.copyOf(lead.sales().rulesAtOutcome()), outcome);
    }

    private static Map<String, Object> rule(RuleCalibration r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rule", r.ruleId());
        row.put("currentPoints", r.currentPoints());
        row.put("suggestedPoints", r.suggestedPoints());
        row.put("firedOn", r.fired());
        row.put("winsWhenFired", r.winsWhenFired());
        row.put("winRateWhenFired", r.winRateWhenFired());
        row.put("baseWinRate", r.baseWinRate());
        row.put("lift", r.lift());
        row.put("coefficient", r.coefficient());
        row.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        return row;
    }

    private static <E extends Enum<E>> Map<String, Integer> names(Map<E, Integer> counts) {
        Map<String, Integer> named = new LinkedHashMap<>();
        counts.forEach((k, v) -> named.put(k.toString(), v));
        return named;
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }

    /** A date (2026-11-01, midnight UTC) or an instant (2026-11-01T09:00:00Z). */
    private static Instant instant(String value, String field) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusal.invalidFields(Map.of(field, "must be a date (2026-11-01) or an instant (2026-11-01T09:00:00Z)"));
        }
    }
}
