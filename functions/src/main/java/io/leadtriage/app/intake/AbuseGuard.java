package io.leadtriage.app.intake;

import io.leadtriage.app.Refusal;
import io.leadtriage.app.ports.RateLimiter;
import io.leadtriage.app.tokens.Secrets;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Per-client and per-address limits on the public routes, refused as {@code rate_limited} with when to retry.
 * Counted under hashes, so no IP address or email is stored for it.
 */
public final class AbuseGuard {
    private final RateLimiter limiter;
    private final AbuseLimits limits;
    private final Clock clock;

    public AbuseGuard(RateLimiter limiter, AbuseLimits limits, Clock clock) {
        this.limiter = limiter;
        this.limits = limits;
        this.clock = clock;
    }

    /** One request from the client's IP to {@code route} (form, survey, events); none counted without an IP. */
    public void countClient(String sourceIp, String route) {
        if (sourceIp != null) {
            check("ip:" + route + ":" + hash(sourceIp), limits.perIpPerMinute(), AbuseLimits.IP_WINDOW);
        }
    }

    /** One form submission for this (normalised) email address. */
    public void countEmail(String email) {
        check("email:" + hash(email), limits.perEmailPerHour(), AbuseLimits.EMAIL_WINDOW);
    }

    private void check(String key, int limit, Duration window) {
        Optional<Duration> wait = limiter.acquire(key, limit, window, clock.instant());
        if (wait.isPresent()) {
            throw Refusal.rateLimited(wait.get());
        }
    }

    /** The first 128 bits of the SHA-256: enough to tell clients apart, nothing to read an address back from. */
    private static String hash(String value) {
        return Secrets.sha256Hex(value).substring(0, 32);
    }
}
