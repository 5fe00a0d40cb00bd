package io.leadtriage.handlers.http;

import java.util.Map;

/**
 * A request refused with one of the contract's stable error codes. Thrown while parsing or validating,
 * before anything is stored, and turned into the JSON (or HTML) error answer by the handler.
 */
public final class ApiError extends RuntimeException {
    public static final String INVALID_FIELD = "invalid_field";
    public static final String UNKNOWN_FORM = "unknown_form";
    public static final String INVALID_TOKEN = "invalid_token";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String UNAVAILABLE = "temporarily_unavailable";

    private final int status;
    private final String code;
    private final Map<String, String> fields;

    public ApiError(int status, String code, String message, Map<String, String> fields) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static ApiError invalidFields(Map<String, String> fields) {
        return new ApiError(400, INVALID_FIELD, fields.size() == 1 ? "A field is not valid." : "Some fields are not valid.",
                fields);
    }

    public static ApiError invalidBody(String message) {
        return new ApiError(400, INVALID_FIELD, message, Map.of());
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, PAYLOAD_TOO_LARGE, message, Map.of());
    }

    public static ApiError invalidToken() {
        return new ApiError(403, INVALID_TOKEN, "This link or form session is not valid any more. Please start again.",
                Map.of());
    }

    /** Too many requests from one client or for one address; {@code retryAfter} is when to try again. */
    public static ApiError rateLimited(java.time.Duration retryAfter) {
        ApiError e = new ApiError(429, RATE_LIMITED, "Too many requests. Please try again in a moment.", Map.of());
        e.retryAfterSeconds = Math.max(1, (int) Math.ceil(retryAfter.toMillis() / 1000.0));
        return e;
    }

    private int retryAfterSeconds = 1;

    /** Seconds for the Retry-After header of a 429 or 503. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Too many writers on one lead at once: nothing was stored, and the client should send it again. */
    public static ApiError busy(String message) {
        return new ApiError(503, UNAVAILABLE, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
