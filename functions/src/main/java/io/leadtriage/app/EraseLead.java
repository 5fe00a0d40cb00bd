package io.leadtriage.app;

import io.leadtriage.app.events.LeadEvents;
import io.leadtriage.app.ports.LeadErasure;
import io.leadtriage.ops.Log;

import java.time.Clock;
import java.util.Map;

/**
 * Erasure on request: the lead's profile, email index, timeline, outbox and sent messages go, and its tokens stop
 * working (they name a lead that no longer exists); an anonymous count is kept. Its events not yet published go with
 * the outbox (they hold what was erased); {@code lead.erased}, ids only, tells every consumer to erase its copy.
 */
public final class EraseLead {
    private final LeadErasure erasure;
    private final Clock clock;

    public EraseLead(LeadErasure erasure, Clock clock) {
        this.erasure = erasure;
        this.clock = clock;
    }

    /** @return false when there was no such lead */
    public boolean erase(String leadId) {
        boolean erased = erasure.erase(leadId, lead -> LeadEvents.erased(lead.id(), lead.version(), clock.instant()));
        if (erased) {
            Log.info("lead erased", Map.of("leadId", leadId));
        }
        return erased;
    }
}
