package io.leadtriage.domain.reports;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named counts that add up: what one lead contributes to a report's counters, a change of that contribution (after
 * minus before), or the sum of many. Counters kept this way stay right whatever a change does to a lead (a new tier,
 * an erasure): the store adds the difference, never a recomputed total. Zero counts are left out.
 */
public record Tally(Map<String, Long> counts) {
    public static final Tally NONE = new Tally(Map.of());

    public Tally {
        TreeMap<String, Long> kept = new TreeMap<>();
        counts.forEach((name, n) -> {
            if (n != 0) {
                kept.put(name, n);
            }
        });
        counts = Collections.unmodifiableMap(kept);
    }

    public long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public Tally plus(Tally other) {
        TreeMap<String, Long> sum = new TreeMap<>(counts);
        other.counts.forEach((name, n) -> sum.merge(name, n, Long::sum));
        return new Tally(sum);
    }

    public Tally minus(Tally other) {
        TreeMap<String, Long> difference = new TreeMap<>(counts);
        other.counts.forEach((name, n) -> difference.merge(name, -n, Long::sum));
        return new Tally(difference);
    }

    /** A builder's view: {@code add("won", 1)}. */
    static final class Builder {
        private final TreeMap<String, Long> counts = new TreeMap<>();

        Builder add(String name, long n) {
            counts.merge(name, n, Long::sum);
            return this;
        }

        Tally build() {
            return new Tally(counts);
        }
    }
}
