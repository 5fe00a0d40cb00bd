package io.leadtriage.app.ports;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;

import java.util.List;
import java.util.Optional;

/** Durable storage of leads, their email index, timelines and idempotency markers. */
public interface LeadStore {
    Optional<LeadRecord> findById(String leadId);

    /** @param email normalised, as intake stores it */
    Optional<String> findLeadIdByEmail(String email);

    Optional<IdempotencyMarker> findMarker(String key);

    /** Leads whose tier fading behaviour points will have changed by {@code now}, through an index. */
    List<String> dueForTierReview(java.time.Instant now, int limit);

    /** The lead's timeline, oldest first. */
    List<TimelineEntry> timeline(String leadId);

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
