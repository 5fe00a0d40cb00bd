package io.leadtriage.app.outbox;

import io.leadtriage.app.intake.AbuseLimits;
import io.leadtriage.app.ports.RateLimiter;
import io.leadtriage.app.tokens.SigningKeys;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How many first marketing emails may go to addresses that never had one from us. Anyone can type anyone's address
 * into a form, so a welcome goes to someone who may not have asked for it: a script posting thousands of addresses at
 * one company, or one address again and again (each time after an erasure), would mail them with this sender's
 * reputation. Beyond the budget the welcome waits for the window to end: deferred, never dropped. Counted under keyed
 * digests, as the intake limits are: no address or domain is stored for it.
 */
public record WelcomeBudget(RateLimiter limiter, SigningKeys keys, AbuseLimits limits) {
    public static final Duration DOMAIN_WINDOW = Duration.ofHours(1);
    public static final Duration ADDRESS_WINDOW = Duration.ofDays(7);
    /** Why a first email to this address waits, and for how long; empty when it may go now (and is counted). */
    public Optional<Deferral> reserve(String email, Instant now) {
        // The domain first: a welcome deferred for its domain must not use up its address's budget too.
        String domain = email.substring(email.lastIndexOf('@') + 1);
        Optional<Duration> wait = limiter.acquire("welcome:domain:" + keys.keyedDigest("welcome domain", domain),
                limits.welcomesPerDomainPerHour(), DOMAIN_WINDOW, now);
        if (wait.isPresent()) {
            return Optional.of(new Deferral(wait.get(), limits.welcomesPerDomainPerHour()
                    + " first emails to this domain in an hour at most"));
        }
        return limiter.acquire("welcome:email:" + keys.keyedDigest("welcome address", email),
                        limits.welcomesPerAddressPerWeek(), ADDRESS_WINDOW, now)
                .map(w -> new Deferral(w, limits.welcomesPerAddressPerWeek() + " first emails to this address in a week at most"));
    }

    /** A welcome that waits {@code delay}, and why (for the timeline: no address in it). */
    public record Deferral(Duration delay, String why) {
    }
}
