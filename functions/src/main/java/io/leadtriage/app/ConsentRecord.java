package io.leadtriage.app;

/**
 * Proof of a lead's consent to marketing email: when, on which page and form, and which wording
 * (the form's consent text version) they agreed to.
 */
public record ConsentRecord(java.time.Instant at, String formId, String pageUrl, String textVersion) {
}
