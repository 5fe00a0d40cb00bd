package io.leadtriage.app;

/** A valid token names a lead that no longer exists (erased): treated like an invalid token. */
public final class UnknownLeadException extends RuntimeException {
    public UnknownLeadException(String leadId) {
        super("no lead " + leadId);
    }
}
