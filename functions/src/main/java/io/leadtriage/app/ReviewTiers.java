package io.leadtriage.app;

import io.leadtriage.app.ports.TierReviewQueue;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The pass that keeps tiers true as behaviour points fade: every lead whose tier will have changed by now is found
 * through an index (never a scan), a page at a time, and requalified, so a quiet hot lead cools, its change lands in
 * the timeline, and it joins the matching nurture sequence. The pass goes on page after page until no lead is due or
 * its budget is spent; what it leaves is still due, so the next pass takes it up (resumable with no state of its
 * own). Each review is idempotent: a reviewed lead carries its next review time (or none), so it leaves the index, and
 * a lead another pass reviewed meanwhile is no longer due when re-read, so nothing is written twice.
 */
public final class ReviewTiers {
    /** Leads read from the index at a time. */
    static final int PAGE = 100;

    private final ModelInEffect models;
    private final LeadUpdates updates;
    private final TierReviewQueue store;
    private final Clock clock;

    public ReviewTiers(ModelInEffect models, LeadUpdates updates, TierReviewQueue store, Clock clock) {
        this.models = models;
        this.updates = updates;
        this.store = store;
        this.clock = clock;
    }

    /**
     * What a pass did.
     *
     * @param reviewed leads requalified (a lead found due but reviewed meanwhile by another pass is not counted)
     * @param pages    pages read from the index
     * @param more     the budget ran out with due leads left for the next pass
     */
    public record Pass(int reviewed, int pages, boolean more) {
    }

    /** Reviews at most {@code limit} due leads: see {@link #reviewDue(Budget)}. @return how many were reviewed */
    public int reviewDue(int limit) {
        return reviewDue(Budget.leads(limit)).reviewed();
    }

    /** Reviews every lead due now, page after page, until none is left or {@code budget} is spent. */
    public Pass reviewDue(Budget budget) {
        models.refreshIfDue();
        Instant now = clock.instant();
        int reviewed = 0;
        int found = 0;
        int pages = 0;
        String cursor = null;
        do {
            if (!budget.allows(found)) {
                return new Pass(reviewed, pages, true);
            }
            TierReviewQueue.DuePage page = store.dueForTierReview(now, Math.min(PAGE, budget.leadsLeft(found)), cursor);
            pages++;
            for (String leadId : page.leadIds()) {
                if (!budget.allows(found)) {
                    return new Pass(reviewed, pages, true);
                }
                found++;
                if (review(leadId, now)) {
                    reviewed++;
                }
            }
            cursor = page.cursor();
        } while (cursor != null);
        return new Pass(reviewed, pages, false);
    }

    /** @return whether the lead was due and is reviewed now (false: gone, or reviewed by another pass meanwhile) */
    private boolean review(String leadId, Instant dueBy) {
        try {
            return updates.apply(LeadUpdates.Lookup.byId(leadId), null, (current, now) -> current
                    .filter(lead -> lead.reviewTierAt() != null && !lead.reviewTierAt().isAfter(dueBy))
                    .map(lead -> new LeadUpdates.Draft(lead, List.of(new TimelineEntry(now, TimelineEntry.TIER_REVIEWED,
                            "behaviour points faded; tier reviewed"))))).changed();
        } catch (ContentionException e) {
            // Still due: the next pass takes it up.
            Log.warn("tier review of a contended lead left for the next pass", Map.of("leadId", leadId));
            return false;
        }
    }
}
