package io.leadtriage.app.ports;

import io.leadtriage.app.outbox.WebhookSubscriptions;

import java.time.Duration;

/**
 * Where signed webhooks go: named subscribers (a CRM sync, an in-house service, a Zapier or n8n catch hook), each with
 * a URL and a signing key that are a deployment secret, and the lead events each takes. The HTTP adapter in the
 * deployment and the local run, a recorder in tests.
 */
public interface WebhookSender {
    /** The subscribers and the events each takes: none in a function given no webhooks secret. */
    WebhookSubscriptions subscriptions();

    /**
     * Posts one event to one subscriber, signed with its key.
     *
     * @param subscriber its name ({@code crm-sync})
     * @param delivery   what to post
     * @throws WebhookDeliveryException the subscriber did not take it
     */
    void deliver(String subscriber, Delivery delivery);

    /**
     * One delivery of an event.
     *
     * @param eventId   the event's id, the same on every try and every subscriber: receivers deduplicate on it
     * @param eventType its name ({@code lead.hot})
     * @param body      the event, JSON, exactly as published on the bus
     * @param attempt   1 for the first try
     */
    record Delivery(String eventId, String eventType, String body, int attempt) {
    }

    /** No subscribers: a function given no webhooks secret, and tools and tests that deliver none. */
    WebhookSender NONE = new WebhookSender() {
        @Override
        public WebhookSubscriptions subscriptions() {
            return WebhookSubscriptions.NONE;
        }

        @Override
        public void deliver(String subscriber, Delivery delivery) {
            throw new WebhookDeliveryException(subscriber + " is not a webhook subscriber here", 0, null, false);
        }
    };

    /**
     * Why a subscriber did not take a delivery. The message names the subscriber and the HTTP status, never its URL
     * or key: it reaches logs, the dead letter and the lead's timeline.
     *
     * @param status     the HTTP status, or 0 when no answer came (timeout, connection refused)
     * @param retryAfter how long the subscriber asked us to wait (429 or 503's Retry-After), or null
     * @param retryable  false only when trying again cannot help (410 Gone: the subscriber removed the hook)
     */
    final class WebhookDeliveryException extends DeliveryRefusedException {
        public WebhookDeliveryException(String message, int status, Duration retryAfter, boolean retryable) {
            super(message, status, retryAfter, retryable);
        }
    }
}
