package io.leadtriage.app.ports;

import java.time.Instant;

/**
 * Remembers a submission by its client-given id for a while, so a repeat (a double click, a retried
 * request) is answered as the same submission instead of counting twice.
 *
 * @param key         form id and submission id
 * @param createdLead true when this submission created the lead (the repeat answers 201 again)
 */
public record SubmissionMarker(String key, String leadId, boolean createdLead, Instant at) {
}
