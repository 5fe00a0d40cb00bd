package io.leadtriage.app.outbox;

import java.time.Instant;
import java.util.List;

/**
 * An email to send, stored with the lead change that called for it, so that an accepted change never
 * loses its email: a dispatcher sends whatever is due, retries failures with backoff, and claims each
 * item first so that two dispatchers never send one message.
 *
 * @param outboxId   unique per lead: {@code alert-<episode>}, {@code nurture} (the nurture slot) or {@code reminder}
 * @param attempts   sends tried so far
 * @param recipients for a sales alert: chosen when the lead turned hot
 * @param sequenceId for the nurture slot: the sequence, and {@code step} the step to send
 * @param leaseUntil set on a claimed item: the claim holds until then
 */
public record OutboxItem(String leadId, String outboxId, OutboxKind kind, Instant dueAt, int attempts,
                         List<String> recipients, String sequenceId, int step, Instant createdAt, Instant leaseUntil) {
    public static final String NURTURE_SLOT = "nurture";
    public static final String REMINDER_SLOT = "reminder";

    public OutboxItem {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    public static String alertId(int episode) {
        return "alert-" + episode;
    }

    public static OutboxItem salesAlert(String leadId, int episode, List<String> recipients, Instant now) {
        return new OutboxItem(leadId, alertId(episode), OutboxKind.SALES_ALERT, now, 0, recipients, null, 0, now, null);
    }

    public static OutboxItem nurtureStep(String leadId, String sequenceId, int step, Instant due, Instant now) {
        return new OutboxItem(leadId, NURTURE_SLOT, OutboxKind.NURTURE, due, 0, List.of(), sequenceId, step, now, null);
    }

    public static OutboxItem reminder(String leadId, Instant due, Instant now) {
        return new OutboxItem(leadId, REMINDER_SLOT, OutboxKind.REMINDER, due, 0, List.of(), null, 0, now, null);
    }
}
