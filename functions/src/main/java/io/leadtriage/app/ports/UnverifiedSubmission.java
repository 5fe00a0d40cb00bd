package io.leadtriage.app.ports;

import java.time.Instant;
import java.util.Objects;

/**
 * A form post for a known address that carried no proof it came from the address's owner (no token for that lead):
 * anyone can type anyone's address. Its answers are kept in the lead's timeline for sales to read, never applied;
 * the visitor gets this id where a new lead's id would be (the same status and shape, so that nobody learns the
 * address is a lead), and the token for it, so that the form's step 2 and the page's beacons reach the lead as
 * unverified too, until {@code expiresAt}.
 */
public record UnverifiedSubmission(String id, String leadId, Instant expiresAt) {
    public UnverifiedSubmission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
