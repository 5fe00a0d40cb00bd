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

    /**
     * Leads newest first, by tier and/or stage (either may be null), a page at a time, through indexes.
     *
     * @param cursor the previous page's {@link io.leadtriage.app.LeadPage#nextCursor()}, or null
     * @throws IllegalArgumentException for a cursor this store did not make
     */
    io.leadtriage.app.LeadPage listLeads(io.leadtriage.domain.Tier tier, io.leadtriage.domain.Stage stage, int limit,
                                         String cursor, java.time.Instant now);

    /** Leads first seen in [from, to), through the listing index's month buckets (for reports). */
    List<io.leadtriage.app.LeadRecord> leadsCreatedBetween(java.time.Instant from, java.time.Instant to);

    /** The emails sent about or to the lead, oldest first. */
    List<io.leadtriage.app.outbox.SentMessage> sentMessages(String leadId);

    /**
     * Erases everything held about the lead: its items, its email index; keeps an anonymous count.
     * @return false when there was no such lead
     */
    boolean erase(String leadId);

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
