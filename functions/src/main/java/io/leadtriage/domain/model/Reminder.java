package io.leadtriage.domain.model;

import java.time.Duration;

/** The one "finish your request" email to a lead who did step 1 of a two-step form but not step 2. */
public record Reminder(Duration after, String template) {
}
