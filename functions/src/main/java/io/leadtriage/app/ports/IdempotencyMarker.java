package io.leadtriage.app.ports;

import java.time.Instant;

/**
 * Remembers, for a while, that something was done once: a form submission by its client id, an SES
 * event by its EventBridge id. A repeat (a double click, a retried request, a redelivered event) is
 * then answered as the same thing instead of counting twice.
 *
 * @param key         what was done, e.g. {@code form#demo#<submissionId>} or {@code ses#<eventId>}
 * @param createdLead true when it created the lead (a repeated submission answers 201 again)
 * @param expiresAt   until when it stands (DynamoDB's TTL removes it some time after)
 */
public record IdempotencyMarker(String key, String leadId, boolean createdLead, Instant at, Instant expiresAt) {
    /** Still standing at {@code now}: a marker past its time no longer makes anything a repeat. */
    public boolean standsAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
