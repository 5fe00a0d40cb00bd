package io.leadtriage.app;

import io.leadtriage.app.ports.LeadErasure;
import io.leadtriage.ops.Log;

import java.util.Map;

/**
 * Erasure on request: the lead's profile, email index, timeline, outbox and sent messages go, and its tokens stop
 * working (they name a lead that no longer exists); an anonymous count is kept.
 */
public final class EraseLead {
    private final LeadErasure erasure;

    public EraseLead(LeadErasure erasure) {
        this.erasure = erasure;
    }

    /** @return false when there was no such lead */
    public boolean erase(String leadId) {
        boolean erased = erasure.erase(leadId);
        if (erased) {
            Log.info("lead erased", Map.of("leadId", leadId));
        }
        return erased;
    }
}
