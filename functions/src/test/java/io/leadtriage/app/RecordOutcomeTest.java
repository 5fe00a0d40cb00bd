package io.leadtriage.app;

import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sales's word on what became of a lead, on the in-memory ports: each outcome with its time, the rules that had fired
 * kept as evidence when the deal closes, the score left as it was.
 */
class RecordOutcomeTest {
    final CoreFlow flow = CoreFlow.start();
    final RecordOutcome outcomes = flow.services().recordOutcome();
    /** 50 points: hot, alerted. */
    final String priyaId = flow.submit("demo", "priya@northwind-saas.com",
            Map.of("name", "Priya Shah", "company", "Northwind", "timeline", "now")).after().id();

    /** Each outcome recorded a day after the one before. */
    SalesState afterOutcomes(String... recorded) {
        for (String outcome : recorded) {
            flow.clock().advance(Duration.ofDays(1));
            outcomes.record(priyaId, outcome).orElseThrow();
        }
        return flow.lead(priyaId).sales();
    }

    static Instant day(int n) {
        return n == 0 ? null : CoreFlow.START.plus(Duration.ofDays(n));
    }

    @ParameterizedTest(name = "{0} → opportunity at day {1}, won at day {2}, lost at day {3}")
    @CsvSource({
            "opportunity,      1, 0, 0",
            "won,              1, 1, 0",
            "opportunity won,  1, 2, 0",
            "lost,             0, 0, 1",
            "opportunity lost, 1, 0, 2",
            "won lost,         1, 0, 2",
            "lost won,         2, 2, 0"})
    void eachOutcomeIsRecordedWithItsTime(String recorded, int opportunity, int won, int lost) {
        SalesState sales = afterOutcomes(recorded.split(" "));

        assertThat(sales.opportunityAt()).isEqualTo(day(opportunity));
        assertThat(sales.wonAt()).isEqualTo(day(won));
        assertThat(sales.lostAt()).isEqualTo(day(lost));
        assertThat(flow.timeline(priyaId)).filteredOn(entry -> RecordOutcome.OUTCOMES.contains(entry))
                .containsExactly(recorded.split(" "));
    }

    @ParameterizedTest(name = "{0}: rules kept? {1}")
    @CsvSource({"opportunity, false", "won, true", "lost, true"})
    void aClosedDealKeepsTheRulesThatHadFiredAndTheScoreStays(String outcome, boolean kept) {
        QualificationSummary before = flow.lead(priyaId).qualification();

        LeadRecord recorded = outcomes.record(priyaId, outcome).orElseThrow();

        assertThat(recorded.sales().rulesAtOutcome()).isEqualTo(kept ? java.util.List.of("timeline-now", "demo-request")
                : java.util.List.of());
        assertThat(recorded.qualification().score()).isEqualTo(before.score());
        assertThat(recorded.qualification().tier()).isEqualTo(before.tier());
        assertThat(flow.mail().alertsAbout("Priya Shah")).as("no second alert").hasSize(1);
    }

    @Test
    void theEvidenceIsNotRewrittenAsPointsFade() {
        outcomes.record(priyaId, "won");
        flow.clock().advanceTo(flow.lead(priyaId).reviewTierAt().plusSeconds(60));

        flow.reviewTiers().reviewDue(100);

        assertThat(flow.lead(priyaId).qualification().tier()).isEqualTo(io.leadtriage.domain.Tier.WARM);
        assertThat(flow.lead(priyaId).sales().rulesAtOutcome()).containsExactly("timeline-now", "demo-request");
    }

    @ParameterizedTest(name = "outcome \"{0}\"")
    @ValueSource(strings = {"maybe", "", "WON", "opportunity "})
    void anOutcomeThatIsNoneOfTheThreeIsRefused(String outcome) {
        Refusal refusal = refusalOf(() -> outcomes.record(priyaId, outcome));

        assertThat(refusal.code()).isEqualTo(Refusal.INVALID_FIELD);
        assertThat(refusal.fields()).containsExactly(Map.entry("outcome", "must be one of: opportunity, won, lost"));
        assertThat(flow.lead(priyaId).sales().wonAt()).isNull();
    }

    @Test
    void thereIsNoOutcomeForALeadThatDoesNotExist() {
        assertThat(outcomes.record("no-such-lead", "won")).isEmpty();
        assertThat(flow.storedLeads()).hasSize(1);
    }
}
