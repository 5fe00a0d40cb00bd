package io.leadtriage.app.ports;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Counts requests per key in fixed windows. */
public interface RateLimiter {
    /**
     * Counts one request for {@code key}.
     *
     * @return empty when it is within {@code limit} for the current window; else how long until the
     * window ends (the Retry-After)
     */
    Optional<Duration> acquire(String key, int limit, Duration window, Instant now);
}
