package io.leadtriage.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a lead has told us, field by field, already validated and normalised by intake.
 * Immutable; a later answer to the same field replaces the earlier one ({@link #mergedWith}).
 */
public final class Answers {
    private static final Answers NONE = new Answers(Map.of());
    private final Map<String, String> values;

    private Answers(Map<String, String> values) {
        this.values = values;
    }

    public static Answers none() {
        return NONE;
    }

    /** Blank values are dropped: an empty form field is not an answer. */
    public static Answers of(Map<String, String> values) {
        TreeMap<String, String> kept = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k != null && v != null && !v.isBlank()) {
                kept.put(k, v.strip());
            }
        });
        return kept.isEmpty() ? NONE : new Answers(Collections.unmodifiableMap(kept));
    }

    public Optional<String> get(String field) {
        return Optional.ofNullable(values.get(field));
    }

    public String getOrEmpty(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** This lead's answers updated by newer ones; fields the newer answers leave out are kept. */
    public Answers mergedWith(Answers newer) {
        if (newer.values.isEmpty()) {
            return this;
        }
        TreeMap<String, String> merged = new TreeMap<>(values);
        merged.putAll(newer.values);
        return new Answers(Collections.unmodifiableMap(merged));
    }

    /** "Jane Roe" from {@code name}, else from {@code firstName} + {@code lastName}; empty if neither. */
    public String displayName() {
        String name = getOrEmpty(Fields.NAME);
        if (!name.isEmpty()) {
            return name;
        }
        return (getOrEmpty(Fields.FIRST_NAME) + " " + getOrEmpty(Fields.LAST_NAME)).strip();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Answers other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Field names only: answers hold personal data, which must never reach a log line. */
    @Override
    public String toString() {
        return "Answers" + values.keySet();
    }
}
