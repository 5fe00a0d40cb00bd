package io.leadtriage.app.ports;

import java.time.Instant;
import java.util.List;

/** Leads whose tier fading behaviour points will have changed, for the tier review pass. */
public interface TierReviewQueue {
    /** Leads whose tier will have changed by {@code now}, through an index (never a scan). */
    List<String> dueForTierReview(Instant now, int limit);
}
