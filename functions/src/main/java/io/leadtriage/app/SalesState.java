package io.leadtriage.app;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What became of a lead in the funnel, for the funnel report and scoring calibration.
 *
 * @param firstHotAt       when the lead first turned hot
 * @param firstAlertSentAt when its first sales alert was handed to the mail service (speed to alert)
 * @param opportunityAt    the outcomes sales recorded, each with its time; null until recorded
 * @param disposition      the rep's last disposition of an alert (accepted, wrong_fit, …), or null
 * @param stagesReached    every funnel stage the lead has been at
 * @param rulesAtOutcome   the scoring rules that had fired when sales recorded won or lost: what
 *                         calibration learns from (later decay must not rewrite the evidence)
 * @param spamSuspect      the browser challenge could not be verified when the lead came in: no alerts
 * @param hotTrigger       what started the latest hot episode, for its alert; null before the first
 */
public record SalesState(Instant firstHotAt, Instant firstAlertSentAt, Instant opportunityAt, Instant wonAt,
                         Instant lostAt, String disposition, Instant dispositionAt, Set<String> stagesReached,
                         List<String> rulesAtOutcome, boolean spamSuspect, HotTrigger hotTrigger) {
    public static final SalesState NONE = new SalesState(null, null, null, null, null, null, null, Set.of(), List.of(),
            false, null);

    /** The browser challenge could not be verified: the lead is kept, but sales is not alerted for it. */
    public SalesState asSpamSuspect() {
        return new SalesState(firstHotAt, firstAlertSentAt, opportunityAt, wonAt, lostAt, disposition, dispositionAt,
                stagesReached, rulesAtOutcome, true, hotTrigger);
    }

    public SalesState {
        stagesReached = stagesReached == null ? Set.of() : Set.copyOf(stagesReached);
        rulesAtOutcome = rulesAtOutcome == null ? List.of() : List.copyOf(rulesAtOutcome);
    }

    public SalesState withFirstHot(Instant at) {
        return firstHotAt != null ? this : new SalesState(at, firstAlertSentAt, opportunityAt, wonAt, lostAt, disposition,
                dispositionAt, stagesReached, rulesAtOutcome, spamSuspect, hotTrigger);
    }

    public SalesState withStage(String stage) {
        if (stagesReached.contains(stage)) {
            return this;
        }
        Set<String> stages = new TreeSet<>(stagesReached);
        stages.add(stage);
        return new SalesState(firstHotAt, firstAlertSentAt, opportunityAt, wonAt, lostAt, disposition, dispositionAt,
                stages, rulesAtOutcome, spamSuspect, hotTrigger);
    }

    /** @param firedRules the rules of the lead's score at this moment */
    public SalesState withOutcome(String outcome, Instant at, List<String> firedRules) {
        return switch (outcome) {
            case "opportunity" -> new SalesState(firstHotAt, firstAlertSentAt, at, wonAt, lostAt, disposition, dispositionAt,
                    stagesReached, rulesAtOutcome, spamSuspect, hotTrigger);
            case "won" -> new SalesState(firstHotAt, firstAlertSentAt, opportunityAt == null ? at : opportunityAt, at, null,
                    disposition, dispositionAt, stagesReached, firedRules, spamSuspect, hotTrigger);
            case "lost" -> new SalesState(firstHotAt, firstAlertSentAt, opportunityAt, null, at, disposition, dispositionAt,
                    stagesReached, firedRules, spamSuspect, hotTrigger);
            default -> throw new IllegalArgumentException("unknown outcome " + outcome);
        };
    }

    /** The change that started the hot episode beginning now. */
    public SalesState withHotTrigger(HotTrigger trigger) {
        return new SalesState(firstHotAt, firstAlertSentAt, opportunityAt, wonAt, lostAt, disposition, dispositionAt,
                stagesReached, rulesAtOutcome, spamSuspect, trigger);
    }

    /** @param firedRules the rules of the lead's score now: a disposition is evidence for calibration too */
    public SalesState withDisposition(String value, Instant at, List<String> firedRules) {
        return new SalesState(firstHotAt, firstAlertSentAt, opportunityAt, wonAt, lostAt, value, at, stagesReached,
                rulesAtOutcome.isEmpty() ? firedRules : rulesAtOutcome, spamSuspect, hotTrigger);
    }
}
