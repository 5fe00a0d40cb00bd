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

    /** Signals of one type kept per lead: scoring counts at most a few recent ones, decayed. */
    public static final int SIGNALS_KEPT_PER_TYPE = 20;

    /** With one more signal, keeping the most recent {@value #SIGNALS_KEPT_PER_TYPE} of each type. */
    public Lead withSignal(Signal added) {
        java.util.Map<SignalType, List<Signal>> byType = new java.util.EnumMap<>(SignalType.class);
        List<Signal> all = new java.util.ArrayList<>(signals);
        all.add(added);
        for (Signal s : all) {
            byType.computeIfAbsent(s.type(), t -> new java.util.ArrayList<>()).add(s);
        }
        List<Signal> kept = new java.util.ArrayList<>();
        byType.values().forEach(list -> {
            list.sort(java.util.Comparator.comparing(Signal::at).reversed());
            kept.addAll(list.subList(0, Math.min(list.size(), SIGNALS_KEPT_PER_TYPE)));
        });
        kept.sort(java.util.Comparator.comparing(Signal::at));
        return new Lead(id, email, answers, kept);
    }

    public Lead withAnswers(Answers newer) {
        return new Lead(id, email, answers.mergedWith(newer), signals);
    }

    @Override
    public String toString() {
        return "Lead[" + id + "]";
    }
}
