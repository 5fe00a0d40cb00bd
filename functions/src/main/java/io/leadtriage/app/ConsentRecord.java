package io.leadtriage.app;

/**
 * Proof of a lead's consent to marketing email: when, on which page and form, and which wording
 * (the form's consent text version) they agreed to; with double opt-in, when the confirmation was asked for and when
 * the lead confirmed it from that email.
 *
 * @param confirmationAskedAt null until the confirmation email is planned (double opt-in)
 * @param confirmedAt        null until the lead confirms (double opt-in)
 */
public record ConsentRecord(java.time.Instant at, String formId, String pageUrl, String textVersion,
                            java.time.Instant confirmationAskedAt, java.time.Instant confirmedAt) {
    public ConsentRecord(java.time.Instant at, String formId, String pageUrl, String textVersion) {
        this(at, formId, pageUrl, textVersion, null, null);
    }

    public ConsentRecord confirmationPlanned(java.time.Instant when) {
        return new ConsentRecord(at, formId, pageUrl, textVersion, when, confirmedAt);
    }

    public ConsentRecord confirmed(java.time.Instant when) {
        return new ConsentRecord(at, formId, pageUrl, textVersion, confirmationAskedAt, when);
    }

    /** Whether marketing email may go out on it: at once, or once confirmed where the model asks for double opt-in. */
    public boolean allowsMarketing(boolean doubleOptIn) {
        return !doubleOptIn || confirmedAt != null;
    }
}
