package io.leadtriage.app;

import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A behaviour signal from the page snippet (page and pricing views, downloads) or a product backend
 * (trial started, usage limit reached, teammate invited): added to the lead and rescored, so a lead can
 * turn hot, or become a PQL, between forms.
 */
public final class RecordSignal {
    private final LeadUpdates updates;

    public RecordSignal(LeadUpdates updates) {
        this.updates = updates;
    }

    /** For a lead known by id (the snippet's token); a lead that no longer exists is an {@link UnknownLeadException}. */
    public LeadUpdates.Applied forLead(String leadId, Signal signal, String onceKey) {
        return updates.apply(LeadUpdates.Lookup.byId(leadId), onceKey, (current, now) -> {
            LeadRecord lead = current.orElseThrow(() -> new UnknownLeadException(leadId));
            return Optional.of(withSignal(lead, signal, now));
        });
    }

    /** For a lead known by email (a product backend): one we have not met yet starts here. */
    public LeadUpdates.Applied forEmail(String email, Signal signal, String onceKey, String apiBaseUrl) {
        return updates.apply(LeadUpdates.Lookup.byEmail(email), onceKey, (current, now) -> {
            LeadRecord lead = current.orElseGet(() -> LeadRecord.fresh(
                    new Lead(UUID.randomUUID().toString(), email, Answers.none(), List.of()), now,
                    Map.of("formId", "product:" + signal.type().wireName()), apiBaseUrl));
            return Optional.of(withSignal(lead, signal, now));
        });
    }

    private static LeadUpdates.Draft withSignal(LeadRecord lead, Signal signal, java.time.Instant now) {
        Lead l = lead.lead();
        LeadRecord changed = lead.withLead(new Lead(l.id(), l.email(), l.answers(), SubmitForm.pruned(l.signals(), signal)));
        return new LeadUpdates.Draft(changed, List.of(new TimelineEntry(now, TimelineEntry.SIGNAL,
                signal.type().wireName() + (signal.detail().isEmpty() ? "" : " (" + signal.detail() + ")"))),
                LeadUpdates.Cause.signal(signal));
    }
}
