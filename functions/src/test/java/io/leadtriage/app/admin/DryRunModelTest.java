package io.leadtriage.app.admin;

import io.leadtriage.TestModels;
import io.leadtriage.app.Budget;
import io.leadtriage.app.Refusal;
import io.leadtriage.domain.Tier;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A candidate model tried on every stored lead, on the in-memory ports: what it would change, written nowhere. */
class DryRunModelTest {
    static final String TIMELINE_NOW_45 = TestModels.withTimelineNowAt(45);

    final CoreFlow flow = CoreFlow.start();
    final DryRunModel dryRun = flow.services().dryRunModel();

    /** A hot demo request (50), warm sign-ups starting now (25), cold ones in 6 months (5). */
    void seed(int warm) {
        flow.submit("demo", "hot@northwind-saas.com", Map.of("name", "Ann", "company", "Northwind", "timeline", "now"));
        for (int i = 0; i < warm; i++) {
            flow.submit("newsletter", "warm" + i + "@northwind-saas.com", Map.of("timeline", "now"));
            flow.submit("newsletter", "cold" + i + "@northwind-saas.com", Map.of("timeline", "6m+"));
        }
    }

    static String candidate(String name) {
        return switch (name) {
            case "timeline now at 45" -> TIMELINE_NOW_45;
            case "hot from 60" -> tiers("hot:  { min: 60 }\n  warm: { min: 20, max: 59 }\n  cold: { max: 19 }");
            case "warm from 5" -> tiers("hot:  { min: 50 }\n  warm: { min: 5, max: 49 }\n  cold: { max: 4 }");
            default -> TestModels.defaultText();
        };
    }

    static String tiers(String bands) {
        return TestModels.editedText("hot:  { min: 50 }\n  warm: { min: 20, max: 49 }\n  cold: { max: 19 }", bands);
    }

    @ParameterizedTest(name = "{0}: {1} tier and {2} stage changes")
    @CsvSource(delimiter = '|', value = {
            "the model in effect | 0 | 0 |              |",
            "timeline now at 45  | 3 | 0 | warm→hot=3   |",
            "hot from 60         | 1 | 1 | hot→warm=1   | sql→mql=1",
            "warm from 5         | 3 | 3 | cold→warm=3  | lead→mql=3"})
    void aDryRunCountsTheLeadsWhoseTierOrStageWouldChange(String candidate, long tiers, long stages, String byTier,
                                                        String byStage) {
        seed(3);
        long versions = flow.storedLeads().stream().mapToLong(lead -> lead.version()).sum();

        DryRunModel.Tally tally = dryRun.run(candidate(candidate), null, Budget.leads(1_000));

        assertThat(tally.complete()).isTrue();
        assertThat(tally.cursor()).isNull();
        assertThat(tally.examined()).isEqualTo(7);
        assertThat(tally.tierChanges()).isEqualTo(tiers);
        assertThat(tally.stageChanges()).isEqualTo(stages);
        assertThat(tally.tiers()).isEqualTo(counts(byTier));
        assertThat(tally.stages()).isEqualTo(counts(byStage));
        assertThat(tally.examples()).hasSize((int) Math.max(tiers, stages));
        assertThat(flow.storedLeads().stream().mapToLong(lead -> lead.version()).sum()).as("nothing written").isEqualTo(versions);
    }

    @Test
    void anExampleSaysWhoWhatAndWhy() {
        String leadId = flow.submit("newsletter", "warm@northwind-saas.com", Map.of("timeline", "now")).after().id();

        DryRunModel.Example example = dryRun.run(TIMELINE_NOW_45, null, Budget.leads(1_000)).examples().get(0);

        assertThat(example.leadId()).isEqualTo(leadId);
        assertThat(example.inEffect().score()).isEqualTo(25);
        assertThat(example.candidate().score()).isEqualTo(50);
        assertThat(example.inEffect().tier()).isEqualTo(Tier.WARM);
        assertThat(example.candidate().tier()).isEqualTo(Tier.HOT);
        assertThat(example.reasons()).containsExactly(new AsOfNow.RuleChange("timeline-now", "wants to start now", 20, 45));
    }

    @Test
    void aDryRunStoppedByItsBudgetGoesOnFromItsCursorToTheWholeTally() {
        seed(120);
        int calls = 0;
        DryRunModel.Tally tally = null;
        String cursor = null;
        do {
            tally = dryRun.run(TIMELINE_NOW_45, cursor, Budget.leads(DryRunModel.PAGE));
            assertThat(tally.examined()).as("the tally so far").isLessThanOrEqualTo((calls + 1L) * DryRunModel.PAGE);
            cursor = tally.cursor();
            calls++;
        } while (cursor != null && calls < 10);

        assertThat(calls).isEqualTo(3);
        assertThat(tally.examined()).isEqualTo(241);
        assertThat(tally.tierChanges()).isEqualTo(120);
        assertThat(tally.tiers()).isEqualTo(Map.of("warm→hot", 120L));
    }

    @Test
    void aCursorOfAnotherModelOrOfNothingIsRefusedAndAnInvalidModelNamesItsProblems() {
        seed(60);
        String cursor = dryRun.run(TIMELINE_NOW_45, null, Budget.leads(DryRunModel.PAGE)).cursor();
        assertThat(cursor).isNotNull();

        for (String bad : new String[]{"not-a-cursor", cursor.substring(1)}) {
            assertThat(refusalOf(() -> dryRun.run(TIMELINE_NOW_45, bad, Budget.leads(DryRunModel.PAGE))).code())
                    .isEqualTo(Refusal.INVALID_FIELD);
        }
        assertThat(refusalOf(() -> dryRun.run(candidate("hot from 60"), cursor, Budget.leads(DryRunModel.PAGE))).fields())
                .containsKey("cursor");
        assertThatThrownBy(() -> dryRun.run(TestModels.withThreeMistakes(), null, Budget.leads(DryRunModel.PAGE)))
                .isInstanceOfSatisfying(ChangeModel.InvalidModel.class, e -> assertThat(e.problems()).hasSize(3));
    }

    private static Map<String, Long> counts(String pair) {
        return pair == null || pair.isBlank() ? Map.of() : Map.of(pair.split("=")[0], Long.parseLong(pair.split("=")[1]));
    }
}
