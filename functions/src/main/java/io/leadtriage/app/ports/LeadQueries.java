package io.leadtriage.app.ports;

import io.leadtriage.app.LeadFilter;
import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the admin views and the reports read about leads; nothing here writes. */
public interface LeadQueries {
    Optional<LeadRecord> findById(String leadId);

    /**
     * The leads the filter takes, newest first, a page at a time, through the listing indexes (the last 36 months).
     * A filter the index cannot apply (form, source, campaign, or tier and stage together) reads at most
     * {@link #LISTING_READ_BUDGET} leads a page, so a page may be shorter than {@code limit}, even empty, before the
     * last; the last has no cursor.
     *
     * @param cursor the previous page's {@link LeadPage#nextCursor()}, or null
     * @throws IllegalArgumentException for a cursor this store did not make
     */
    LeadPage listLeads(LeadFilter filter, int limit, String cursor, Instant now);

    /** The leads a page of a filtered listing reads at most: a bounded answer time, whatever the filter. */
    int LISTING_READ_BUDGET = 1_000;

    /**
     * Every stored lead, a page at a time, in no particular order: for the model's dry run and the rescoring of stored
     * leads. A lead stored before the first page and not erased is in exactly one page; one stored meanwhile may or may
     * not be. Pages may be shorter than {@code limit} before the last; the last has no cursor.
     *
     * @param cursor     the previous page's {@link LeadPage#nextCursor()}, or null
     * @param consistent each lead as of its last write (the rescoring, which writes from it), rather than possibly a
     *                   second older (the dry run, for half the read units)
     * @throws IllegalArgumentException for a cursor this store did not make
     */
    LeadPage everyLead(int limit, String cursor, boolean consistent);

    /**
     * Leads first seen in [from, to), oldest first, a page at a time, through the listing index's month buckets (the
     * export of a period). Pages may be shorter than {@code limit} before the last; the last has no cursor.
     *
     * @param cursor the previous page's {@link LeadPage#nextCursor()}, or null
     * @throws IllegalArgumentException for a cursor this store did not make
     */
    LeadPage leadsCreatedBetween(Instant from, Instant to, int limit, String cursor);

    /** Every lead first seen in [from, to), oldest first: every page of {@link #leadsCreatedBetween(Instant, Instant, int, String)}. */
    default List<LeadRecord> leadsCreatedBetween(Instant from, Instant to) {
        List<LeadRecord> leads = new java.util.ArrayList<>();
        String cursor = null;
        do {
            LeadPage page = leadsCreatedBetween(from, to, 100, cursor);
            leads.addAll(page.leads());
            cursor = page.nextCursor();
        } while (cursor != null);
        return leads;
    }

    /** The lead's timeline, oldest first. */
    List<TimelineEntry> timeline(String leadId);
}
