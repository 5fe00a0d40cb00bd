package io.leadtriage.app.ports;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.reports.CountChange;

import java.util.List;

/**
 * Everything one change to a lead stores, atomically: the lead, its timeline entries, the marker that
 * makes the change happen once, and the emails it calls for (outbox items to put, slots to clear).
 *
 * @param expectedVersion the version read before the change; 0 for a new lead
 * @param marker          null when the change has no idempotency key
 * @param unverified      a submission sent without proof of the address (see {@link UnverifiedSubmission}) to index
 *                        by its id, so that its step 2 and beacons find the lead; null for none
 * @param counts          what the change does to the report counters, added in the same write
 */
public record LeadWrite(LeadRecord lead, long expectedVersion, List<TimelineEntry> timeline, IdempotencyMarker marker,
                        List<OutboxItem> outboxPuts, List<String> outboxDeletes, UnverifiedSubmission unverified,
                        CountChange counts) {
    public LeadWrite {
        timeline = List.copyOf(timeline);
        outboxPuts = List.copyOf(outboxPuts);
        outboxDeletes = List.copyOf(outboxDeletes);
        counts = counts == null ? CountChange.none(lead.id()) : counts;
    }

    public LeadWrite(LeadRecord lead, long expectedVersion, List<TimelineEntry> timeline, IdempotencyMarker marker,
                     List<OutboxItem> outboxPuts, List<String> outboxDeletes, UnverifiedSubmission unverified) {
        this(lead, expectedVersion, timeline, marker, outboxPuts, outboxDeletes, unverified, null);
    }

    public LeadWrite(LeadRecord lead, long expectedVersion, List<TimelineEntry> timeline, IdempotencyMarker marker,
                     List<OutboxItem> outboxPuts, List<String> outboxDeletes) {
        this(lead, expectedVersion, timeline, marker, outboxPuts, outboxDeletes, null);
    }
}
