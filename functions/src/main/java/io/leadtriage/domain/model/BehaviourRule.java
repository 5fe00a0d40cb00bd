package io.leadtriage.domain.model;

import io.leadtriage.domain.SignalType;

import java.time.Duration;

/**
 * Points per occurrence of a signal, decaying with the model's half-life.
 *
 * @param maxCounted at most this many occurrences count (the most recent ones); null for no cap
 * @param oncePer    occurrences closer together than this count once; null for no window
 */
public record BehaviourRule(String id, SignalType signal, Integer points, Integer maxCounted, Duration oncePer,
                            String reason) {
}
