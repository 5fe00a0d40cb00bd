package io.leadtriage.app.intake;

import io.leadtriage.app.Refusal;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;
import io.leadtriage.app.ports.RateLimiter;
import io.leadtriage.app.tokens.SigningKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per-client and per-address limits on the public routes, refused as {@code rate_limited} with when to retry.
 * Counted under keyed digests (HMAC under the token signing key), so no IP address or email is stored for it, and
 * none can be recovered from a counter's key by hashing guesses. A key rotation starts the counters afresh, which at
 * windows of an hour at most costs nothing.
 *
 * <p>A page's beacons carry the form token of one lead: they are limited per lead, by the page signals that lead
 * already holds, and cost no counter write (a token that does not verify is refused before anything is read).
 */
public final class AbuseGuard {
    /**
     * Page signals (views, pricing views, downloads) one lead may take in {@link AbuseLimits#IP_WINDOW} before its
     * beacons get 429: no more than the lead keeps of one type ({@link io.leadtriage.domain.Lead#SIGNALS_KEPT_PER_TYPE}),
     * so the signals it holds always show whether the limit is reached.
     */
    public static final int BEACONS_PER_LEAD_PER_WINDOW = io.leadtriage.domain.Lead.SIGNALS_KEPT_PER_TYPE;

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

    /**
     * One more beacon from a page for the lead holding {@code signals}: refused while the lead took
     * {@link #BEACONS_PER_LEAD_PER_WINDOW} page signals in the last window, until the oldest of them leaves it.
     */
    public void checkBeacon(List<Signal> signals, Instant now) {
        Instant windowStart = now.minus(AbuseLimits.IP_WINDOW);
        List<Instant> recent = signals.stream().filter(s -> s.source() == SignalSource.PAGE && s.at().isAfter(windowStart))
                .map(Signal::at).sorted().toList();
        if (recent.size() >= BEACONS_PER_LEAD_PER_WINDOW) {
            Metrics.count(Metric.RATE_LIMITED, "Limit", "lead:events");
            Duration wait = Duration.between(windowStart, recent.get(recent.size() - BEACONS_PER_LEAD_PER_WINDOW));
            throw Refusal.rateLimited(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
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
