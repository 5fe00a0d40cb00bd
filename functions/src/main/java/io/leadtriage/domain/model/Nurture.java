package io.leadtriage.domain.model;

import java.util.List;

/**
 * Nurture settings and sequences. Order matters: among sequences whose audience matches, one naming a
 * pain point of the lead wins over a general one, and otherwise the first in the file wins.
 *
 * @param maxPerDay   marketing emails a lead may get per day across all sequences
 * @param doubleOptIn null: a consent given on a form counts at once; set: only once the lead confirms it
 */
public record Nurture(Integer maxPerDay, Reminder reminder, DoubleOptIn doubleOptIn, List<Sequence> sequences) {
    public Nurture {
        sequences = sequences == null ? List.of() : List.copyOf(sequences);
    }
}
