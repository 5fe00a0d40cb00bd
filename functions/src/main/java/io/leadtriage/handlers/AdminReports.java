package io.leadtriage.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadtriage.domain.reports.FunnelReport;
import io.leadtriage.domain.reports.RuleCalibration;
import io.leadtriage.domain.reports.ScoringCalibration;
import io.leadtriage.domain.reports.Tally;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.admin.ReportOnLeads;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.handlers.http.Csv;
import io.leadtriage.handlers.http.Responses;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The admin reports as JSON: the funnel and the scoring calibration ({@link ReportOnLeads} makes them). */
final class AdminReports {
    private AdminReports() {
    }

    static Map<String, Object> funnel(ReportOnLeads.Funnel funnel) {
        FunnelReport r = funnel.report();
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
        body.put("dispositions", funnel.dispositions());
        speed.put("histogram", funnel.speedToAlertHistogram());
        return body;
    }

    /** One funnel per month, form, source or campaign of the period, each row as {@link #funnel} with its label. */
    static Map<String, Object> funnelBy(ReportOnLeads.Breakdown by, ReportOnLeads.Period period,
                                        Map<String, ReportOnLeads.Funnel> rows) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", period.from().toString());
        body.put("to", period.to().toString());
        body.put("by", by.wireName());
        body.put("rows", rows.entrySet().stream().map(row -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(by.wireName(), row.getKey());
            Map<String, Object> funnel = funnel(row.getValue());
            funnel.remove("from");
            funnel.remove("to");
            r.putAll(funnel);
            return r;
        }).toList());
        return body;
    }

    static Map<String, Object> calibration(ScoringCalibration c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method", "L2-regularised logistic regression of won vs lost on the rules that had fired;"
                + " suggested points = coefficient × " + c.pointsToDoubleOdds() + " / ln 2 (" + c.pointsToDoubleOdds()
                + " points double the odds of winning). Nothing changes until the model is PUT.");
        body.put("closedLeads", c.closedLeads());
        body.put("wonLeads", c.wonLeads());
        body.put("openLeads", c.openLeads());
        body.put("baseWinRate", c.baseWinRate());
        body.put("rules", c.rules().stream().map(AdminReports::rule).toList());
        return body;
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

    /**
     * A report as JSON or, asked for with {@code ?format=csv} or {@code Accept: text/csv}, as CSV: one row per element of
     * {@code rowsKey} (null: the report is one row), nested figures in dotted columns.
     */
    static APIGatewayV2HTTPResponse answer(HttpRequest request, Map<String, String> query, String name, String rowsKey,
                                           Map<String, Object> report) {
        String format = query.get("format");
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw Refusal.invalidFields(Map.of("format", "must be json or csv"));
        }
        String accept = request.header("accept");
        boolean csv = "csv".equals(format) || format == null && accept != null && accept.contains("text/csv");
        if (!csv) {
            return Responses.json(200, report);
        }
        return Responses.csv(200, Csv.ofAnswer(report, rowsKey == null ? "" : rowsKey),
                Map.of("Content-Disposition", "attachment; filename=\"" + name + ".csv\""));
    }

    /** Nurture emails sent in the period, a row per sequence step. */
    static Map<String, Object> emails(ReportOnLeads.Period period, Map<EmailStep, Tally> figures) {
        return rows(period, figures.entrySet().stream().filter(e -> e.getKey().inSequence()).map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sequence", e.getKey().sequenceId());
            row.put("step", e.getKey().step() + 1);
            row.put(EmailStep.SENT, e.getValue().get(EmailStep.SENT));
            return row;
        }).toList());
    }

    /** Every email figure of the period: a row per kind and nurture sequence step, with its rates. */
    static Map<String, Object> nurture(ReportOnLeads.Period period, Map<EmailStep, Tally> figures) {
        return rows(period, figures.entrySet().stream().map(e -> {
            EmailStep step = e.getKey();
            Tally counts = e.getValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", step.kind());
            row.put("sequence", step.sequenceId());
            row.put("step", step.inSequence() ? step.step() + 1 : null);
            for (String figure : NURTURE_FIGURES) {
                row.put(figure, counts.get(figure));
            }
            long sent = counts.get(EmailStep.SENT);
            row.put("clickRate", rate(counts.get(EmailStep.CLICKED), sent));
            row.put("unsubscribeRate", rate(counts.get(EmailStep.UNSUBSCRIBED), sent));
            row.put("bounceRate", rate(counts.get(EmailStep.BOUNCED), sent));
            return row;
        }).toList());
    }

    /** The figures of {@link #nurture}'s rows, in their order. */
    static final List<String> NURTURE_FIGURES = List.of(EmailStep.SENT, EmailStep.DELIVERED, EmailStep.CLICKED,
            EmailStep.UNSUBSCRIBED, EmailStep.BOUNCED, EmailStep.COMPLAINED);

    /** Of the emails sent in the period; null when none was. */
    private static Double rate(long part, long sent) {
        return sent == 0 ? null : (double) part / sent;
    }

    private static Map<String, Object> rows(ReportOnLeads.Period period, List<Map<String, Object>> rows) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", period.from().toString());
        body.put("to", period.to().toString());
        body.put("rows", rows);
        return body;
    }

    /** A backfill of the report counters: how far it is. */
    static Map<String, Object> backfill(ReportCounters.Backfill b) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("startedAt", b.startedAt().toString());
        body.put("finishedAt", b.finishedAt() == null ? null : b.finishedAt().toString());
        body.put("examined", b.examined());
        body.put("counted", b.counted());
        body.put("emailsBefore", b.emailsBefore() == null ? null : b.emailsBefore().toString());
        body.put("countedEmails", b.emails());
        return body;
    }

    /** A date (2026-11-01, midnight UTC) or an instant (2026-11-01T09:00:00Z); null when not given. */
    static Instant instant(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusal.invalidFields(Map.of(field, "must be a date (2026-11-01) or an instant (2026-11-01T09:00:00Z)"));
        }
    }
}
