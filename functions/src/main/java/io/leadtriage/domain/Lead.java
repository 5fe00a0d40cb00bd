package io.leadtriage.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What qualification needs to know about a lead: who they are (email and answers) and what they did
 * (signals). Persistence concerns (versions, timeline, outbox) live outside the domain core.
 *
 * @param email normalised (lower-cased, IDN domain in punycode) by intake
 */
public record Lead(String id, String email, Answers answers, List<Signal> signals) {
    public Lead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        answers = answers == null ? Answers.none() : answers;
        signals = List.copyOf(signals == null ? List.of() : signals);
    }

    /** The part after the last {@code @}, lower-cased; empty for a malformed address. */
    public String emailDomain() {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    public Lead withSignal(Signal signal) {
        List<Signal> more = new java.util.ArrayList<>(signals);
        more.add(signal);
        return new Lead(id, email, answers, more);
    }

    public Lead withAnswers(Answers newer) {
        return new Lead(id, email, answers.mergedWith(newer), signals);
    }

    @Override
    public String toString() {
        return "Lead[" + id + "]";
    }
}
