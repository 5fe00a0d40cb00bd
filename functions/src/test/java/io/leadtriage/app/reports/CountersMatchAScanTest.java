package io.leadtriage.app.reports;

import io.leadtriage.TestModels;
import io.leadtriage.app.Budget;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.admin.ReportOnLeads;
import io.leadtriage.app.intake.FormSubmission;
import io.leadtriage.domain.Answers;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.reports.FunnelCounts;
import io.leadtriage.domain.reports.FunnelReport;
import io.leadtriage.domain.reports.Tally;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report counters, kept with each lead change, say what a scan of every lead says: on a few weeks of leads from
 * several forms, sources and campaigns, hot, warm and cold, alerted, won, lost and given verdicts, some erased, some
 * decayed by the tier review, some moved to another tier by a model change and its rescoring.
 */
class CountersMatchAScanTest {
    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-03-01T00:00:00Z");
    static final List<String> FORMS = List.of("demo", "newsletter", "ebook");
    static final List<String> SOURCES = List.of("google", "linkedin", "");
    static final List<String> CAMPAIGNS = List.of("Spring Launch", "autumn");

    final CoreFlow flow = CoreFlow.start();
    final ReportOnLeads reports = flow.services().reportOnLeads();
    int erased;
    int tierChanges;

    @BeforeEach
    void aFewWeeksOfLeadsAndWhatBecameOfThem() {
        List<String> ids = new ArrayList<>();
        for (int day = 0; day < 8; day++) {
            for (int i = 0; i < 9; i++) {
                int n = day * 9 + i;
                String form = FORMS.get(n % 3);
                Map<String, String> answers = switch (n % 4) {
                    case 0 -> Map.of("name", "Hot", "company", "Acme", "timeline", "now");
                    case 1 -> Map.of("timeline", "now", "role", "decision_maker");
                    case 2 -> Map.of("timeline", "1-3m");
                    default -> Map.of();
                };
                Map<String, String> source = new java.util.HashMap<>(Map.of("pageUrl", "https://www.example.com/",
                        "utm_campaign", CAMPAIGNS.get(n % 2)));
                if (!SOURCES.get(n % 3 == 0 ? i % 3 : n % 3).isEmpty()) {
                    source.put("utm_source", SOURCES.get(n % 3 == 0 ? i % 3 : n % 3));
                }
                String id = flow.submit(new FormSubmission(form, null, "lead" + n + "@acme-analytics.io",
                        Answers.of(answers), true, source, null, false)).after().id();
                ids.add(id);
                if (n % 4 == 2) {
                    // Behaviour points that fade: warm or hot now, cooler after the tier review.
                    flow.signal(id, SignalType.PRICING_PAGE_VIEW);
                }
                flow.clock().advance(Duration.ofMinutes(7));
            }
            flow.dispatchDue();
            flow.clock().advance(Duration.ofDays(1));
        }
        for (int n = 0; n < ids.size(); n++) {
            String id = ids.get(n);
            switch (n % 11) {
                case 0 -> flow.services().recordOutcome().record(id, "won");
                case 1 -> flow.services().recordOutcome().record(id, "lost");
                case 2 -> flow.services().recordOutcome().record(id, "opportunity");
                case 3 -> flow.recordDisposition().record(flow.lead(id), "wrong_fit");
                case 4 -> flow.recordDisposition().record(flow.lead(id), "accepted");
                case 5 -> erased += flow.services().eraseLead().erase(id) ? 1 : 0;
                default -> { }
            }
        }
        flow.clock().advance(Duration.ofDays(60));
        flow.reviewTiers().reviewDue(1000);
        flow.services().changeModel().put(TestModels.editedText("    - signal: demo_request\n      points: 30",
                "    - signal: demo_request\n      points: 5"), null);
        tierChanges = (int) flow.services().rescoreLeads().continueRescoring(Budget.leads(1000)).orElseThrow()
                .progress().tierChanges();
    }

    @Test
    void theFunnelOfTheCountersIsTheFunnelOfAScan() {
        List<LeadRecord> scanned = flow.storage().queries().leadsCreatedBetween(FROM, TO);
        assertThat(erased).as("leads erased").isPositive();
        assertThat(tierChanges).as("leads the model change moved to another tier").isPositive();
        assertThat(scanned).hasSize(72 - erased);

        ReportOnLeads.Funnel counted = reports.funnel(FROM, TO);

        assertThat(counted.report()).isEqualTo(FunnelCounts.report(scan(scanned), FROM, TO));
        assertThat(counted.dispositions()).isEqualTo(FunnelCounts.dispositions(scan(scanned)));
        // And the figures that are counts are those of the lead-by-lead report itself.
        FunnelReport exact = FunnelReport.of(scanned.stream().map(CountChange::funnelLead).toList(), FROM, TO);
        assertThat(counted.report().totalLeads()).isEqualTo(exact.totalLeads());
        assertThat(counted.report().byTier()).isEqualTo(exact.byTier());
        assertThat(counted.report().byStage()).isEqualTo(exact.byStage());
        assertThat(counted.report().reachedByStage()).isEqualTo(exact.reachedByStage());
        assertThat(counted.report().opportunities()).isEqualTo(exact.opportunities());
        assertThat(counted.report().mqlToSqlRate()).isEqualTo(exact.mqlToSqlRate());
        assertThat(counted.report().speedToAlert().alertedLeads()).isPositive().isEqualTo(exact.speedToAlert().alertedLeads());
        assertThat(counted.report().salesCycle().wonLeads()).isPositive().isEqualTo(exact.salesCycle().wonLeads());
        assertThat(counted.report().salesCycle().meanDays()).isCloseTo(exact.salesCycle().meanDays(),
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(ReportOnLeads.Breakdown.class)
    void eachBreakdownIsTheScanGroupedTheSameWay(ReportOnLeads.Breakdown by) {
        List<LeadRecord> scanned = flow.storage().queries().leadsCreatedBetween(FROM, TO);
        Map<String, Tally> byLabel = new TreeMap<>();
        for (LeadRecord lead : scanned) {
            Cohort cohort = Cohort.of(lead.createdAt(), lead.source());
            String label = switch (by) {
                case DAY -> cohort.day().toString();
                case MONTH -> java.time.YearMonth.from(cohort.day()).toString();
                case FORM -> cohort.form();
                case SOURCE -> cohort.source();
                case CAMPAIGN -> cohort.campaign();
            };
            byLabel.merge(label, scan(List.of(lead)), Tally::plus);
        }

        Map<String, ReportOnLeads.Funnel> rows = reports.funnelBy(by, reports.period(FROM, TO));

        assertThat(rows.keySet()).isEqualTo(byLabel.keySet()).hasSizeGreaterThan(by == ReportOnLeads.Breakdown.MONTH || by == ReportOnLeads.Breakdown.DAY ? 0 : 1);
        byLabel.forEach((label, counts) -> assertThat(rows.get(label).report()).as(label)
                .isEqualTo(FunnelCounts.report(counts, FROM, TO)));
    }

    @Test
    void calibrationFromTheCountersIsCalibrationFromTheLeads() {
        List<LeadRecord> scanned = flow.storage().queries().leadsCreatedBetween(FROM, TO);
        var fromLeads = io.leadtriage.domain.reports.ScoringCalibration.of(scanned.stream().map(lead ->
                        new io.leadtriage.domain.reports.CalibrationLead(lead.id(), java.util.Set.copyOf(lead.sales().rulesAtOutcome()),
                                CountChange.outcome(lead) == null ? io.leadtriage.domain.reports.CalibrationLead.Outcome.OPEN
                                        : io.leadtriage.domain.reports.CalibrationLead.Outcome.valueOf(
                                        CountChange.outcome(lead).toUpperCase(java.util.Locale.ROOT)))).toList(),
                io.leadtriage.domain.reports.ScoringCalibration.currentPoints(flow.services().models().current().model()));

        // The same leads in another order: the regression's sums may differ in their last bit.
        assertThat(reports.calibration()).usingRecursiveComparison()
                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class)
                .isEqualTo(fromLeads);
        assertThat(fromLeads.closedLeads()).isPositive();
    }

    static Tally scan(List<LeadRecord> leads) {
        Tally sum = Tally.NONE;
        for (LeadRecord lead : leads) {
            for (Tally t : CountChange.of(lead).funnel().values()) {
                sum = sum.plus(t);
            }
        }
        return sum;
    }
}
