package io.leadtriage.domain.reports;

import io.leadtriage.TestModels;
import io.leadtriage.domain.reports.CalibrationLead.Outcome;
import io.leadtriage.domain.reports.RuleCalibration.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoringCalibrationTest {
    static final Map<String, Integer> POINTS = linked("doubles-win-rate", 10, "no-effect", 10, "rare", 15,
            "never-fires", 5);

    static Map<String, Integer> linked(Object... idThenPoints) {
        Map<String, Integer> points = new LinkedHashMap<>();
        for (int i = 0; i < idThenPoints.length; i += 2) {
            points.put((String) idThenPoints[i], (Integer) idThenPoints[i + 1]);
        }
        return points;
    }

    static CalibrationLead closed(int n, boolean won, String... fired) {
        return new CalibrationLead("lead-" + n, Set.of(fired), won ? Outcome.WON : Outcome.LOST);
    }

    /**
     * 2000 closed leads: "doubles-win-rate" fires on half of them and doubles the win rate (10% → 20%),
     * "no-effect" fires on half, independently, and changes nothing; "rare" fires on 3 leads.
     */
    static List<CalibrationLead> plantedEffect(long seed) {
        Random random = new Random(seed);
        List<CalibrationLead> leads = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            Set<String> fired = new HashSet<>();
            boolean a = random.nextBoolean();
            if (a) {
                fired.add("doubles-win-rate");
            }
            if (random.nextBoolean()) {
                fired.add("no-effect");
            }
            if (n < 3) {
                fired.add("rare");
            }
            boolean won = random.nextDouble() < (a ? 0.20 : 0.10);
            leads.add(new CalibrationLead("lead-" + n, fired, won ? Outcome.WON : Outcome.LOST));
        }
        return leads;
    }

    static Map<String, RuleCalibration> byId(ScoringCalibration calibration) {
        return calibration.rules().stream()
                .collect(Collectors.toMap(RuleCalibration::ruleId, Function.identity()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void recoversAPlantedEffect(long seed) {
        Map<String, RuleCalibration> rules = byId(ScoringCalibration.of(plantedEffect(seed), POINTS));
        RuleCalibration doubles = rules.get("doubles-win-rate");
        RuleCalibration noEffect = rules.get("no-effect");

        assertThat(doubles.status()).isEqualTo(Status.SUGGESTED);
        assertThat(noEffect.status()).isEqualTo(Status.SUGGESTED);
        // The true log odds ratio is ln((0.2/0.8) / (0.1/0.9)) = ln 2.25 ≈ 0.81, about 23 points at PDO 20.
        // With ~300 wins in 2000 leads either estimate has a standard error near 0.13: allow about three.
        assertThat(doubles.coefficient()).isCloseTo(Math.log(2.25), within(0.4));
        assertThat(noEffect.coefficient()).isCloseTo(0.0, within(0.4));
        assertThat(doubles.suggestedPoints()).isGreaterThanOrEqualTo(noEffect.suggestedPoints() + 5);
        assertThat(doubles.lift()).isGreaterThan(1.2);
        assertThat(noEffect.lift()).isCloseTo(1.0, within(0.2));
    }

    @Test
    void aRuleFiredOnTooFewClosedLeadsGetsNoSuggestion() {
        ScoringCalibration calibration = ScoringCalibration.of(plantedEffect(1), POINTS);
        RuleCalibration rare = byId(calibration).get("rare");
        RuleCalibration never = byId(calibration).get("never-fires");

        assertThat(rare.status()).isEqualTo(Status.NOT_ENOUGH_DATA);
        assertThat(rare.fired()).isEqualTo(3);
        assertThat(rare.currentPoints()).isEqualTo(15);
        assertThat(rare.coefficient()).isNull();
        assertThat(rare.suggestedPoints()).isNull();
        assertThat(rare.winRateWhenFired()).isNotNull();

        assertThat(never.status()).isEqualTo(Status.NOT_ENOUGH_DATA);
        assertThat(never.fired()).isZero();
        assertThat(never.winRateWhenFired()).isNull();
        assertThat(never.lift()).isNull();
    }

    @Test
    void reportsEveryRuleOfTheModelInItsOrderNextToItsCurrentPoints() {
        ScoringCalibration calibration = ScoringCalibration.of(plantedEffect(1), POINTS);

        assertThat(calibration.rules()).extracting(RuleCalibration::ruleId)
                .containsExactly("doubles-win-rate", "no-effect", "rare", "never-fires");
        assertThat(calibration.rules()).extracting(RuleCalibration::currentPoints).containsExactly(10, 10, 15, 5);
        assertThat(calibration.closedLeads()).isEqualTo(2000);
        assertThat(calibration.pointsToDoubleOdds()).isEqualTo(ScoringCalibration.DEFAULT_POINTS_TO_DOUBLE_ODDS);
    }

    @Test
    void countsRatesAndLiftOnAHandCountedSet() {
        // 10 closed leads, 4 won. "x" fired on 5 of them, 3 won: 60% against a base of 40%, a lift of 1.5.
        List<CalibrationLead> leads = List.of(
                closed(1, true, "x"), closed(2, true, "x"), closed(3, true, "x"), closed(4, false, "x"),
                closed(5, false, "x"), closed(6, true), closed(7, false), closed(8, false), closed(9, false),
                closed(10, false));

        ScoringCalibration calibration = ScoringCalibration.of(leads, linked("x", 5));
        RuleCalibration x = calibration.rules().get(0);

        assertThat(calibration.closedLeads()).isEqualTo(10);
        assertThat(calibration.wonLeads()).isEqualTo(4);
        assertThat(calibration.baseWinRate()).isEqualTo(0.4);
        assertThat(x.fired()).isEqualTo(5);
        assertThat(x.winsWhenFired()).isEqualTo(3);
        assertThat(x.winRateWhenFired()).isEqualTo(0.6);
        assertThat(x.baseWinRate()).isEqualTo(0.4);
        assertThat(x.lift()).isCloseTo(1.5, within(1e-12));
        // 4 won: below the minimum of 5 of each outcome, so no regression.
        assertThat(x.status()).isEqualTo(Status.NOT_ENOUGH_DATA);
    }

    @Test
    void leadsWithoutAnOutcomeAreLeftOut() {
        List<CalibrationLead> withOpen = new ArrayList<>(plantedEffect(2));
        for (int n = 0; n < 300; n++) {
            // Open leads on which the no-effect rule fires: counted as losses they would make it look bad.
            withOpen.add(new CalibrationLead("open-" + n, Set.of("no-effect"), Outcome.OPEN));
        }

        ScoringCalibration calibration = ScoringCalibration.of(withOpen, POINTS);

        assertThat(calibration.openLeads()).isEqualTo(300);
        assertThat(calibration.closedLeads()).isEqualTo(2000);
        assertThat(calibration.rules()).isEqualTo(ScoringCalibration.of(plantedEffect(2), POINTS).rules());
    }

    @Test
    void perfectSeparationGivesFiniteCoefficients() {
        // "always-won" fires on 10 leads that were all won, "always-lost" on 10 that were all lost.
        List<CalibrationLead> leads = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            leads.add(closed(n, true, "always-won"));
            leads.add(closed(100 + n, false, "always-lost"));
        }
        for (int n = 0; n < 100; n++) {
            leads.add(closed(200 + n, n % 10 == 0));
        }

        Map<String, RuleCalibration> rules = byId(ScoringCalibration.of(leads, linked("always-won", 5, "always-lost", 5)));

        assertThat(rules.get("always-won").coefficient()).isFinite().isPositive();
        assertThat(rules.get("always-lost").coefficient()).isFinite().isNegative();
        assertThat(rules.get("always-won").suggestedPoints()).isPositive();
        assertThat(rules.get("always-lost").suggestedPoints()).isNegative();
    }

    @Test
    void rulesThatAlwaysFireTogetherShareTheEffectEvenly() {
        List<CalibrationLead> leads = new ArrayList<>();
        Random random = new Random(7);
        for (int n = 0; n < 500; n++) {
            boolean fires = random.nextBoolean();
            boolean won = random.nextDouble() < (fires ? 0.3 : 0.1);
            leads.add(fires ? closed(n, won, "twin-1", "twin-2") : closed(n, won));
        }

        Map<String, RuleCalibration> rules = byId(ScoringCalibration.of(leads, linked("twin-1", 5, "twin-2", 5)));

        assertThat(rules.get("twin-1").coefficient()).isFinite().isPositive()
                .isCloseTo(rules.get("twin-2").coefficient(), within(1e-9));
    }

    @Test
    void whenEveryClosedLeadWasWonNothingIsFitted() {
        List<CalibrationLead> allWon = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            allWon.add(closed(n, true, n % 2 == 0 ? new String[]{"x"} : new String[]{}));
        }

        ScoringCalibration calibration = ScoringCalibration.of(allWon, linked("x", 5));

        assertThat(calibration.baseWinRate()).isEqualTo(1.0);
        assertThat(calibration.rules().get(0).status()).isEqualTo(Status.NOT_ENOUGH_DATA);
        assertThat(calibration.rules().get(0).lift()).isEqualTo(1.0);
    }

    @Test
    void withNoClosedLeadThereIsNoBaseRate() {
        ScoringCalibration calibration = ScoringCalibration.of(List.of(), POINTS);

        assertThat(calibration.closedLeads()).isZero();
        assertThat(calibration.baseWinRate()).isNull();
        assertThat(calibration.rules()).allSatisfy(rule -> {
            assertThat(rule.status()).isEqualTo(Status.NOT_ENOUGH_DATA);
            assertThat(rule.lift()).isNull();
        });
    }

    @Test
    void suggestedPointsArePointsToDoubleTheOdds() {
        List<CalibrationLead> leads = plantedEffect(3);
        for (int pdo : new int[]{20, 40}) {
            for (RuleCalibration rule : ScoringCalibration.of(leads, POINTS, pdo).rules()) {
                if (rule.status() == Status.SUGGESTED) {
                    assertThat(rule.suggestedPoints()).isEqualTo(Math.round(rule.coefficient() * pdo / Math.log(2)));
                }
            }
        }
    }

    @Test
    void readsTheCurrentPointsOfEveryFitAndBehaviourRule() {
        Map<String, Integer> points = ScoringCalibration.currentPoints(TestModels.defaultModel());

        assertThat(points).containsEntry("icp-industry", 10).containsEntry("other-industry", -10)
                .containsEntry("timeline-now", 20).containsEntry("demo-request", 30)
                .containsEntry("page-view", 5);
        assertThat(points.keySet().iterator().next()).isEqualTo("icp-industry");
    }
}
