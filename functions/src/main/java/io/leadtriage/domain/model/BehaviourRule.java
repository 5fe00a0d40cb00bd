package io.leadtriage.domain.model;

import io.leadtriage.domain.SignalType;

import java.time.Duration;

/**
 * Points per occurrence of a signal, decaying with the model's half-life.
 *
 * @param maxCounted at most this many occurrences count (the most recent ones); null for no cap
 * @param oncePer    occurrences closer together than this count once; null for no window
 * @param oncePerItem occurrences about the same item (the same resource, page or form: the signal's detail) count
 *                    once, the most recent: downloading one e-book five times, or posting its form again, is one
 *                    download; null or false to count every occurrence
 */
public record BehaviourRule(String id, SignalType signal, Integer points, Integer maxCounted, Duration oncePer,
                            Boolean oncePerItem, String reason) {
    public boolean countsOncePerItem() {
        return Boolean.TRUE.equals(oncePerItem);
    }
}
