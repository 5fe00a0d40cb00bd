package io.leadtriage.domain.model;

import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Behaviour scoring: every rule's points halve each {@code halfLife} after the signal.
 *
 * @param lowTrustSources sources whose points count in the score but cannot by themselves make a lead hot: a lead
 *                        is hot only when its score without them is at least warm (else it is warm). Null for the
 *                        default, {@code [page]}; empty for none
 */
public record Behaviour(Duration halfLife, List<SignalSource> lowTrustSources, List<BehaviourRule> rules) {
    /** Page beacons: anyone holding a lead's form token can send them. */
    public static final List<SignalSource> DEFAULT_LOW_TRUST = List.of(SignalSource.PAGE);

    public Behaviour {
        lowTrustSources = lowTrustSources == null ? DEFAULT_LOW_TRUST : List.copyOf(lowTrustSources);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * Where {@code type} is accepted from: every source some rule for it accepts, or the defaults when no rule
     * scores it (it may still matter to the stages).
     */
    public Set<SignalSource> acceptedSources(SignalType type) {
        Set<SignalSource> accepted = EnumSet.noneOf(SignalSource.class);
        boolean ruled = false;
        for (BehaviourRule rule : rules) {
            if (rule.signal() == type) {
                ruled = true;
                accepted.addAll(rule.acceptedSources());
            }
        }
        return ruled ? accepted : SignalSource.acceptedByDefault(type);
    }

    /** Whether a rule of {@code type} scores pages of {@code category} apart from the type's other rules. */
    public boolean claimsCategory(SignalType type, String category) {
        if (category.isEmpty()) {
            return false;
        }
        for (BehaviourRule rule : rules) {
            if (rule.signal() == type && category.equals(rule.category())) {
                return true;
            }
        }
        return false;
    }

    public boolean lowTrust(SignalSource source) {
        return lowTrustSources.contains(source);
    }
}
