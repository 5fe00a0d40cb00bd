package io.leadtriage.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One behaviour signal at one instant.
 *
 * @param detail what it was about (a page path, a message id); never personal data
 * @param scores false for signals kept in the timeline that must not change the score (link-scanner clicks)
 */
public record Signal(SignalType type, Instant at, String detail, boolean scores) {
    public Signal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }

    public static Signal of(SignalType type, Instant at) {
        return new Signal(type, at, "", true);
    }
}
