package io.leadtriage.domain.model;

/** The consent wording a form shows, versioned so a recorded consent says what was agreed to. */
public record Consent(String version, String text) {
}
