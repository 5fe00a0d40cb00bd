package io.leadtriage.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict on a lead at one instant.
 *
 * @param disqualifiedBecause set when the lead must get neither nurture nor an alert (disposable or
 *                            competitor domain); such a lead is cold and at stage {@link Stage#LEAD}
 * @param role                the lead's role as answered, else as derived from the job title; empty if unknown
 * @param painPoints          tags from the model's keyword lists matched in the lead's challenge text
 */
public record Qualification(Score score, Tier tier, Stage stage, Optional<String> disqualifiedBecause,
                            String role, Set<String> painPoints, Instant evaluatedAt) {
    public Qualification {
        painPoints = Set.copyOf(painPoints);
        role = role == null ? "" : role;
    }

    public boolean disqualified() {
        return disqualifiedBecause.isPresent();
    }

    /** Hot and not disqualified: sales must hear about it. */
    public boolean alertsSales() {
        return tier == Tier.HOT && !disqualified();
    }
}
