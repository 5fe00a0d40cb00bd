package io.leadtriage.domain.model;

import java.time.Duration;
import java.util.List;

/** Behaviour scoring: every rule's points halve each {@code halfLife} after the signal. */
public record Behaviour(Duration halfLife, List<BehaviourRule> rules) {
    public Behaviour {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
