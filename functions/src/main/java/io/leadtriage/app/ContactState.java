package io.leadtriage.app;

import java.time.Instant;

/**
 * Whether and how often a lead may get marketing email.
 *
 * @param unsubscribedAt    set once the lead unsubscribes; no marketing email after it
 * @param suppressedBecause a permanent bounce or a complaint: no email at all to this address
 * @param lastMarketingAt   when the last nurture or reminder email went out (one a day at most)
 * @param reminderScheduled the one "finish your request" reminder was planned (it is never planned twice)
 */
public record ContactState(Instant unsubscribedAt, String suppressedBecause, Instant lastMarketingAt,
                           boolean reminderScheduled) {
    public static final ContactState NEW = new ContactState(null, null, null, false);

    public boolean mayGetMarketing() {
        return unsubscribedAt == null && suppressedBecause == null;
    }
}
