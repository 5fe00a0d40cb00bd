package io.leadtriage.app.ports;

import java.time.Instant;
import java.util.Optional;

/** The reps' verdicts on sales alerts, kept on the alert itself (the escalation reads them there). */
public interface AlertLog {
    /**
     * Records the rep's disposition on the alert, once: false when one was recorded already (or there is
     * no such alert).
     */
    boolean recordDisposition(String leadId, String alertId, String disposition, Instant at);

    /** The disposition recorded on the alert, if any. */
    Optional<String> dispositionOf(String leadId, String alertId);
}
