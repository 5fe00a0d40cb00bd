package io.leadtriage.wiring;

import io.leadtriage.app.ports.ChatSender;
import io.leadtriage.app.ports.EventPublisher;
import io.leadtriage.app.ports.WebhookSender;

/**
 * Where the hand-off to other tools goes, beside email: the event bus, chat webhooks and signed webhook subscribers.
 * A function given none of them leaves its events, chat alerts and deliveries in the outbox for the dispatcher.
 */
public record Outlets(EventPublisher events, ChatSender chat, WebhookSender webhooks) {
    /** Events taken and kept nowhere, no chat, no webhooks: for tools and tests that look at none. */
    public static final Outlets NONE = new Outlets(EventPublisher.NONE, ChatSender.ELSEWHERE, WebhookSender.NONE);
}
