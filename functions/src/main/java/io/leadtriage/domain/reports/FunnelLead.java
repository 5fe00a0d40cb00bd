package io.leadtriage.domain.reports;

import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the funnel report needs to know about one lead: where it stands now, where it has been, and when
 * the milestones sales cares about happened. Built from the stored lead by whoever serves the report.
 *
 * @param firstTouchAt  the lead's first form submission; decides which period the lead belongs to
 * @param tier          the current tier
 * @param stage         the current stage
 * @param stagesReached every stage the lead has ever been at; the current stage is always added
 * @param hotAt         start of the first hot episode that produced a sales alert (or of the first hot
 *                      episode, if none did yet); null if the lead was never hot
 * @param alertSentAt   when that episode's sales alert was handed to SES; null if no alert was sent
 * @param opportunityAt when sales recorded the lead as an opportunity; null if never
 * @param wonAt         when sales recorded the deal as won; null unless won
 * @param lostAt        when sales recorded the deal as lost; null unless lost
 * @param disqualified  disposable or competitor domain: no nurture, no alert (such a lead is cold, at
 *                      stage {@link Stage#LEAD})
 */
public record FunnelLead(String leadId, Instant firstTouchAt, Tier tier, Stage stage, Set<Stage> stagesReached,
                         Instant hotAt, Instant alertSentAt, Instant opportunityAt, Instant wonAt, Instant lostAt,
                         boolean disqualified) {

    public FunnelLead {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(firstTouchAt, "firstTouchAt");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(stage, "stage");
        // The outcome route records one outcome at a time; whoever builds this keeps the latest.
        if (wonAt != null && lostAt != null) {
            throw new IllegalArgumentException("lead " + leadId + " is both won and lost");
        }
        EnumSet<Stage> reached = EnumSet.of(stage);
        if (stagesReached != null) {
            reached.addAll(stagesReached);
        }
        stagesReached = Set.copyOf(reached);
    }

    public boolean reached(Stage s) {
        return stagesReached.contains(s);
    }

    /** MQL, PQL or SQL at some point: the lead qualified one way or another. */
    public boolean qualified() {
        return reached(Stage.MQL) || reached(Stage.PQL) || reached(Stage.SQL);
    }

    /** A won deal was an opportunity even if sales skipped recording that step. */
    public boolean becameOpportunity() {
        return opportunityAt != null || wonAt != null;
    }

    public boolean won() {
        return wonAt != null;
    }
}
