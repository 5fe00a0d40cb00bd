package io.leadtriage.domain.model;

/** A lead matching {@code when} gets no nurture and no alert, whatever it scores. */
public record Disqualifier(String id, Condition when, String reason) {
}
