package io.leadtriage.app;

import java.util.List;

/** The lead asks for no more marketing email: recorded once, nurture stops with the same write. */
public final class Unsubscribe {
    private final LeadUpdates updates;

    public Unsubscribe(LeadUpdates updates) {
        this.updates = updates;
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
                            List.of(new TimelineEntry(now, TimelineEntry.UNSUBSCRIBED, "unsubscribed from marketing email")));
                }));
        return applied.after() != null;
    }
}
