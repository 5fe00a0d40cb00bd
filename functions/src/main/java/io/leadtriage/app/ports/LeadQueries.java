package io.leadtriage.app.ports;

import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the admin views and the reports read about leads; nothing here writes. */
public interface LeadQueries {
    Optional<LeadRecord> findById(String leadId);

    /**
     * Leads newest first, by tier and/or stage (either may be null), a page at a time, through indexes.
     *
     * @param cursor the previous page's {@link LeadPage#nextCursor()}, or null
     * @throws IllegalArgumentException for a cursor this store did not make
     */
    LeadPage listLeads(Tier tier, Stage stage, int limit, String cursor, Instant now);

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
