package io.leadtriage.app;

import io.leadtriage.domain.Signal;

import java.time.Instant;

/**
 * One thing that happened to a lead, kept in order: submissions, signals, consent, tier and stage changes.
 *
 * @param detail what a person reading the timeline needs (a form id, "warm → hot: +30 requested a demo");
 *               never an email address or a name
 */
public record TimelineEntry(Instant at, String kind, String detail) {
    public static final String FORM_SUBMITTED = "form_submitted";
    public static final String SIGNAL = "signal";
    public static final String CONSENT_GIVEN = "consent_given";
    /** A post's answers kept for sales to read, not applied: it came without proof of the address (no token). */
    public static final String UNVERIFIED_ANSWERS = "unverified_answers";
    public static final String TIER_CHANGED = "tier_changed";
    public static final String STAGE_CHANGED = "stage_changed";
    public static final String ALERT_PLANNED = "alert_planned";
    public static final String EMAIL_SENT = "email_sent";
    public static final String EMAIL_FAILED = "email_failed";
    /** A lead event the bus never took (refused, too large, or failing for about a day): it was not published. */
    public static final String EVENT_FAILED = "event_failed";
    /** A chat alert (Slack, Teams) the webhook refused, or that failed for about a day: it was not posted. */
    public static final String CHAT_FAILED = "chat_failed";
    /** A webhook delivery given up on (refused for good, or failing for about a day): kept as a dead letter to replay. */
    public static final String WEBHOOK_FAILED = "webhook_failed";
    public static final String NURTURE = "nurture";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String SUPPRESSED = "suppressed";
    public static final String EMAIL_CLICK = "email_click";
    public static final String SURVEY_ANSWERED = "survey_answered";
    public static final String TIER_REVIEWED = "tier_reviewed";
    /** Requalified with a new model version, in the background after the change. */
    public static final String RESCORED = "rescored";
    public static final String OUTCOME = "outcome";
    public static final String DISPOSITION = "disposition";

    /**
     * A behaviour signal's entry, as its change records it: its type, the page's category and what it was about. The
     * lead's {@code signals} hold the same, so a store may keep the entry there (see the DynamoDB adapter).
     */
    public static TimelineEntry ofSignal(Signal signal) {
        return new TimelineEntry(signal.at(), SIGNAL, signal.type().wireName()
                + (signal.category().isEmpty() ? "" : " [" + signal.category() + "]")
                + (signal.detail().isEmpty() ? "" : " (" + signal.detail() + ")"));
    }
}
