package io.leadtriage.domain.model;

/** An inclusive score range; a missing bound is open. */
public record Band(Integer min, Integer max) {
    public boolean contains(int score) {
        return (min == null || score >= min) && (max == null || score <= max);
    }
}
