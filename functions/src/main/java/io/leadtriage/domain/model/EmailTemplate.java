package io.leadtriage.domain.model;

/** A Mustache email template: subject, HTML body and plain-text body. */
public record EmailTemplate(String subject, String html, String text) {
}
