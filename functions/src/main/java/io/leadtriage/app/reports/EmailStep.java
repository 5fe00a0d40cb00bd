package io.leadtriage.app.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * An email figure's key: the emails of one kind (the outbox kind's wire name: {@code nurture}, {@code reminder},
 * {@code confirmation}, {@code sales_alert}, {@code escalation}, {@code account_alert}) on one day (UTC), and for a nurture email its sequence
 * and step (from 0). A nurture figure that no step can be credited with (an unsubscribe of a lead in no sequence, an
 * event about an email sent before emails named their step) has no sequence, and step -1.
 */
public record EmailStep(LocalDate day, String kind, String sequenceId, int step) {
    public static final String NURTURE = "nurture";
    /** The figures each event adds to, once per email (a click: the email's first click by a person). */
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String CLICKED = "clicked";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String BOUNCED = "bounced";
    public static final String COMPLAINED = "complained";

    /** One step of a nurture sequence. */
    public static EmailStep nurture(Instant at, String sequenceId, int step) {
        return new EmailStep(dayOf(at), NURTURE, sequenceId, step);
    }

    /** An email that is no sequence's step: an alert, a reminder, a confirmation (or a nurture email of no known step). */
    public static EmailStep of(Instant at, String kind) {
        return new EmailStep(dayOf(at), kind, null, -1);
    }

    public boolean inSequence() {
        return sequenceId != null;
    }

    /** The same kind, sequence and step, on the day (UTC) of {@code at}. */
    public EmailStep on(Instant at) {
        return new EmailStep(dayOf(at), kind, sequenceId, step);
    }

    /** The same kind, sequence and step, without the day: what a report adds days up by. */
    public EmailStep anyDay() {
        return new EmailStep(null, kind, sequenceId, step);
    }

    private static LocalDate dayOf(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
