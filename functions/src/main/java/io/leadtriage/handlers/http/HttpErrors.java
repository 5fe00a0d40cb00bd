package io.leadtriage.handlers.http;

import io.leadtriage.app.ContentionException;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.UnknownLeadException;
import io.leadtriage.app.ports.StorageUnavailableException;
import io.leadtriage.ops.Log;

import java.util.Map;

/**
 * The one place that turns what a use case throws into an HTTP answer: a {@link Refusal}'s code decides the status
 * (the contract's table), storage that is busy or unreachable and a lead contended past its retries are 503 with
 * Retry-After (nothing was stored, so the client sends it again), a token naming a lead that is gone is the same
 * 403 as a forged one. Anything else is a defect and is left to fail the invocation.
 */
public final class HttpErrors {
    private HttpErrors() {
    }

    public static int status(Refusal refusal) {
        return switch (refusal.code()) {
            case Refusal.INVALID_FIELD -> 400;
            case Refusal.UNAUTHORIZED, Refusal.SIGNATURE_INVALID, Refusal.TIMESTAMP_OUTSIDE_WINDOW -> 401;
            case Refusal.INVALID_TOKEN, Refusal.SOURCE_NOT_ALLOWED, Refusal.PERSONAL_DATA_NOT_ALLOWED,
                 Refusal.RECIPIENT_NOT_ALLOWED -> 403;
            case Refusal.UNKNOWN_FORM, Refusal.NOT_FOUND, Refusal.UNKNOWN_LEAD, Refusal.UNKNOWN_TEMPLATE -> 404;
            case Refusal.VERSION_CONFLICT -> 409;
            case Refusal.PAYLOAD_TOO_LARGE -> 413;
            case Refusal.UNSUPPORTED_MEDIA_TYPE -> 415;
            case Refusal.RATE_LIMITED -> 429;
            case Refusal.UNAVAILABLE -> 503;
            default -> throw new IllegalArgumentException("no HTTP status for the code " + refusal.code());
        };
    }

    /**
     * What a request that failed with {@code failure} is answered.
     *
     * @param route for the log line, e.g. {@code form}
     * @throws RuntimeException {@code failure} itself when it is none of the expected ones
     */
    public static Refusal refusalFor(RuntimeException failure, String route) {
        if (failure instanceof Refusal refusal) {
            Log.info("request refused", Map.of("route", route, "code", refusal.code(), "status", status(refusal)));
            return refusal;
        }
        if (failure instanceof UnknownLeadException) {
            return Refusal.invalidToken();
        }
        if (failure instanceof StorageUnavailableException) {
            // The SDK's reason (no credentials, a timeout, throttling) is what operations need; it holds no lead's data.
            Log.error("storage unavailable; nothing accepted", Map.of("route", route, "reason", failure.getMessage()), failure);
            return Refusal.busy("The service is busy. Please send it again in a moment.");
        }
        if (failure instanceof ContentionException) {
            Log.warn("lead contended; asked the client to retry", Map.of("route", route));
            return Refusal.busy("Please send it again in a moment.");
        }
        throw failure;
    }
}
