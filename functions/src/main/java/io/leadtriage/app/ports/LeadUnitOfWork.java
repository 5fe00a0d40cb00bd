package io.leadtriage.app.ports;

import io.leadtriage.app.LeadRecord;

import java.util.Optional;

/**
 * The one write path of a lead: read it, then store the whole change (lead, timeline, marker, outbox) at
 * once, if nobody changed the lead meanwhile. Its user is {@link io.leadtriage.app.LeadUpdates}.
 */
public interface LeadUnitOfWork {
    Optional<LeadRecord> findById(String leadId);

    /** @param email normalised, as intake stores it */
    Optional<String> findLeadIdByEmail(String email);

    Optional<IdempotencyMarker> findMarker(String key);

    /** The lead an unverified submission's id stands for, while it has not expired. */
    Optional<String> findLeadIdByUnverifiedSubmission(String submissionId, java.time.Instant now);

    /**
     * Stores the whole write atomically, if nobody else changed the lead since its expected version
     * (0: the lead, and its email, must not exist yet).
     */
    SaveResult save(LeadWrite write);

    enum SaveResult {
        SAVED,
        /** Someone else wrote first: read again and retry. */
        CONFLICT,
        /** The marker exists: this was stored before. */
        DUPLICATE
    }
}
