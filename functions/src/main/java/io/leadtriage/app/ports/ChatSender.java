package io.leadtriage.app.ports;

import java.time.Duration;
import java.util.Set;

/**
 * Where chat alerts go: named incoming webhooks ({@code slack:sales-team}, {@code teams:sales-team}) whose URLs are a
 * deployment secret. The HTTP adapter in the deployment and the local run, a recorder in tests.
 */
public interface ChatSender {
    /** The webhooks this sender can post to, by name. */
    Set<String> webhooks();

    /**
     * Posts one message.
     *
     * @param webhook its name, {@code slack:sales-team}
     * @param payload the message, JSON as the service takes it (Block Kit, an Adaptive Card)
     * @throws ChatSendException the webhook did not take it
     */
    void post(String webhook, String payload);

    /**
     * A function given no chat webhooks secret (template.yaml gives it to the form intake and the dispatcher only): it
     * leaves its chat alerts in the outbox for the dispatcher, and never calls this.
     */
    ChatSender ELSEWHERE = new ChatSender() {
        @Override
        public Set<String> webhooks() {
            return Set.of();
        }

        @Override
        public void post(String webhook, String payload) {
            throw new ChatSendException("this function posts no chat alerts: the dispatcher does", 0, null, true);
        }
    };

    /**
     * Why a webhook did not take a message. The message names the webhook and the HTTP status (and the service's
     * error code), never the webhook's URL: it is a secret, and this reaches logs and the lead's timeline.
     *
     * @param status     the HTTP status, or 0 when no answer came (timeout, connection refused)
     * @param retryAfter how long the service asked us to wait (429's Retry-After), or null
     * @param retryable  throttling, a 5xx, a timeout: worth trying again; a 4xx (404 no_service, 403
     *                   invalid_token, 410 channel gone) never is
     */
    final class ChatSendException extends DeliveryRefusedException {
        public ChatSendException(String message, int status, Duration retryAfter, boolean retryable) {
            super(message, status, retryAfter, retryable);
        }
    }
}
