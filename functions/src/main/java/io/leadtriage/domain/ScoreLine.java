package io.leadtriage.domain;

/** One rule that fired, with the points it gave: the "why" a sales rep reads in the alert. */
public record ScoreLine(String ruleId, int points, String reason) {
    /** Rendered as users see it, e.g. {@code +30 requested a demo}. */
    @Override
    public String toString() {
        return (points >= 0 ? "+" : "−") + Math.abs(points) + " " + reason;
    }
}
