package io.leadtriage.app.ports;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;

import java.util.List;
import java.util.Optional;

/** Durable storage of leads, their email index, timelines and submission markers. */
public interface LeadStore {
    Optional<LeadRecord> findById(String leadId);

    /** @param email normalised, as intake stores it */
    Optional<String> findLeadIdByEmail(String email);

    Optional<SubmissionMarker> findSubmission(String key);

    /** The lead's timeline, oldest first. */
    List<TimelineEntry> timeline(String leadId);

    /**
     * Stores the lead, its new timeline entries and the marker in one atomic write, if nobody else changed
     * the lead since {@code expectedVersion} was read (0: the lead, and its email, must not exist yet).
     *
     * @param marker null when the submission has no client id
     */
    SaveResult save(LeadRecord lead, long expectedVersion, List<TimelineEntry> timeline, SubmissionMarker marker);

    enum SaveResult {
        SAVED,
        /** Someone else wrote first: read again and retry. */
        CONFLICT,
        /** The marker exists: this submission was stored before. */
        DUPLICATE_SUBMISSION
    }
}
