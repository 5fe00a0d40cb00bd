package io.leadtriage.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One lead's share of its account as of its last change: who (for sales: the name, or the address where no name was
 * given), its fit points (who it is; they do not fade) and behaviour points (what it did; they fade from {@code at}).
 */
public record AccountMember(String leadId, String name, int fitPoints, int behaviourPoints, Tier tier, Instant at) {
    public AccountMember {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(at, "at");
        name = name == null ? "" : name;
    }

    /** Names stay out of logs. */
    @Override
    public String toString() {
        return "AccountMember[" + leadId + ", " + tier + "]";
    }
}
