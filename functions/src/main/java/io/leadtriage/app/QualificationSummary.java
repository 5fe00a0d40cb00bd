package io.leadtriage.app;

import io.leadtriage.domain.Qualification;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The stored verdict on a lead: what the lead list, the alert and the reports read without rescoring. */
public record QualificationSummary(int score, Tier tier, Stage stage, List<ScoreLine> breakdown,
                                   String disqualifiedBecause, Set<String> painPoints, String role,
                                   Instant evaluatedAt) {
    public QualificationSummary {
        breakdown = List.copyOf(breakdown);
        painPoints = Set.copyOf(painPoints);
    }

    /** The same verdict, whenever each was evaluated: every field but {@code evaluatedAt} equal. */
    public boolean sameVerdictAs(QualificationSummary other) {
        return other != null && new QualificationSummary(score, tier, stage, breakdown, disqualifiedBecause, painPoints,
                role, other.evaluatedAt).equals(other);
    }

    public static QualificationSummary of(Qualification q) {
        return new QualificationSummary(q.score().total(), q.tier(), q.stage(), q.score().lines(),
                q.disqualifiedBecause().orElse(null), q.painPoints(), q.role(), q.evaluatedAt());
    }

    /** Hot and not disqualified, as {@link io.leadtriage.domain.Qualification#alertsSales()} decided it when stored. */
    public boolean alertsSales() {
        return tier == Tier.HOT && disqualifiedBecause == null;
    }
}
