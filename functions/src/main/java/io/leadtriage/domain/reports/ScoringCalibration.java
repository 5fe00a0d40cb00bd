package io.leadtriage.domain.reports;

import io.leadtriage.domain.model.BehaviourRule;
import io.leadtriage.domain.model.FitRule;
import io.leadtriage.domain.model.QualificationModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scoring calibration: what recorded sales outcomes say each rule of the model is worth, shown next to
 * the points it has now. A read-only report: it never changes the model; a marketer who agrees applies
 * the suggestions with {@code PUT /v1/admin/config}.
 *
 * <p><b>Which leads count.</b> Only closed leads: won is a positive, lost is a negative. Leads with no
 * outcome yet (or only "opportunity") are left out, because counting them as negatives would penalise the
 * rules that fire on recent leads whose deals are still open.
 *
 * <p><b>Method.</b> A logistic regression of won (1) / lost (0) on one binary feature per rule (did it fire
 * on the lead), with an intercept, fitted by Newton–Raphson with an L2 (ridge) penalty λ = {@value #RIDGE}
 * on the rule coefficients; the intercept, which carries the base win rate, is not penalised. Each
 * coefficient is the change in the log-odds of winning when the rule fires, holding the other rules fixed;
 * unlike the per-rule lift, it does not credit a rule for wins that another rule it fires with explains.
 * The penalty acts like a prior of N(0, 1/λ) on each coefficient: negligible with hundreds of closed leads,
 * it keeps the estimates finite when a rule fired only on won (or only on lost) leads, and splits the
 * effect sensibly between rules that always fire together or are mutually exclusive bands.
 *
 * <p><b>Guards.</b> A rule is fitted only if it fired on at least {@value #MIN_LEADS} closed leads and was
 * absent from at least {@value #MIN_LEADS} (otherwise the data cannot tell its effect from the base rate);
 * nothing is fitted unless there are at least {@value #MIN_LEADS} won and {@value #MIN_LEADS} lost leads.
 * Such rules are reported with their counts and rates, status {@code NOT_ENOUGH_DATA} and no suggestion.
 *
 * <p><b>From coefficients to points: "points to double the odds" (PDO).</b> The credit-scorecard convention:
 * {@code suggested points = round(coefficient × PDO / ln 2)}, so every PDO points a lead gains doubles its
 * odds of being won. The default PDO is {@value #DEFAULT_POINTS_TO_DOUBLE_ODDS}, on the scale of the
 * default model (its rules give 5 to 30 points; its warm band is 30 points wide). Unlike rescaling the coefficients
 * to the model's current total, a point means the same thing whichever rules have enough data, and a rule's
 * suggestion does not move when another rule's current points are edited.
 *
 * <p><b>Limits.</b> A rule counts once however many times it fired (page views, email clicks), and outcomes
 * exist mostly for leads the current model already sent to sales, so rules that keep leads cold are seen
 * less often. The suggestions are evidence for a marketer to weigh, not settings to apply blindly.
 *
 * @param closedLeads        won plus lost leads: the data the calibration rests on
 * @param wonLeads           the closed leads that were won
 * @param openLeads          leads given but left out because they have no outcome
 * @param baseWinRate        {@code wonLeads ÷ closedLeads}; null when nothing is closed
 * @param pointsToDoubleOdds the PDO used to turn coefficients into points
 * @param rules              one entry per rule of the model, in the model's order
 */
public record ScoringCalibration(int closedLeads, int wonLeads, int openLeads, Double baseWinRate,
                                 int pointsToDoubleOdds, List<RuleCalibration> rules) {

    public static final int DEFAULT_POINTS_TO_DOUBLE_ODDS = 20;
    /** Fewer closed leads than this with (or without) a rule, or won, or lost, and nothing is suggested. */
    public static final int MIN_LEADS = 5;
    public static final double RIDGE = 1.0;

    public ScoringCalibration {
        rules = List.copyOf(rules);
    }

    /** The calibration with the default {@value #DEFAULT_POINTS_TO_DOUBLE_ODDS} points to double the odds. */
    public static ScoringCalibration of(List<CalibrationLead> leads, Map<String, Integer> currentPoints) {
        return of(leads, currentPoints, DEFAULT_POINTS_TO_DOUBLE_ODDS);
    }

    /**
     * @param leads              leads with the rules that fired on them and their outcome; open ones are
     *                           skipped
     * @param currentPoints      the model's points per rule id, in the order to report them (see
     *                           {@link #currentPoints(QualificationModel)}); fired rule ids not in it (rules
     *                           since removed) are ignored
     * @param pointsToDoubleOdds PDO: the points that should double the odds of a win, &gt; 0
     */
    public static ScoringCalibration of(List<CalibrationLead> leads, Map<String, Integer> currentPoints,
                                        int pointsToDoubleOdds) {
        currentPoints.forEach((id, points) -> Objects.requireNonNull(points, "current points of rule " + id));
        if (pointsToDoubleOdds <= 0) {
            throw new IllegalArgumentException("points to double the odds must be positive: " + pointsToDoubleOdds);
        }
        List<CalibrationLead> closed = leads.stream().filter(CalibrationLead::closed).toList();
        int won = (int) closed.stream().filter(l -> l.outcome() == CalibrationLead.Outcome.WON).count();
        int lost = closed.size() - won;
        Double baseRate = closed.isEmpty() ? null : (double) won / closed.size();

        List<String> ruleIds = new ArrayList<>(currentPoints.keySet());
        Map<String, Tally> tallies = new LinkedHashMap<>();
        ruleIds.forEach(id -> tallies.put(id, new Tally()));
        for (CalibrationLead lead : closed) {
            for (String id : lead.firedRuleIds()) {
                Tally tally = tallies.get(id);
                if (tally != null) {
                    tally.fired++;
                    tally.wins += lead.outcome() == CalibrationLead.Outcome.WON ? 1 : 0;
                }
            }
        }

        boolean bothOutcomesSeen = won >= MIN_LEADS && lost >= MIN_LEADS;
        List<String> fitted = ruleIds.stream()
                .filter(id -> bothOutcomesSeen && tallies.get(id).fired >= MIN_LEADS
                        && closed.size() - tallies.get(id).fired >= MIN_LEADS)
                .toList();
        Map<String, Double> coefficients = fitted.isEmpty() ? Map.of() : regress(closed, fitted);

        double pointsPerLogOdds = pointsToDoubleOdds / Math.log(2);
        List<RuleCalibration> rules = new ArrayList<>();
        for (String id : ruleIds) {
            int fired = tallies.get(id).fired;
            int wins = tallies.get(id).wins;
            Double rateWhenFired = fired == 0 ? null : (double) wins / fired;
            Double lift = rateWhenFired == null || baseRate == null || baseRate == 0 ? null : rateWhenFired / baseRate;
            Double coefficient = coefficients.get(id);
            Integer suggested = coefficient == null ? null
                    : Math.toIntExact(Math.round(coefficient * pointsPerLogOdds));
            rules.add(new RuleCalibration(id, currentPoints.get(id), fired, wins, rateWhenFired, baseRate, lift,
                    coefficient, suggested,
                    coefficient == null ? RuleCalibration.Status.NOT_ENOUGH_DATA : RuleCalibration.Status.SUGGESTED));
        }
        return new ScoringCalibration(closed.size(), won, leads.size() - closed.size(), baseRate,
                pointsToDoubleOdds, rules);
    }

    /** The model's points per rule id: fit rules, then behaviour rules, in the model file's order. */
    public static Map<String, Integer> currentPoints(QualificationModel model) {
        Map<String, Integer> points = new LinkedHashMap<>();
        for (FitRule rule : model.fit()) {
            points.put(rule.id(), rule.points());
        }
        if (model.behaviour() != null) {
            for (BehaviourRule rule : model.behaviour().rules()) {
                points.put(rule.id(), rule.points());
            }
        }
        return Collections.unmodifiableMap(points);
    }

    /** Closed leads a rule fired on, and how many of them were won. */
    private static final class Tally {
        int fired;
        int wins;
    }

    private static Map<String, Double> regress(List<CalibrationLead> closed, List<String> fitted) {
        Map<String, Integer> featureOf = new LinkedHashMap<>();
        fitted.forEach(id -> featureOf.put(id, featureOf.size()));
        int[][] firing = new int[closed.size()][];
        boolean[] wonDeal = new boolean[closed.size()];
        for (int i = 0; i < closed.size(); i++) {
            CalibrationLead lead = closed.get(i);
            firing[i] = lead.firedRuleIds().stream().map(featureOf::get).filter(Objects::nonNull)
                    .mapToInt(Integer::intValue).toArray();
            wonDeal[i] = lead.outcome() == CalibrationLead.Outcome.WON;
        }
        double[] beta = LogisticRegression.fit(firing, wonDeal, fitted.size(), RIDGE);
        Map<String, Double> coefficients = new LinkedHashMap<>();
        featureOf.forEach((id, feature) -> coefficients.put(id, beta[feature + 1]));
        return coefficients;
    }
}
