package io.leadtriage.app;

import java.util.List;

/** The lead asks for no more marketing email: recorded once, nurture stops with the same write. */
public final class Unsubscribe {
    private final LeadUpdates updates;
    private final io.leadtriage.app.tokens.TokenService tokens;

    public Unsubscribe(LeadUpdates updates, io.leadtriage.app.tokens.TokenService tokens) {
        this.updates = updates;
        this.tokens = tokens;
    }

    /** The lead an email's unsubscribe link names, if the link is one of ours and still valid. Reads nothing. */
    public java.util.Optional<String> leadOf(String token) {
        return tokens.verify(io.leadtriage.app.tokens.TokenPurpose.UNSUBSCRIBE, token);
    }

    /**
     * The step an unsubscribe is credited with: the last one of its sequence the lead was sent (the link names the lead,
     * not the email); a lead sent none is counted for no step.
     */
    static io.leadtriage.app.reports.EmailStep lastStepSent(LeadRecord lead, java.time.Instant now) {
        NurtureState n = lead.nurture();
        return n != null && n.sequenceId() != null && n.nextStep() > 0
                ? io.leadtriage.app.reports.EmailStep.nurture(now, n.sequenceId(), n.nextStep() - 1)
                : io.leadtriage.app.reports.EmailStep.of(now, io.leadtriage.app.reports.EmailStep.NURTURE);
    }

    /** Idempotent: unsubscribing twice changes nothing the second time. @return false when the lead is gone */
    public boolean unsubscribe(String leadId) {
        LeadUpdates.Applied applied = updates.apply(LeadUpdates.Lookup.byId(leadId), null, (current, now) ->
                current.map(lead -> {
                    ContactState c = lead.contact();
                    if (c.unsubscribedAt() != null) {
                        return null;
                    }
                    return new LeadUpdates.Draft(lead.withContact(new ContactState(now, c.suppressedBecause(),
                            c.lastMarketingAt(), c.reminderScheduled())),
                            List.of(new TimelineEntry(now, TimelineEntry.UNSUBSCRIBED, "unsubscribed from marketing email")))
                            .counting(lastStepSent(lead, now), io.leadtriage.app.reports.EmailStep.UNSUBSCRIBED);
                }));
        return applied.after() != null;
    }
}
