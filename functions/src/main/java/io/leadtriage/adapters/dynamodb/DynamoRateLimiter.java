package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.RateLimiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed-window counters: {@code RATE#{key}#{window start} / RATE}, one atomic ADD per request (one
 * write unit), expiring by TTL an hour after their window. Keys are hashed by the caller: no IP address
 * or email is stored.
 */
public final class DynamoRateLimiter implements RateLimiter {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRateLimiter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
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
        Map<String, AttributeValue> counted = dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of(LeadItems.PK, LeadItems.s("RATE#" + key + "#" + start), LeadItems.SK, LeadItems.s("RATE")))
                .updateExpression("ADD hits :one SET #ttl = :ttl")
                .expressionAttributeNames(Map.of("#ttl", LeadItems.TTL))
                .expressionAttributeValues(Map.of(":one", LeadItems.n(1),
                        ":ttl", LeadItems.n(end.plus(Duration.ofHours(1)).getEpochSecond())))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        long hits = Long.parseLong(counted.get("hits").n());
        return hits <= limit ? Optional.empty() : Optional.of(Duration.between(now, end));
    }
}
