package io.leadtriage.app.ports;

import java.time.Instant;
import java.util.List;

/** Leads whose tier fading behaviour points will have changed, for the tier review pass. */
public interface TierReviewQueue {
    /**
     * Leads whose tier will have changed by {@code now}, a page at a time, through an index (never a scan). A lead
     * appears once in the pages of one pass (started with a null cursor) unless its review time changes meanwhile;
     * a lead whose review time is no longer due by {@code now} is not in a later page.
     *
     * @param cursor the previous page's {@link DuePage#cursor()}, or null for the first page
     * @throws IllegalArgumentException for a cursor this store did not make
     */
    DuePage dueForTierReview(Instant now, int limit, String cursor);

    /** One page of due leads. @param cursor where the next page starts; null when no page follows */
    record DuePage(List<String> leadIds, String cursor) {
        public DuePage {
            leadIds = List.copyOf(leadIds);
        }
    }
}
