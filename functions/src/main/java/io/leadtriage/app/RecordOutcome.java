package io.leadtriage.app;

import io.leadtriage.domain.ScoreLine;
import io.leadtriage.ops.Log;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sales records what became of a lead (an opportunity, won, lost), with its time and the rules that had fired: what
 * the funnel and the calibration report learn from. Score, tier and nurture stay as they are. Two doors lead here,
 * the admin route and a CRM's signed call ({@code crm.RecordCrmOutcome}); both record the same way.
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
        return record(LeadUpdates.Lookup.byId(leadId), outcome, null, outcome).map(Recorded::lead);
    }

    /** What an outcome left: the lead as recorded, and whether it was a repeat that changed nothing. */
    public record Recorded(LeadRecord lead, boolean repeat) {
    }

    /**
     * @param find    the lead, by id or by email
     * @param onceKey recorded once per key (a CRM's deal and outcome): a repeat changes nothing; null for none
     * @param detail  the timeline's line for it (the outcome, with the deal and amount a CRM gave)
     * @return the lead as recorded, or empty when there is no such lead
     * @throws Refusal an outcome that is none of {@link #OUTCOMES}
     */
    public Optional<Recorded> record(LeadUpdates.Lookup find, String outcome, String onceKey, String detail) {
        if (!OUTCOMES.contains(outcome)) {
            throw Refusal.invalidFields(Map.of("outcome", "must be one of: " + String.join(", ", OUTCOMES)));
        }
        LeadUpdates.Applied applied = updates.apply(find, onceKey,
                (current, now) -> current.map(lead -> new LeadUpdates.Draft(lead.withSales(lead.sales().withOutcome(outcome, now,
                        lead.qualification().breakdown().stream().map(ScoreLine::ruleId).toList())),
                        List.of(new TimelineEntry(now, TimelineEntry.OUTCOME, detail)))));
        if (applied.after() == null) {
            return Optional.empty();
        }
        Log.info(applied.repeat() ? "outcome repeated; nothing changed" : "outcome recorded",
                Map.of("leadId", applied.after().id(), "outcome", outcome));
        return Optional.of(new Recorded(applied.after(), applied.repeat()));
    }
}
