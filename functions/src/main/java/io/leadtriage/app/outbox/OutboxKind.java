package io.leadtriage.app.outbox;

import io.leadtriage.domain.WireNamed;

/** What an outbox item sends. */
public enum OutboxKind implements WireNamed {
    /** The instant alert to sales when a lead turns hot; one per hot episode. */
    SALES_ALERT,
    /** The same alert, to the escalation list, when nobody accepted it within the model's limit. */
    ESCALATION,
    /** The lead's nurture slot: the next step of its sequence. */
    NURTURE,
    /** The one "finish your request" email after an unfinished two-step form. */
    REMINDER,
    /** With double opt-in: the email that asks the lead to confirm its consent, before any marketing email. */
    CONFIRMATION,
    /** A lead event (lead.created, lead.hot, …) to publish on the event bus: not an email; see PublishLeadEvents. */
    LEAD_EVENT,
    /** The sales alert as a chat message (Slack Block Kit, a Teams card) to one named webhook; see SendChatAlert. */
    CHAT_ALERT,
    /** A lead event, signed, to one webhook subscriber; see DeliverWebhook. */
    WEBHOOK,
    /**
     * The model's account alert to sales: the lead's company turned hot while none of its leads is. Stored with the
     * account's hot mark, on the lead whose change made it so, once per hot episode of the account.
     */
    ACCOUNT_ALERT;

    @Override
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind a wire name names ({@code sales_alert}, …); empty for any other text. */
    public static java.util.Optional<OutboxKind> ofWireName(String wireName) {
        return WireNamed.lookUp(OutboxKind.class, wireName);
    }

    /**
     * An alert to sales (by email, by chat, about an account): sent within seconds by the request whose change planned
     * it, before the dispatcher's next minute.
     */
    public boolean alert() {
        return this == SALES_ALERT || this == ACCOUNT_ALERT || this == CHAT_ALERT;
    }

    /** Sent to the lead's own address (the rest go to sales, about the lead). */
    public boolean marketing() {
        return this == NURTURE || this == REMINDER || this == CONFIRMATION;
    }
}
