package io.leadtriage.app;

import java.time.Duration;
import java.util.Map;

/**
 * A request refused with one of the contract's stable error codes (../PRODUCT.md), before anything is stored.
 * Use cases and parsers throw it; {@code handlers.http.HttpErrors} alone decides the HTTP status of each code.
 */
public final class Refusal extends RuntimeException {
    public static final String INVALID_FIELD = "invalid_field";
    public static final String UNKNOWN_FORM = "unknown_form";
    public static final String INVALID_TOKEN = "invalid_token";
    public static final String NOT_FOUND = "not_found";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String VERSION_CONFLICT = "version_conflict";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String SOURCE_NOT_ALLOWED = "source_not_allowed";
    /** An export asked for personal data (an address, a name) its caller may not read in bulk. */
    public static final String PERSONAL_DATA_NOT_ALLOWED = "personal_data_not_allowed";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String UNAVAILABLE = "temporarily_unavailable";
    /** A signed server-to-server request (a CRM's outcome) whose signature is missing or wrong. */
    public static final String SIGNATURE_INVALID = "signature_invalid";
    /** A rightly signed request signed too long ago (or ahead): a replay, or a sender's clock far off. */
    public static final String TIMESTAMP_OUTSIDE_WINDOW = "timestamp_outside_window";
    /** A server-to-server request naming a lead (by id or email) that is not stored. */
    public static final String UNKNOWN_LEAD = "unknown_lead";
    /** An edit of a template the model in effect does not have (or does not write out as subject, html and text). */
    public static final String UNKNOWN_TEMPLATE = "unknown_template";
    /** A test email to an address that is not one of the company's own. */
    public static final String RECIPIENT_NOT_ALLOWED = "recipient_not_allowed";

    private final String code;
    private final Map<String, String> fields;
    private final int retryAfterSeconds;

    public Refusal(String code, String message, Map<String, String> fields) {
        this(code, message, fields, 1);
    }

    private Refusal(String code, String message, Map<String, String> fields, int retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.fields = fields == null ? Map.of() : Map.copyOf(fields);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static Refusal invalidFields(Map<String, String> fields) {
        return new Refusal(INVALID_FIELD, fields.size() == 1 ? "A field is not valid." : "Some fields are not valid.",
                fields);
    }

    public static Refusal invalidBody(String message) {
        return new Refusal(INVALID_FIELD, message, Map.of());
    }

    public static Refusal tooLarge(String message) {
        return new Refusal(PAYLOAD_TOO_LARGE, message, Map.of());
    }

    public static Refusal invalidToken() {
        return new Refusal(INVALID_TOKEN, "This link or form session is not valid any more. Please start again.",
                Map.of());
    }

    /** A known signal the model does not accept from the source that sent it (a demo request from a page). */
    public static Refusal sourceNotAllowed(String message) {
        return new Refusal(SOURCE_NOT_ALLOWED, message, Map.of());
    }

    public static Refusal notFound(String message) {
        return new Refusal(NOT_FOUND, message, Map.of());
    }

    /** Too many requests from one client or for one address; {@code retryAfter} is when to try again. */
    public static Refusal rateLimited(Duration retryAfter) {
        return rateLimited(retryAfter, "Too many requests. Please try again in a moment.");
    }

    /** As {@link #rateLimited(Duration)}, saying which limit was reached. */
    public static Refusal rateLimited(Duration retryAfter, String message) {
        return new Refusal(RATE_LIMITED, message, Map.of(), Math.max(1, (int) Math.ceil(retryAfter.toMillis() / 1000.0)));
    }

    /** The store is busy or unreachable, or too many writers on one lead at once: nothing was stored; send it again. */
    public static Refusal busy(String message) {
        return new Refusal(UNAVAILABLE, message, Map.of());
    }

    /** A field name echoed back in an error only if it is plain, so errors never reflect arbitrary input. */
    public static String safeFieldName(String name) {
        return name != null && name.matches("[A-Za-z0-9_\\-]{1,64}") ? name : "_field";
    }

    /** Seconds for the Retry-After header of a rate limit or a busy answer. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String code() {
        return code;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
