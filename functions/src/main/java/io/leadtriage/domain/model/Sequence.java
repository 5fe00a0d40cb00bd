package io.leadtriage.domain.model;

import java.util.List;

/** A nurture sequence: timed steps, each sending one template. */
public record Sequence(String id, Audience audience, List<SequenceStep> steps) {
    public Sequence {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
