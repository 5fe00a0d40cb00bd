package io.leadtriage.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One behaviour signal at one instant.
 *
 * @param detail what it was about (a page path, a message id); never personal data
 * @param scores false for signals kept in the timeline that must not change the score (link-scanner clicks)
 * @param source who reported it: the page snippet, a form post, an email click or a product backend
 * @param category what kind of page a page view was on, as the page says ({@code careers}, {@code support},
 *                 {@code docs}); empty when it said none. Behaviour rules may score a category apart (negatively:
 *                 a careers page visitor is probably a job seeker)
 */
public record Signal(SignalType type, Instant at, String detail, boolean scores, SignalSource source, String category) {
    public Signal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        detail = detail == null ? "" : detail;
        category = category == null ? "" : category;
    }

    /** A signal of no page category. */
    public Signal(SignalType type, Instant at, String detail, boolean scores, SignalSource source) {
        this(type, at, detail, scores, source, "");
    }

    public static Signal of(SignalType type, SignalSource source, Instant at) {
        return new Signal(type, at, "", true, source);
    }

    /** The signal a form declares, posted with that form: its detail is {@code form:<formId>}. */
    public static Signal fromForm(SignalType type, String formId, Instant at) {
        return new Signal(type, at, "form:" + formId, true, SignalSource.FORM);
    }
}
