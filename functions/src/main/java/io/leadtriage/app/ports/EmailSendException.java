package io.leadtriage.app.ports;

/**
 * The mail service did not accept a message.
 *
 * @see #retryable() true for throttling, outages and timeouts (try again later); false for a message the
 * service will never take (bad address, unverified sender), which retrying cannot fix
 */
public final class EmailSendException extends RuntimeException {
    private final boolean retryable;

    public EmailSendException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
