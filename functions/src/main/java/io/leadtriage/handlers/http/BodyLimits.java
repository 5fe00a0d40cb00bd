package io.leadtriage.handlers.http;

/** Bounds checked before and while parsing: a public endpoint must never parse an unbounded body. */
public final class BodyLimits {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_FIELDS = 50;
    public static final int MAX_FIELD_BYTES = 2 * 1024;
    public static final int MAX_FIELD_NAME_LENGTH = 64;

    private BodyLimits() {
    }
}
