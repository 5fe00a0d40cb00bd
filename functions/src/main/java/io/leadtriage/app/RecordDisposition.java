package io.leadtriage.app;

import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.ports.AlertLog;
import io.leadtriage.domain.ScoreLine;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rep's verdict on a sales alert, from its one-click link: recorded once per alert on the alert itself
 * (the escalation reads it there: an accepted alert does not escalate) and on the lead, with the rules
 * that had fired (calibration counts {@code wrong_fit} and {@code spam} as losses when sales records no
 * outcome). The lead's score, tier and nurture stay as they are.
 */
public final class RecordDisposition {
    /** The rep's choices, in the order the page offers them. */
    public static final List<String> CHOICES = List.of("accepted", "wrong_fit", "spam", "duplicate", "existing_customer");
    public static final String ACCEPTED = "accepted";
    /** Reps' verdicts that say a lead was never going to buy: calibration counts them as losses when sales records no outcome. */
    public static final java.util.Set<String> LOSING = java.util.Set.of("wrong_fit", "spam");

    private final ModelInEffect models;
    private final AlertLog alerts;
    private final io.leadtriage.app.ports.LeadQueries leads;
    private final LeadUpdates updates;
    private final io.leadtriage.app.tokens.TokenService tokens;
    private final Clock clock;

    public RecordDisposition(ModelInEffect models, AlertLog alerts, io.leadtriage.app.ports.LeadQueries leads,
                             LeadUpdates updates, io.leadtriage.app.tokens.TokenService tokens, Clock clock) {
        this.models = models;
        this.alerts = alerts;
        this.leads = leads;
        this.tokens = tokens;
        this.updates = updates;
        this.clock = clock;
    }

    /**
     * What was recorded on an alert.
     *
     * @param at      when; null when the lead's copy of it could not be written
     * @param justNow recorded by this request (false: someone had recorded it before)
     */
    public record Recorded(String choice, Instant at, boolean justNow) {
    }

    /**
     * What the rep's link opens: the lead, what was recorded on its alert already, and the model in effect (for the
     * page's words).
     *
     * @param escalatesWithin how long until an alert nobody accepts goes to the escalation list; null: it does not
     */
    public record Opened(LeadRecord lead, Optional<Recorded> recorded, io.leadtriage.domain.model.QualificationModel model,
                         java.time.Duration escalatesWithin) {
    }

    /** The lead a disposition link names, if the link is valid and the lead still exists. Changes nothing. */
    public Optional<Opened> open(String token) {
        ModelInEffect.Version version = models.refreshIfDue();
        java.time.Duration acceptWithin = version.model().alerts() == null ? null : version.model().alerts().acceptWithin();
        java.time.Duration escalates = acceptWithin != null && !version.router().escalationRecipients().isEmpty()
                ? acceptWithin : null;
        return tokens.verify(io.leadtriage.app.tokens.TokenPurpose.DISPOSITION, token).flatMap(leads::findById)
                .map(lead -> new Opened(lead, recorded(lead), version.model(), escalates));
    }

    /** The lead's current alert: the one its latest hot episode sent. */
    public static String alertId(LeadRecord lead) {
        return OutboxItem.alertId(Math.max(1, lead.hotEpisode()));
    }

    /** What a rep recorded on the lead's current alert, if anyone did. Reads only. */
    public Optional<Recorded> recorded(LeadRecord lead) {
        return alerts.dispositionOf(lead.id(), alertId(lead))
                .map(choice -> new Recorded(choice, choice.equals(lead.sales().disposition()) ? lead.sales().dispositionAt() : null,
                        false));
    }

    /**
     * @param choice one of {@link #CHOICES}
     * @return the choice recorded now, or the one recorded earlier (nothing changes then)
     */
    public Recorded record(LeadRecord lead, String choice) {
        if (!CHOICES.contains(choice)) {
            throw new IllegalArgumentException("not a disposition: " + choice);
        }
        String alertId = alertId(lead);
        Instant at = clock.instant();
        if (!alerts.recordDisposition(lead.id(), alertId, choice, at)) {
            return recorded(lead).orElse(new Recorded(choice, null, false));
        }
        try {
            updates.apply(LeadUpdates.Lookup.byId(lead.id()), null, (current, now) -> current.map(l ->
                    new LeadUpdates.Draft(l.withSales(l.sales().withDisposition(choice, at,
                            l.qualification().breakdown().stream().map(ScoreLine::ruleId).toList())),
                            List.of(new TimelineEntry(now, TimelineEntry.DISPOSITION, choice + " (alert " + alertId + ")")))));
        } catch (ContentionException e) {
            Log.warn("disposition kept on the alert; the lead was busy", Map.of("leadId", lead.id()));
        }
        Log.info("disposition recorded", Map.of("leadId", lead.id(), "disposition", choice));
        return new Recorded(choice, at, true);
    }
}
