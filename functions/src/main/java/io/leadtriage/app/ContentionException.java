package io.leadtriage.app;

/**
 * Too many writers changed the same lead at once for this one to get through in its retries. Nothing
 * was stored for it; the caller answers 503 with Retry-After so the client sends it again.
 */
public final class ContentionException extends RuntimeException {
    public ContentionException(String leadId, int attempts) {
        super("lead " + leadId + " still contended after " + attempts + " attempts");
    }
}
