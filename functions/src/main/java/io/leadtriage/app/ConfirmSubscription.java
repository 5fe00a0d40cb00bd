package io.leadtriage.app;

import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;

import java.util.List;
import java.util.Optional;

/**
 * Double opt-in: the lead confirms, from the link of the confirmation email, the consent a form recorded; from then
 * on its marketing email may go (requalified with the same write, so its nurture sequence starts).
 */
public final class ConfirmSubscription {
    private final LeadUpdates updates;
    private final TokenService tokens;

    public ConfirmSubscription(LeadUpdates updates, TokenService tokens) {
        this.updates = updates;
        this.tokens = tokens;
    }

    /** The lead a confirmation link names, if the link is one of ours and still valid. Reads nothing. */
    public Optional<String> leadOf(String token) {
        return tokens.verify(TokenPurpose.CONFIRM, token);
    }

    /** What a confirmation did. */
    public enum Outcome {
        CONFIRMED,
        /** Confirmed before: nothing changed. */
        ALREADY_CONFIRMED,
        /** The lead withdrew its consent (unsubscribed) or has none: a confirmation does not give it back. */
        NO_CONSENT,
        /** The lead was erased. */
        GONE
    }

    /** Idempotent: confirming twice changes nothing the second time. */
    public Outcome confirm(String leadId) {
        Outcome[] outcome = {Outcome.GONE};
        updates.apply(LeadUpdates.Lookup.byId(leadId), null, (current, now) -> current.flatMap(lead -> {
            ConsentRecord consent = lead.consent();
            if (consent == null || lead.contact().unsubscribedAt() != null) {
                outcome[0] = Outcome.NO_CONSENT;
                return Optional.empty();
            }
            if (consent.confirmedAt() != null) {
                outcome[0] = Outcome.ALREADY_CONFIRMED;
                return Optional.empty();
            }
            outcome[0] = Outcome.CONFIRMED;
            return Optional.of(new LeadUpdates.Draft(lead.changed().consent(consent.confirmed(now)).build(),
                    List.of(new TimelineEntry(now, TimelineEntry.CONSENT_GIVEN,
                            "consent confirmed from the confirmation email (double opt-in)"))));
        }));
        return outcome[0];
    }
}
