package io.leadtriage.app;

import java.time.Clock;
import java.util.List;

/**
 * The daily pass that keeps tiers true as behaviour points fade: leads whose tier will have changed by
 * now are found through an index (never a scan) and requalified, so a quiet hot lead cools, its change
 * lands in the timeline, and it joins the matching nurture sequence.
 */
public final class ReviewTiers {
    private final ModelInEffect models;
    private final LeadUpdates updates;
    private final io.leadtriage.app.ports.TierReviewQueue store;
    private final Clock clock;

    public ReviewTiers(ModelInEffect models, LeadUpdates updates, io.leadtriage.app.ports.TierReviewQueue store, Clock clock) {
        this.models = models;
        this.updates = updates;
        this.store = store;
        this.clock = clock;
    }

    /** @return how many leads were reviewed */
    public int reviewDue(int limit) {
        models.refreshIfDue();
        List<String> due = store.dueForTierReview(clock.instant(), limit);
        for (String leadId : due) {
            updates.apply(LeadUpdates.Lookup.byId(leadId), null, (current, now) -> current.map(lead ->
                    new LeadUpdates.Draft(lead, List.of(new TimelineEntry(now, TimelineEntry.TIER_REVIEWED,
                            "behaviour points faded; tier reviewed")))));
        }
        return due.size();
    }

}
