package io.leadtriage.app.admin;

import io.leadtriage.TestModels;
import io.leadtriage.app.Refusal;
import io.leadtriage.domain.Tier;
import io.leadtriage.domain.reports.FunnelReport;
import io.leadtriage.domain.reports.RuleCalibration;
import io.leadtriage.domain.reports.ScoringCalibration;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin reports on the in-memory ports: which period a funnel covers and which it refuses, which leads it counts,
 * and what calibration learns from (outcomes, and reps' verdicts when sales recorded none).
 */
class ReportOnLeadsTest {
    static final Map<String, String> HOT_DEMO = Map.of("name", "Hot", "company", "Acme", "timeline", "now");

    final CoreFlow flow = CoreFlow.start();
    final ReportOnLeads reports = flow.services().reportOnLeads();

    Instant now() {
        return flow.clock().instant();
    }

    @ParameterizedTest(name = "from {0} to {1} (days from now)")
    @CsvSource(nullValues = "none", value = {
            "0,    0,    from=must be before to",
            "1,    0,    from=must be before to",
            "5,    none, from=must be before to",
            "-1100, 0,   from=a period is at most three years",
            "-1099, 1,   from=a period is at most three years"})
    void aPeriodThatEndsBeforeItStartsOrSpansMoreThanThreeYearsIsRefused(Integer fromDay, Integer toDay, String problem) {
        Refusal refusal = refusalOf(() -> reports.funnel(dayFromNow(fromDay), dayFromNow(toDay)));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refusal.fields()).containsExactly(Map.entry(problem.substring(0, problem.indexOf('=')),
                problem.substring(problem.indexOf('=') + 1)));
    }

    /** Midnight (UTC) of today plus {@code day} days: reports count whole days. */
    Instant dayFromNow(Integer day) {
        return day == null ? null : now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(day));
    }

    @ParameterizedTest(name = "from {0} to {1} → [{2}, {3}) (days from today)")
    @CsvSource(nullValues = "none", value = {
            "none, none, -29,   1",
            "none, -10,  -40, -10",
            "-90,  none, -90,   1",
            "-1098, 0,  -1098,  0"})
    void aPeriodLeftOpenIsTheThirtyDaysBeforeItsEndAndItsEndIsTheEndOfToday(Integer fromDay, Integer toDay, int start, int end) {
        FunnelReport report = reports.funnel(dayFromNow(fromDay), dayFromNow(toDay)).report();

        assertThat(report.from()).isEqualTo(dayFromNow(start));
        assertThat(report.to()).isEqualTo(dayFromNow(end));
    }

    @Test
    void aPeriodOfPartDaysIsRefused() {
        Refusal refusal = refusalOf(() -> reports.funnel(now().minus(Duration.ofDays(3)), dayFromNow(0)));

        assertThat(refusal.fields()).containsExactly(Map.entry("from",
                "reports count whole days (UTC): give a date (2026-11-01)"));
    }

    @Test
    void theFunnelCountsTheLeadsFirstSeenInItsPeriodWithTheRepsVerdicts() {
        flow.submit("newsletter", "before@acme-analytics.io", Map.of("timeline", "now"));
        flow.clock().advance(Duration.ofDays(1));
        Instant from = dayFromNow(0);
        String hot = flow.submit("demo", "hot@acme-analytics.io", HOT_DEMO).after().id();
        String spam = flow.submit("demo", "spam@acme-analytics.io", HOT_DEMO).after().id();
        flow.submit("newsletter", "warm@acme-analytics.io", Map.of("timeline", "now"));
        flow.submit("newsletter", "cold@acme-analytics.io", Map.of());
        flow.recordDisposition().record(flow.lead(hot), "accepted");
        flow.recordDisposition().record(flow.lead(spam), "spam");
        flow.clock().advance(Duration.ofDays(1));
        Instant to = dayFromNow(0);
        flow.submit("newsletter", "at-the-end@acme-analytics.io", Map.of());
        flow.submit("newsletter", "hot@acme-analytics.io", Map.of());

        ReportOnLeads.Funnel funnel = reports.funnel(from, to);

        assertThat(funnel.report().totalLeads()).as("from inclusive, to exclusive, by first touch").isEqualTo(4);
        assertThat(funnel.report().byTier()).containsEntry(Tier.HOT, 2).containsEntry(Tier.WARM, 1)
                .containsEntry(Tier.COLD, 1);
        assertThat(funnel.report().speedToAlert().alertedLeads()).isEqualTo(2);
        assertThat(funnel.dispositions()).containsExactly(Map.entry("accepted", 1L), Map.entry("spam", 1L));
    }

    @Test
    void calibrationLearnsFromOutcomesAndFromVerdictsThatSayALeadWouldNeverBuy() {
        String tooOld = flow.submit("demo", "old@acme-analytics.io", HOT_DEMO).after().id();
        flow.clock().advance(Duration.ofDays(800));
        String won = flow.submit("demo", "won@acme-analytics.io", HOT_DEMO).after().id();
        String lost = flow.submit("newsletter", "lost@acme-analytics.io", Map.of("timeline", "now")).after().id();
        String wrongFit = flow.submit("demo", "wrongfit@acme-analytics.io", HOT_DEMO).after().id();
        String accepted = flow.submit("demo", "accepted@acme-analytics.io", HOT_DEMO).after().id();
        flow.submit("newsletter", "open@acme-analytics.io", Map.of());
        flow.services().recordOutcome().record(tooOld, "won");
        flow.services().recordOutcome().record(won, "won");
        flow.services().recordOutcome().record(lost, "lost");
        flow.recordDisposition().record(flow.lead(wrongFit), "wrong_fit");
        flow.recordDisposition().record(flow.lead(accepted), "accepted");

        ScoringCalibration calibration = reports.calibration();

        assertThat(calibration.closedLeads()).as("won, lost, wrong fit; not the one from over two years ago").isEqualTo(3);
        assertThat(calibration.wonLeads()).isEqualTo(1);
        assertThat(calibration.openLeads()).as("accepted, and the one with no word").isEqualTo(2);
        assertThat(rule(calibration, "demo-request").fired()).isEqualTo(2);
        assertThat(rule(calibration, "demo-request").winsWhenFired()).isEqualTo(1);
    }

    @Test
    void theEmailFiguresCountEachSequenceStepSent() {
        flow.submit("newsletter", "reader@acme-analytics.io", Map.of("timeline", "now"));
        flow.submit("newsletter", "other@acme-analytics.io", Map.of("timeline", "now"));
        flow.dispatchAfter(Duration.ofDays(1));
        flow.dispatchAfter(Duration.ofDays(3));
        Instant month = now().atOffset(java.time.ZoneOffset.UTC).toLocalDate().withDayOfMonth(1)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

        Map<io.leadtriage.app.reports.EmailStep, Long> sent = new java.util.HashMap<>();
        reports.emailFigures(reports.period(CoreFlow.START.atOffset(java.time.ZoneOffset.UTC).toLocalDate()
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), month.atOffset(java.time.ZoneOffset.UTC).plusMonths(1).toInstant()))
                .forEach((step, counts) -> {
                    if (step.kind().equals("nurture")) {
                        sent.put(step, counts.get("sent"));
                    }
                });

        long mailed = flow.mail().sent().stream().filter(m -> m.kind() == io.leadtriage.app.ports.EmailKind.NURTURE).count();
        assertThat(mailed).isPositive();
        assertThat(sent.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(mailed);
        assertThat(sent.keySet()).allSatisfy(step -> assertThat(step.sequenceId()).isNotBlank());
    }

    @Test
    void calibrationShowsThePointsOfTheModelInEffect() {
        flow.services().changeModel().put(TestModels.editedText("    - signal: demo_request\n      points: 30",
                "    - signal: demo_request\n      points: 40"), null);

        assertThat(rule(reports.calibration(), "demo-request").currentPoints()).isEqualTo(40);
        assertThat(flow.services().models().current().number()).as("calibration changes no model").isEqualTo(1);
    }

    static RuleCalibration rule(ScoringCalibration calibration, String ruleId) {
        return calibration.rules().stream().filter(rule -> rule.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }
}
