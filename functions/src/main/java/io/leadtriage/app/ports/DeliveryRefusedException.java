package io.leadtriage.app.ports;

import java.time.Duration;

/**
 * Why an HTTP receiver (a chat webhook, a webhook subscriber) did not take what was posted to it. The message names
 * the receiver and the HTTP status, never its URL: that is a credential more often than not, and this reaches logs,
 * the lead's timeline and dead letters.
 */
public class DeliveryRefusedException extends RuntimeException {
    private final int status;
    private final Duration retryAfter;
    private final boolean retryable;

    /**
     * @param status     the HTTP status, or 0 when no answer came (timeout, connection refused)
     * @param retryAfter how long the receiver asked us to wait (429 or 503's Retry-After), or null
     * @param retryable  worth trying again
     */
    public DeliveryRefusedException(String message, int status, Duration retryAfter, boolean retryable) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }
}
