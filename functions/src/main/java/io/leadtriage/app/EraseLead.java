package io.leadtriage.app;

import io.leadtriage.app.events.LeadEvents;
import io.leadtriage.app.ports.AccountBook;
import io.leadtriage.app.ports.LeadErasure;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.util.Map;

/**
 * Erasure on request: the lead's profile, email index, timeline, outbox and sent messages go, and its tokens stop
 * working (they name a lead that no longer exists); an anonymous count is kept. Its events not yet published go with
 * the outbox (they hold what was erased); {@code lead.erased}, ids only, tells every consumer to erase its copy. The
 * lead leaves its company's account.
 */
public final class EraseLead {
    private final LeadErasure erasure;
    private final AccountBook accounts;
    private final Clock clock;

    public EraseLead(LeadErasure erasure, AccountBook accounts, Clock clock) {
        this.erasure = erasure;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** @return false when there was no such lead */
    public boolean erase(String leadId) {
        String[] domain = {null};
        boolean erased = erasure.erase(leadId, lead -> {
            domain[0] = lead.lead().emailDomain();
            return LeadEvents.erased(lead.id(), lead.version(), clock.instant());
        });
        if (erased && !domain[0].isEmpty()) {
            // Its share of its company's account goes too (by its own domain: whatever the model now excludes)
            accounts.remove(domain[0], leadId);
        }
        if (erased) {
            Log.info("lead erased", Map.of("leadId", leadId));
        }
        return erased;
    }
}
