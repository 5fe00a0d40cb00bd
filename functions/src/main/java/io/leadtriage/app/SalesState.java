package io.leadtriage.app;

import java.time.Instant;

/**
 * What sales did with a lead, for the funnel report and scoring calibration.
 *
 * @param firstHotAt       when the lead first turned hot
 * @param firstAlertSentAt when its first sales alert was handed to the mail service (speed to alert)
 * @param opportunityAt    the outcomes sales recorded, each with its time; null until recorded
 * @param disposition      the rep's last disposition of an alert (accepted, wrong_fit, …), or null
 */
public record SalesState(Instant firstHotAt, Instant firstAlertSentAt, Instant opportunityAt, Instant wonAt,
                         Instant lostAt, String disposition, Instant dispositionAt) {
    public static final SalesState NONE = new SalesState(null, null, null, null, null, null, null);

    public SalesState withFirstHot(Instant at) {
        return firstHotAt != null ? this : new SalesState(at, firstAlertSentAt, opportunityAt, wonAt, lostAt, disposition,
                dispositionAt);
    }

    public SalesState withOutcome(String outcome, Instant at) {
        return switch (outcome) {
            case "opportunity" -> new SalesState(firstHotAt, firstAlertSentAt, at, wonAt, lostAt, disposition, dispositionAt);
            case "won" -> new SalesState(firstHotAt, firstAlertSentAt, opportunityAt == null ? at : opportunityAt, at, null,
                    disposition, dispositionAt);
            case "lost" -> new SalesState(firstHotAt, firstAlertSentAt, opportunityAt, null, at, disposition, dispositionAt);
            default -> throw new IllegalArgumentException("unknown outcome " + outcome);
        };
    }

    public SalesState withDisposition(String value, Instant at) {
        return new SalesState(firstHotAt, firstAlertSentAt, opportunityAt, wonAt, lostAt, value, at);
    }
}
