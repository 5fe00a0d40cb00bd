package io.leadtriage.domain.model;

import java.util.List;

/**
 * A test on one answer field: its value is one of {@code in} (or of the named list {@code inList}), or, with
 * {@code minLength}, it is at least that many characters long, or, for a number question, it lies within
 * {@code atLeast} and {@code atMost} (either may be left out).
 */
public record Condition(String field, List<String> in, String inList, Integer minLength, Integer atLeast,
                        Integer atMost) {
    public Condition {
        in = in == null ? List.of() : List.copyOf(in);
    }

    public static Condition in(String field, String... values) {
        return new Condition(field, List.of(values), null, null, null, null);
    }

    public boolean range() {
        return atLeast != null || atMost != null;
    }
}
