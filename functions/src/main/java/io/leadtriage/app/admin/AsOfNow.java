package io.leadtriage.app.admin;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.QualificationSummary;
import io.leadtriage.domain.Qualifier;
import io.leadtriage.domain.ScoreLine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lead's verdict as of now, with the model in effect and the clock's instant, beside the one stored at its last
 * change: behaviour points fade between changes, and the model may have changed since, so what the admin views show
 * is computed at read time.
 *
 * @param now         the score, tier and stage now
 * @param stored      the verdict stored with the lead's last change
 * @param sinceStored each rule whose points differ between the two (faded behaviour, a changed rule)
 */
public record AsOfNow(QualificationSummary now, QualificationSummary stored, List<RuleChange> sinceStored) {
    public AsOfNow {
        sinceStored = List.copyOf(sinceStored);
    }

    /** A rule's points in the stored verdict and now (0 where it did not fire). */
    public record RuleChange(String rule, String reason, int stored, int now) {
    }

    public static AsOfNow of(LeadRecord lead, Qualifier qualifier, Instant now) {
        QualificationSummary current = QualificationSummary.of(qualifier.qualifyAt(lead.lead(), now));
        return new AsOfNow(current, lead.qualification(), changes(lead.qualification().breakdown(), current.breakdown()));
    }

    /** The tier or stage differs from the stored one. */
    public boolean moved() {
        return now.tier() != stored.tier() || now.stage() != stored.stage();
    }

    /** Each rule whose points differ between two breakdowns. */
    static List<RuleChange> changes(List<ScoreLine> stored, List<ScoreLine> now) {
        Map<String, ScoreLine> before = byRule(stored);
        Map<String, ScoreLine> after = byRule(now);
        List<RuleChange> changes = new ArrayList<>();
        before.forEach((rule, line) -> {
            ScoreLine current = after.get(rule);
            int points = current == null ? 0 : current.points();
            if (points != line.points()) {
                changes.add(new RuleChange(rule, current == null ? line.reason() : current.reason(), line.points(), points));
            }
        });
        after.forEach((rule, line) -> {
            if (!before.containsKey(rule)) {
                changes.add(new RuleChange(rule, line.reason(), 0, line.points()));
            }
        });
        return changes;
    }

    private static Map<String, ScoreLine> byRule(List<ScoreLine> lines) {
        Map<String, ScoreLine> byRule = new LinkedHashMap<>();
        for (ScoreLine line : lines) {
            byRule.merge(line.ruleId(), line, (a, b) -> new ScoreLine(a.ruleId(), a.points() + b.points(), a.reason()));
        }
        return byRule;
    }
}
