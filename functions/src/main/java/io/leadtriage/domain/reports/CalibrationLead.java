package io.leadtriage.domain.reports;

import java.util.Objects;
import java.util.Set;

/**
 * One lead as scoring calibration sees it: which of the model's rules fired on it, and how its deal ended.
 *
 * @param firedRuleIds the ids of the rules in the lead's score breakdown (any points, any number of
 *                     occurrences: a rule either fired or it did not)
 * @param outcome      {@link Outcome#OPEN} for a lead sales has not closed (no outcome yet, or only
 *                     "opportunity"): calibration leaves it out
 */
public record CalibrationLead(String leadId, Set<String> firedRuleIds, Outcome outcome) {
    public enum Outcome { WON, LOST, OPEN }

    public CalibrationLead {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(outcome, "outcome");
        firedRuleIds = Set.copyOf(firedRuleIds == null ? Set.of() : firedRuleIds);
    }

    public boolean closed() {
        return outcome != Outcome.OPEN;
    }
}
