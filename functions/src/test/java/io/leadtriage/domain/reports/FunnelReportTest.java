package io.leadtriage.domain.reports;

import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.leadtriage.domain.Stage.LEAD;
import static io.leadtriage.domain.Stage.MQL;
import static io.leadtriage.domain.Stage.PQL;
import static io.leadtriage.domain.Stage.SQL;
import static io.leadtriage.domain.Tier.COLD;
import static io.leadtriage.domain.Tier.HOT;
import static io.leadtriage.domain.Tier.WARM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FunnelReportTest {
    static final Instant FROM = Instant.parse("2024-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2024-04-01T00:00:00Z");

    static Instant day(double days) {
        return FROM.plus(Duration.ofMillis(Math.round(days * 86_400_000)));
    }

    static Instant plusSeconds(Instant t, long seconds) {
        return t.plusSeconds(seconds);
    }

    static FunnelLead lead(String id, Instant touch, Tier tier, Stage stage, Set<Stage> reached) {
        return new FunnelLead(id, touch, tier, stage, reached, null, null, null, null, null, false);
    }

    /**
     * Nine leads in March, one on each boundary's wrong side. Every expected figure below is counted by hand
     * from this table.
     */
    static final List<FunnelLead> MARCH = List.of(
            // Nurtured to SQL, alerted after 4 s, opportunity, won 10 days after first touch.
            new FunnelLead("l1", FROM, HOT, SQL, Set.of(LEAD, MQL, SQL),
                    day(1), plusSeconds(day(1), 4), day(3), day(10), null, false),
            // A demo request on the first submission: SQL at once, never an MQL; won after 20 days.
            new FunnelLead("l2", day(1), HOT, SQL, Set.of(SQL),
                    day(1), plusSeconds(day(1), 6), day(5), day(21), null, false),
            lead("l3", day(2), WARM, MQL, Set.of(LEAD, MQL)),
            lead("l4", day(3), WARM, PQL, Set.of(MQL, PQL)),
            // Was an MQL, decayed back to a cold lead.
            lead("l5", day(4), COLD, LEAD, Set.of(LEAD, MQL)),
            // A competitor: disqualified, cold, at stage lead.
            new FunnelLead("l6", day(5), COLD, LEAD, Set.of(), null, null, null, null, null, true),
            // Hot without sales intent (an MQL), alerted after 2 s, an opportunity, then lost.
            new FunnelLead("l7", day(6), HOT, MQL, Set.of(MQL),
                    day(6), plusSeconds(day(6), 2), day(8), null, day(15), false),
            // Was an SQL, now warm again; alerted after 30 s; won 5.5 days in with no opportunity recorded.
            new FunnelLead("l8", day(7), WARM, MQL, Set.of(MQL, SQL),
                    day(7), plusSeconds(day(7), 30), null, day(12.5), null, false),
            // An SQL alerted after 3 s, no outcome yet.
            new FunnelLead("l9", day(8), HOT, SQL, Set.of(SQL),
                    day(8), plusSeconds(day(8), 3), null, null, null, false),
            // Outside the period: first touch exactly at its end, and one second before its start.
            new FunnelLead("april", TO, HOT, SQL, Set.of(SQL), TO, plusSeconds(TO, 1), TO, TO, null, false),
            new FunnelLead("february", FROM.minusSeconds(1), HOT, SQL, Set.of(SQL),
                    FROM, FROM.plusSeconds(1), FROM, FROM, null, false));

    final FunnelReport march = FunnelReport.of(MARCH, FROM, TO);

    @Test
    void countsTheLeadsWhoseFirstTouchIsInThePeriodStartIncludedEndExcluded() {
        assertThat(march.from()).isEqualTo(FROM);
        assertThat(march.to()).isEqualTo(TO);
        assertThat(march.totalLeads()).isEqualTo(9);
        assertThat(march.disqualifiedLeads()).isEqualTo(1);
    }

    @Test
    void countsCurrentTiersAndStages() {
        assertThat(march.byTier()).containsExactly(Map.entry(HOT, 4), Map.entry(WARM, 3), Map.entry(COLD, 2));
        assertThat(march.byStage())
                .containsExactly(Map.entry(LEAD, 2), Map.entry(MQL, 3), Map.entry(PQL, 1), Map.entry(SQL, 3));
    }

    @Test
    void countsTheStagesEverReachedIncludingTheCurrentOne() {
        assertThat(march.reachedByStage())
                .containsExactly(Map.entry(LEAD, 4), Map.entry(MQL, 6), Map.entry(PQL, 1), Map.entry(SQL, 4));
        assertThat(march.qualifiedLeads()).isEqualTo(8);
    }

    @Test
    void mqlToSqlIsSqlsOverLeadsThatReachedMqlOrBetter() {
        assertThat(march.mqlToSqlRate()).isEqualTo(4.0 / 8);
    }

    @Test
    void leadToOpportunityCountsRecordedOpportunitiesAndWonDeals() {
        assertThat(march.opportunities()).isEqualTo(4);
        assertThat(march.leadToOpportunityRatio()).isEqualTo(4.0 / 9);
    }

    @Test
    void salesCycleRunsFromFirstTouchToWon() {
        // Won after 10, 20 and 5.5 days.
        assertThat(march.salesCycle().wonLeads()).isEqualTo(3);
        assertThat(march.salesCycle().medianDays()).isEqualTo(10.0);
        assertThat(march.salesCycle().meanDays()).isCloseTo(35.5 / 3, within(1e-9));
    }

    @Test
    void speedToAlertRunsFromTurningHotToTheAlertBeingSent() {
        // Delays 2, 3, 4, 6, 30 s: p50 is rank ⌈2.5⌉ = 3, p95 is rank ⌈4.75⌉ = 5.
        assertThat(march.speedToAlert().alertedLeads()).isEqualTo(5);
        assertThat(march.speedToAlert().p50()).isEqualTo(Duration.ofSeconds(4));
        assertThat(march.speedToAlert().p95()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anEmptyPeriodHasZeroCountsAndNoRates() {
        FunnelReport empty = FunnelReport.of(MARCH, TO.plus(Duration.ofDays(30)), TO.plus(Duration.ofDays(60)));

        assertThat(empty.totalLeads()).isZero();
        assertThat(empty.disqualifiedLeads()).isZero();
        assertThat(empty.byTier()).hasSize(3).allSatisfy((tier, count) -> assertThat(count).isZero());
        assertThat(empty.byStage()).hasSize(4).allSatisfy((stage, count) -> assertThat(count).isZero());
        assertThat(empty.reachedByStage()).hasSize(4).allSatisfy((stage, count) -> assertThat(count).isZero());
        assertThat(empty.mqlToSqlRate()).isNull();
        assertThat(empty.leadToOpportunityRatio()).isNull();
        assertThat(empty.salesCycle()).isEqualTo(new FunnelReport.SalesCycle(0, null, null));
        assertThat(empty.speedToAlert()).isEqualTo(new FunnelReport.SpeedToAlert(0, null, null));
    }

    @Test
    void aZeroLengthPeriodIsEmpty() {
        assertThat(FunnelReport.of(MARCH, FROM, FROM).totalLeads()).isZero();
    }

    @Test
    void withNoQualifiedLeadTheMqlToSqlRateIsUndefinedButTheOpportunityRatioIsZero() {
        FunnelReport coldOnly = FunnelReport.of(List.of(
                lead("a", day(1), COLD, LEAD, Set.of()),
                lead("b", day(2), COLD, LEAD, Set.of())), FROM, TO);

        assertThat(coldOnly.qualifiedLeads()).isZero();
        assertThat(coldOnly.mqlToSqlRate()).isNull();
        assertThat(coldOnly.leadToOpportunityRatio()).isEqualTo(0.0);
        assertThat(coldOnly.salesCycle().medianDays()).isNull();
        assertThat(coldOnly.speedToAlert().p50()).isNull();
    }

    @Test
    void anEvenNumberOfWonDealsHasTheMeanOfTheTwoMiddleOnesAsMedian() {
        List<FunnelLead> won = IntStream.of(1, 2, 4, 10)
                .mapToObj(days -> new FunnelLead("w" + days, FROM, HOT, SQL, Set.of(SQL), null, null,
                        null, day(days), null, false))
                .toList();

        FunnelReport.SalesCycle cycle = FunnelReport.of(won, FROM, TO).salesCycle();

        assertThat(cycle.medianDays()).isEqualTo(3.0);
        assertThat(cycle.meanDays()).isEqualTo(4.25);
    }

    @Test
    void anAlertStampedAFewMillisecondsBeforeTheLeadTurnedHotCountsAsImmediate() {
        FunnelLead skewed = new FunnelLead("s", FROM, HOT, SQL, Set.of(SQL), day(1), day(1).minusMillis(3),
                null, null, null, false);

        assertThat(FunnelReport.of(List.of(skewed), FROM, TO).speedToAlert().p95()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aLeadThatTurnedHotButWasNeverAlertedHasNoSpeedToAlert() {
        FunnelLead unalerted = new FunnelLead("u", FROM, HOT, SQL, Set.of(SQL), day(1), null,
                null, null, null, false);

        assertThat(FunnelReport.of(List.of(unalerted), FROM, TO).speedToAlert().alertedLeads()).isZero();
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> FunnelReport.of(MARCH, TO, FROM)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeadCannotBeBothWonAndLost() {
        assertThatThrownBy(() -> new FunnelLead("x", FROM, HOT, SQL, Set.of(), null, null, null, day(1), day(2),
                false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCurrentStageIsAlwaysAmongTheStagesReached() {
        assertThat(lead("x", FROM, WARM, PQL, null).stagesReached()).containsExactly(PQL);
    }

    /** Delays of 1..n seconds. */
    @ParameterizedTest(name = "n={0}: p50 = {1} s, p95 = {2} s")
    @CsvSource({
            "1,   1,  1",
            "2,   1,  2",
            "5,   3,  5",
            "10,  5, 10",
            "19, 10, 19",
            "20, 10, 19",
            "21, 11, 20",
            "100, 50, 95",
    })
    void nearestRankPercentiles(int n, int p50, int p95) {
        List<Duration> delays = IntStream.rangeClosed(1, n).mapToObj(Duration::ofSeconds).toList();

        assertThat(Quantiles.nearestRank(delays, 50)).isEqualTo(Duration.ofSeconds(p50));
        assertThat(Quantiles.nearestRank(delays, 95)).isEqualTo(Duration.ofSeconds(p95));
    }
}
