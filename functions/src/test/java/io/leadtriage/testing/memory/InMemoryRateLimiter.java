package io.leadtriage.testing.memory;

import io.leadtriage.app.ports.RateLimiter;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Fixed windows aligned on the epoch, as the table's counters are; windows that ended are never read again. */
public final class InMemoryRateLimiter implements RateLimiter {
    private final MemoryTable table;
    private final Map<String, Long> hits = new HashMap<>();

    InMemoryRateLimiter(MemoryTable table) {
        this.table = table;
    }

    @Override
    public Optional<Duration> acquire(String key, int limit, Duration window, Instant now) {
        if (limit == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        long windowNumber = Math.floorDiv(now.toEpochMilli(), window.toMillis());
        long counted;
        synchronized (table) {
            counted = hits.merge(key + "#" + windowNumber, 1L, Long::sum);
        }
        Instant windowEnds = Instant.ofEpochMilli(0).plus(window.multipliedBy(windowNumber + 1));
        return counted <= limit ? Optional.empty() : Optional.of(Duration.between(now, windowEnds));
    }
}
