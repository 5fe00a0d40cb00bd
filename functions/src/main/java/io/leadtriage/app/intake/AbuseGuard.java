package io.leadtriage.app.intake;

import io.leadtriage.app.Refusal;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;
import io.leadtriage.app.ports.RateLimiter;
import io.leadtriage.app.tokens.SigningKeys;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Per-client and per-address limits on the public routes, refused as {@code rate_limited} with when to retry.
 * Counted under keyed digests (HMAC under the token signing key), so no IP address or email is stored for it, and
 * none can be recovered from a counter's key by hashing guesses. A key rotation starts the counters afresh, which at
 * windows of an hour at most costs nothing.
 */
public final class AbuseGuard {
    private final RateLimiter limiter;
    private final AbuseLimits limits;
    private final Clock clock;
    private final SigningKeys keys;

    public AbuseGuard(RateLimiter limiter, AbuseLimits limits, Clock clock, SigningKeys keys) {
        this.limiter = limiter;
        this.limits = limits;
        this.clock = clock;
        this.keys = keys;
    }

    /** One request from the client's IP to {@code route} (form, survey, events); none counted without an IP. */
    public void countClient(String sourceIp, String route) {
        if (sourceIp != null) {
            check("ip:" + route + ":" + keys.keyedDigest("rate-limit ip", sourceIp), limits.perIpPerMinute(),
                    AbuseLimits.IP_WINDOW, "client:" + route);
        }
    }

    /** One form submission for this (normalised) email address. */
    public void countEmail(String email) {
        check("email:" + keys.keyedDigest("rate-limit email", email), limits.perEmailPerHour(), AbuseLimits.EMAIL_WINDOW,
                "address");
    }

    /** @param which the limit, as the RateLimited metric names it (never the client or the address) */
    private void check(String key, int limit, Duration window, String which) {
        Optional<Duration> wait = limiter.acquire(key, limit, window, clock.instant());
        if (wait.isPresent()) {
            Metrics.count(Metric.RATE_LIMITED, "Limit", which);
            throw Refusal.rateLimited(wait.get());
        }
    }
}
