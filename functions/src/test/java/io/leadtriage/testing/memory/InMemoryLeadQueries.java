package io.leadtriage.testing.memory;

import io.leadtriage.app.LeadFilter;
import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.ports.LeadQueries;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The admin views' reads in memory, ordered as the table's listing indexes order them: by creation millisecond,
 * then by id, over the same 36 months of month buckets.
 */
public final class InMemoryLeadQueries implements LeadQueries {
    /** As far back as the DynamoDB listing looks. */
    static final int LIST_MONTHS_BACK = 36;
    private static final String CURSOR = "memory:";
    private static final String EVERY_LEAD = "every:";
    private static final Comparator<LeadRecord> OLDEST_FIRST = Comparator
            .comparing((LeadRecord lead) -> MemoryTable.millis(lead.createdAt())).thenComparing(LeadRecord::id);

    private final MemoryTable table;

    InMemoryLeadQueries(MemoryTable table) {
        this.table = table;
    }

    @Override
    public Optional<LeadRecord> findById(String leadId) {
        return table.lead(leadId);
    }

    /** By id, the cursor the page's last id. */
    @Override
    public LeadPage everyLead(int limit, String cursor, boolean consistent) {
        if (cursor != null && !cursor.startsWith(EVERY_LEAD)) {
            throw new IllegalArgumentException("not a cursor of every lead");
        }
        String after = cursor == null ? "" : cursor.substring(EVERY_LEAD.length());
        List<LeadRecord> rest;
        synchronized (table) {
            rest = table.profiles.values().stream().filter(lead -> lead.id().compareTo(after) > 0)
                    .sorted(Comparator.comparing(LeadRecord::id)).limit(limit + 1L).toList();
        }
        List<LeadRecord> page = rest.subList(0, Math.min(limit, rest.size()));
        return new LeadPage(page, rest.size() > limit ? EVERY_LEAD + page.get(page.size() - 1).id() : null);
    }

    @Override
    public LeadPage listLeads(LeadFilter filter, int limit, String cursor, Instant now) {
        if (cursor != null && !cursor.startsWith(CURSOR)) {
            throw new IllegalArgumentException("not a cursor of this listing");
        }
        YearMonth newest = month(now);
        YearMonth oldest = newest.minusMonths(LIST_MONTHS_BACK);
        List<LeadRecord> matching;
        synchronized (table) {
            matching = table.profiles.values().stream()
                    .filter(filter::matches)
                    .filter(lead -> !month(lead.createdAt()).isAfter(newest) && !month(lead.createdAt()).isBefore(oldest))
                    .sorted(OLDEST_FIRST.reversed())
                    .toList();
        }
        List<LeadRecord> rest = cursor == null ? matching
                : matching.stream().filter(lead -> position(lead).compareTo(cursor) < 0).toList();
        List<LeadRecord> page = rest.subList(0, Math.min(limit, rest.size()));
        return new LeadPage(page, rest.size() > limit ? position(page.get(page.size() - 1)) : null);
    }

    /**
     * Where a lead stands in a listing, as its cursor: ordered as the listing is (a lead erased since the page was
     * read still marks where the next page starts).
     */
    private static String position(LeadRecord lead) {
        return CURSOR + String.format("%020d", lead.createdAt().toEpochMilli()) + "#" + lead.id();
    }

    /** The cursor is the last lead's place in the order: its first-touch millisecond and id. */
    @Override
    public LeadPage leadsCreatedBetween(Instant from, Instant to, int limit, String cursor) {
        long first = from.toEpochMilli();
        long last = to.minusMillis(1).toEpochMilli();
        String after = cursor == null ? "" : afterOf(cursor);
        synchronized (table) {
            List<LeadRecord> leads = table.profiles.values().stream()
                    .filter(lead -> lead.createdAt().toEpochMilli() >= first && lead.createdAt().toEpochMilli() <= last)
                    .filter(lead -> place(lead).compareTo(after) > 0)
                    .sorted(OLDEST_FIRST)
                    .limit(limit + 1L)
                    .toList();
            if (leads.size() <= limit) {
                return new LeadPage(leads, null);
            }
            List<LeadRecord> page = leads.subList(0, limit);
            return new LeadPage(page, "period:" + place(page.get(limit - 1)));
        }
    }

    private static String place(LeadRecord lead) {
        return String.format("%015d#%s", lead.createdAt().toEpochMilli(), lead.id());
    }

    private static String afterOf(String cursor) {
        if (!cursor.startsWith("period:")) {
            throw new IllegalArgumentException("not a cursor of this listing");
        }
        return cursor.substring("period:".length());
    }

    @Override
    public List<TimelineEntry> timeline(String leadId) {
        synchronized (table) {
            return io.leadtriage.app.SignalEntries.merged(table.timeline(leadId), findById(leadId));
        }
    }

    private static YearMonth month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC));
    }
}
