package io.leadtriage.app;

import io.leadtriage.domain.ScoreLine;
import io.leadtriage.ops.Log;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sales records what became of a lead (an opportunity, won, lost), with its time and the rules that had fired: what
 * the funnel and the calibration report learn from. Score, tier and nurture stay as they are.
 */
public final class RecordOutcome {
    public static final List<String> OUTCOMES = List.of("opportunity", "won", "lost");

    private final LeadUpdates updates;

    public RecordOutcome(LeadUpdates updates) {
        this.updates = updates;
    }

    /**
     * @return the lead as recorded, or empty when there is no such lead
     * @throws Refusal an outcome that is none of {@link #OUTCOMES}
     */
    public Optional<LeadRecord> record(String leadId, String outcome) {
        if (!OUTCOMES.contains(outcome)) {
            throw Refusal.invalidFields(Map.of("outcome", "must be one of: " + String.join(", ", OUTCOMES)));
        }
        LeadUpdates.Applied applied = updates.apply(LeadUpdates.Lookup.byId(leadId), null,
                (current, now) -> current.map(lead -> new LeadUpdates.Draft(lead.withSales(lead.sales().withOutcome(outcome, now,
                        lead.qualification().breakdown().stream().map(ScoreLine::ruleId).toList())),
                        List.of(new TimelineEntry(now, TimelineEntry.OUTCOME, outcome)))));
        if (applied.after() != null) {
            Log.info("outcome recorded", Map.of("leadId", leadId, "outcome", outcome));
        }
        return Optional.ofNullable(applied.after());
    }
}
