package io.leadtriage.domain;

/**
 * One rule that fired, with the points it gave: the "why" a sales rep reads in the alert. A line of no points is a
 * note on the score (why a lead in the hot band is warm), read as it is.
 */
public record ScoreLine(String ruleId, int points, String reason) {
    public static ScoreLine note(String id, String text) {
        return new ScoreLine(id, 0, text);
    }

    /** Rendered as users see it, e.g. {@code +30 requested a demo}; a note as its text. */
    @Override
    public String toString() {
        if (points == 0) {
            return reason;
        }
        return (points >= 0 ? "+" : "−") + Math.abs(points) + " " + reason;
    }
}
