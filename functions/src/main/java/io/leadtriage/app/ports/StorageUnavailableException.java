package io.leadtriage.app.ports;

/**
 * The store could not be reached or refused for a while (throttling, an outage, a call past its time). Adapters
 * translate their SDK's errors into this, so that nothing above them knows which SDK they use; the caller answers
 * 503 with Retry-After and nothing was accepted.
 */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String what, Throwable cause) {
        // The SDK's own words say why (no credentials, a timeout, throttling); they carry no item's content.
        super(what + ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                : ": " + cause.getMessage().lines().findFirst().orElse("")), cause);
    }
}
