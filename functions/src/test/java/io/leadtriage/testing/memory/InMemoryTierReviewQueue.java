package io.leadtriage.testing.memory;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ports.TierReviewQueue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Leads whose review time has come, as the table's review index finds them: in order of review time, then id; the
 * cursor is the last lead of the page, as review time and id.
 */
public final class InMemoryTierReviewQueue implements TierReviewQueue {
    private static final Comparator<LeadRecord> ORDER = Comparator.comparing((LeadRecord lead) -> lead.reviewTierAt().toEpochMilli())
            .thenComparing(LeadRecord::id);

    private final MemoryTable table;

    InMemoryTierReviewQueue(MemoryTable table) {
        this.table = table;
    }

    @Override
    public DuePage dueForTierReview(Instant now, int limit, String cursor) {
        long[] afterMillis = {Long.MIN_VALUE};
        String[] afterId = {""};
        if (cursor != null) {
            int hash = cursor.indexOf('#');
            try {
                afterMillis[0] = Long.parseLong(cursor.substring(0, hash));
                afterId[0] = cursor.substring(hash + 1);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor of the tier review");
            }
        }
        synchronized (table) {
            List<LeadRecord> due = table.profiles.values().stream()
                    .filter(lead -> lead.reviewTierAt() != null && lead.reviewTierAt().toEpochMilli() <= now.toEpochMilli())
                    .filter(lead -> lead.reviewTierAt().toEpochMilli() > afterMillis[0]
                            || lead.reviewTierAt().toEpochMilli() == afterMillis[0] && lead.id().compareTo(afterId[0]) > 0)
                    .sorted(ORDER)
                    .limit(limit + 1L)
                    .toList();
            List<LeadRecord> page = due.size() > limit ? due.subList(0, limit) : due;
            LeadRecord last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new DuePage(page.stream().map(LeadRecord::id).toList(),
                    due.size() > limit ? last.reviewTierAt().toEpochMilli() + "#" + last.id() : null);
        }
    }
}
