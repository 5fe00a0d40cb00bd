package io.leadtriage.domain.model;

import java.time.Duration;

/** Send {@code template} this long after the previous step (the first: after enrolment). */
public record SequenceStep(Duration after, String template) {
}
