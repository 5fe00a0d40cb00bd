package io.leadtriage.domain.model;

import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Points per occurrence of a signal, decaying with the model's half-life.
 *
 * @param maxCounted at most this many occurrences count (the most recent ones); null for no cap
 * @param oncePer    occurrences closer together than this count once; null for no window
 * @param oncePerItem occurrences about the same item (the same resource, page or form: the signal's detail) count
 *                    once, the most recent: downloading one e-book five times, or posting its form again, is one
 *                    download; null or false to count every occurrence
 * @param sources    who may report the signal ({@code page}, {@code form}, {@code email}, {@code backend}); a signal
 *                   from another source is refused where it arrives, and never counts here; null for the defaults
 *                   ({@link SignalSource#acceptedByDefault})
 * @param category   for a page view: only views of pages of this category ({@code data-leadtriage-page="careers"})
 *                   count here, and no rule without a category counts them; null for the page views of every category
 *                   no rule of the signal names
 */
public record BehaviourRule(String id, SignalType signal, Integer points, Integer maxCounted, Duration oncePer,
                            Boolean oncePerItem, List<SignalSource> sources, String reason, String category) {
    public BehaviourRule {
        sources = sources == null ? null : List.copyOf(sources);
    }

    public boolean countsOncePerItem() {
        return Boolean.TRUE.equals(oncePerItem);
    }

    /** The sources this rule accepts its signal from: those the model names, else the defaults for the signal. */
    public Set<SignalSource> acceptedSources() {
        if (sources == null) {
            return signal == null ? EnumSet.noneOf(SignalSource.class) : SignalSource.acceptedByDefault(signal);
        }
        return sources.isEmpty() ? EnumSet.noneOf(SignalSource.class) : EnumSet.copyOf(sources);
    }

    public boolean accepts(SignalSource source) {
        return acceptedSources().contains(source);
    }

    /**
     * Whether this rule counts the signal: of its type, scoring, from a source it accepts, and of its category (a
     * rule without one counts the signals whose category no other rule of the type claims).
     */
    public boolean counts(Signal s, Behaviour behaviour) {
        if (s.type() != signal || !s.scores() || !accepts(s.source())) {
            return false;
        }
        return category == null ? !behaviour.claimsCategory(signal, s.category()) : category.equals(s.category());
    }
}
