package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.RateLimiter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed-window counters in the leads table: one atomic ADD per request (one write unit), each counter expiring by
 * TTL a while after its window. Keys are hashed by the caller: no IP address or email is stored.
 */
public final class DynamoRateLimiter implements RateLimiter {
    private final LeadsTable table;

    public DynamoRateLimiter(LeadsTable table) {
        this.table = table;
    }

    @Override
    public Optional<Duration> acquire(String key, int limit, Duration window, Instant now) {
        if (limit == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        long windowMillis = window.toMillis();
        long start = now.toEpochMilli() / windowMillis * windowMillis;
        Instant end = Instant.ofEpochMilli(start + windowMillis);
        Map<String, AttributeValue> counted = table.update(r -> r.key(TableKeys.rateCounterKey(key, start))
                .updateExpression("ADD #hits :one SET #ttl = :ttl")
                .expressionAttributeNames(Map.of("#hits", TableKeys.HITS, "#ttl", TableKeys.TTL))
                .expressionAttributeValues(Map.of(":one", LeadItems.n(1),
                        ":ttl", LeadItems.n(end.plus(TableKeys.RATE_COUNTER_LIFETIME).getEpochSecond())))
                .returnValues(ReturnValue.UPDATED_NEW));
        long hits = Long.parseLong(counted.get(TableKeys.HITS).n());
        return hits <= limit ? Optional.empty() : Optional.of(Duration.between(now, end));
    }
}
