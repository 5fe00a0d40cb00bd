package io.leadtriage.testing.memory;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ports.TierReviewQueue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Leads whose review time has come, as the table's review index finds them. */
public final class InMemoryTierReviewQueue implements TierReviewQueue {
    private final MemoryTable table;

    InMemoryTierReviewQueue(MemoryTable table) {
        this.table = table;
    }

    @Override
    public List<String> dueForTierReview(Instant now, int limit) {
        synchronized (table) {
            return table.profiles.values().stream()
                    .filter(lead -> lead.reviewTierAt() != null && lead.reviewTierAt().toEpochMilli() <= now.toEpochMilli())
                    .sorted(Comparator.comparing(LeadRecord::reviewTierAt))
                    .limit(limit)
                    .map(LeadRecord::id)
                    .toList();
        }
    }
}
