package io.leadtriage.app.outbox;

import java.time.Instant;
import java.util.List;

/**
 * An email to send, stored with the lead change that called for it, so that an accepted change never
 * loses its email: a dispatcher sends whatever is due, retries failures with backoff, and claims each
 * item first so that two dispatchers never send one message.
 *
 * @param outboxId    unique per lead: {@code alert-<episode>}, {@code escalation-<episode>}, {@code nurture}
 *                    (the nurture slot), {@code reminder}, {@code chat-<webhook>-<episode>} for a chat alert, or
 *                    {@code webhook-<subscriber>-<event's id>} for a webhook delivery, or
 *                    {@code account-<domain>-<hot since, epoch seconds>} for an account alert
 * @param attempts    sends tried so far
 * @param recipients  for a sales alert: the pool of the routing rule that matched when the lead turned hot; for an
 *                    account alert, its list when the account turned hot; for a
 *                    chat alert, its webhook ({@code slack:sales-team}); for a webhook delivery, its subscriber
 * @param routeId     that routing rule; with {@code rotate}, one rep of the pool gets the alert, in turn
 * @param sequenceId  for the nurture slot: the sequence, and {@code step} the step to send
 * @param leaseUntil  set on a claimed item: the claim holds until then
 * @param disposition for a sales alert: what the rep recorded (accepted, wrong_fit, …), or null
 * @param event       for a lead event: the event as it is published (see {@link io.leadtriage.app.events.LeadEvent}),
 *                    stored with the change that caused it (and a webhook delivery's body); null for an email
 */
public record OutboxItem(String leadId, String outboxId, OutboxKind kind, Instant dueAt, int attempts,
                         List<String> recipients, String routeId, boolean rotate, String sequenceId, int step,
                         Instant createdAt, Instant leaseUntil, String disposition, String event) {
    public static final String NURTURE_SLOT = "nurture";
    public static final String REMINDER_SLOT = "reminder";
    public static final String CONFIRMATION_SLOT = "confirmation";
    /** Lead events' ids start so, then their sequence, zero-padded: a lead's events sort in the order they happened. */
    public static final String EVENT_PREFIX = "event-";

    public OutboxItem {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** An email item (no event). */
    public OutboxItem(String leadId, String outboxId, OutboxKind kind, Instant dueAt, int attempts, List<String> recipients,
                      String routeId, boolean rotate, String sequenceId, int step, Instant createdAt, Instant leaseUntil,
                      String disposition) {
        this(leadId, outboxId, kind, dueAt, attempts, recipients, routeId, rotate, sequenceId, step, createdAt, leaseUntil,
                disposition, null);
    }

    /** One lead event to publish, due at once; {@code sequence} orders the lead's events. */
    public static OutboxItem leadEvent(String leadId, long sequence, String type, String event, Instant now) {
        return new OutboxItem(leadId, eventId(sequence, type), OutboxKind.LEAD_EVENT, now, 0, List.of(), null, false, null, 0,
                now, null, null, event);
    }

    /**
     * The outbox id of a lead's event: {@code event-<sequence>-<name>}, the sequence fixed width so that ids sort as
     * sequences do, and the name there for the bus (and for a person reading the table).
     */
    public static String eventId(long sequence, String type) {
        return String.format("%s%015d-%s", EVENT_PREFIX, sequence, type);
    }

    /** A lead event's name ({@code lead.hot}), from its outbox id (or the id of the event a webhook delivers). */
    public String eventType() {
        return outboxId.substring(outboxId.lastIndexOf(EVENT_PREFIX) + EVENT_PREFIX.length() + 16);
    }

    /**
     * The delivery of a lead event to one webhook subscriber, due at once: it carries the event as it was published,
     * so that it holds nothing the event did not. Its id ends with the event's, so that one event has one delivery
     * per subscriber however often the event is published.
     */
    public static OutboxItem webhookDelivery(OutboxItem event, String subscriber, Instant now) {
        return new OutboxItem(event.leadId(), "webhook-" + subscriber + "-" + event.outboxId(), OutboxKind.WEBHOOK, now, 0,
                List.of(subscriber), null, false, null, 0, now, null, null, event.event());
    }

    /** A webhook delivery's subscriber. */
    public String subscriber() {
        return recipients.isEmpty() ? null : recipients.get(0);
    }

    public static String alertId(int episode) {
        return "alert-" + episode;
    }

    /** The episode an alert or escalation item belongs to. */
    public int episode() {
        return Integer.parseInt(outboxId.substring(outboxId.lastIndexOf('-') + 1));
    }

    public static OutboxItem salesAlert(String leadId, int episode, String routeId, List<String> pool, boolean rotate,
                                        Instant now) {
        return new OutboxItem(leadId, alertId(episode), OutboxKind.SALES_ALERT, now, 0, pool, routeId, rotate, null, 0, now,
                null, null);
    }

    /**
     * The alert of a hot episode as a chat message to one webhook ({@code slack:sales-team}), due at once; its id
     * {@code chat-slack:sales-team-<episode>} ends with the episode, as an alert's does.
     */
    public static OutboxItem chatAlert(String leadId, int episode, String routeId, String webhook, Instant now) {
        return new OutboxItem(leadId, "chat-" + webhook + "-" + episode, OutboxKind.CHAT_ALERT, now, 0, List.of(webhook),
                routeId, false, null, 0, now, null, null);
    }

    static final String ACCOUNT_PREFIX = "account-";

    /**
     * The alert that the account of {@code domain} turned hot at {@code hotSince}, due at once, on the lead whose change
     * made it so; its id names the account and the episode, so that one episode stores one alert.
     */
    public static OutboxItem accountAlert(String leadId, String domain, Instant hotSince, List<String> to, Instant now) {
        return new OutboxItem(leadId, ACCOUNT_PREFIX + domain + "-" + hotSince.getEpochSecond(), OutboxKind.ACCOUNT_ALERT,
                now, 0, to, null, false, null, 0, now, null, null);
    }

    /** An account alert's company domain. */
    public String accountDomain() {
        return outboxId.substring(ACCOUNT_PREFIX.length(), outboxId.lastIndexOf('-'));
    }

    /** A chat alert's webhook ({@code slack:sales-team}). */
    public String webhook() {
        return recipients.isEmpty() ? null : recipients.get(0);
    }

    /** Due when the model's accept limit runs out; sent only if nobody accepted the alert by then. */
    public static OutboxItem escalation(String leadId, int episode, Instant due, Instant now) {
        return new OutboxItem(leadId, "escalation-" + episode, OutboxKind.ESCALATION, due, 0, List.of(), null, false, null,
                0, now, null, null);
    }

    public static OutboxItem nurtureStep(String leadId, String sequenceId, int step, Instant due, Instant now) {
        return new OutboxItem(leadId, NURTURE_SLOT, OutboxKind.NURTURE, due, 0, List.of(), null, false, sequenceId, step,
                now, null, null);
    }

    public static OutboxItem reminder(String leadId, Instant due, Instant now) {
        return new OutboxItem(leadId, REMINDER_SLOT, OutboxKind.REMINDER, due, 0, List.of(), null, false, null, 0, now,
                null, null);
    }

    /** The double opt-in email, due at once. */
    public static OutboxItem confirmation(String leadId, Instant now) {
        return new OutboxItem(leadId, CONFIRMATION_SLOT, OutboxKind.CONFIRMATION, now, 0, List.of(), null, false, null, 0,
                now, null, null);
    }
}
