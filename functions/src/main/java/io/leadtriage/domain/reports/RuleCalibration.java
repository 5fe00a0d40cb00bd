package io.leadtriage.domain.reports;

/**
 * What the recorded outcomes say about one rule, next to the points the model gives it now. Rates and
 * counts are over closed leads only (won or lost).
 *
 * @param fired            closed leads the rule fired on
 * @param winsWhenFired    of those, the won ones
 * @param winRateWhenFired {@code winsWhenFired ÷ fired}; null if the rule never fired
 * @param baseWinRate      won ÷ closed over all closed leads; null if none is closed
 * @param lift             {@code winRateWhenFired ÷ baseWinRate}: above 1, leads it fires on win more often
 *                         than average (not adjusted for the other rules); null if either rate is null or
 *                         the base rate is 0
 * @param coefficient      the rule's log-odds coefficient in the regression, i.e. adjusted for the other
 *                         rules; null unless {@link Status#SUGGESTED}
 * @param suggestedPoints  the coefficient in points (see {@link ScoringCalibration}); null unless
 *                         {@link Status#SUGGESTED}
 */
public record RuleCalibration(String ruleId, int currentPoints, int fired, int winsWhenFired,
                              Double winRateWhenFired, Double baseWinRate, Double lift, Double coefficient,
                              Integer suggestedPoints, Status status) {

    public enum Status {
        /** Enough closed leads with and without the rule: it was fitted and has a suggestion. */
        SUGGESTED,
        /** Too few closed leads with (or without) the rule, or too few wins or losses overall. */
        NOT_ENOUGH_DATA
    }
}
