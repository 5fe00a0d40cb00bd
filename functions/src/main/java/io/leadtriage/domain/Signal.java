package io.leadtriage.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One behaviour signal at one instant.
 *
 * @param detail what it was about (a page path, a message id); never personal data
 * @param scores false for signals kept in the timeline that must not change the score (link-scanner clicks)
 * @param source who reported it: the page snippet, a form post, an email click or a product backend
 */
public record Signal(SignalType type, Instant at, String detail, boolean scores, SignalSource source) {
    public Signal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        detail = detail == null ? "" : detail;
    }

    public static Signal of(SignalType type, SignalSource source, Instant at) {
        return new Signal(type, at, "", true, source);
    }

    /** The signal a form declares, posted with that form: its detail is {@code form:<formId>}. */
    public static Signal fromForm(SignalType type, String formId, Instant at) {
        return new Signal(type, at, "form:" + formId, true, SignalSource.FORM);
    }
}
