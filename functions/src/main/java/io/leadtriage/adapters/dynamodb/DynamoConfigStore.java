package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.tokens.Secrets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model versions in the leads table: {@code CONFIG#model / V#{version}} holds each text,
 * {@code CONFIG#model / CURRENT} points at the one in effect. Versions are never overwritten.
 */
public final class DynamoConfigStore implements ConfigStore {
    private static final String PK = "CONFIG#model";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoConfigStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<ConfigVersion> current() {
        Map<String, AttributeValue> pointer = get("CURRENT");
        if (pointer == null) {
            return Optional.empty();
        }
        return version(Long.parseLong(pointer.get("version").n()));
    }

    @Override
    public Optional<ConfigVersion> version(long version) {
        Map<String, AttributeValue> item = get(versionKey(version));
        return item == null ? Optional.empty() : Optional.of(read(item, true));
    }

    @Override
    public List<ConfigVersion> history(int limit) {
        List<ConfigVersion> versions = new ArrayList<>();
        dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :v)")
                        .expressionAttributeValues(Map.of(":pk", LeadItems.s(PK), ":v", LeadItems.s("V#")))
                        .projectionExpression("version, createdAt, sha256")
                        .scanIndexForward(false).limit(limit))
                .items().forEach(item -> versions.add(read(item, false)));
        return versions;
    }

    @Override
    public Optional<ConfigVersion> put(String yaml, long expectedCurrent, Instant now) {
        long next = expectedCurrent + 1;
        String sha = Secrets.sha256Hex(yaml);
        Map<String, AttributeValue> version = new HashMap<>(Map.of("pk", LeadItems.s(PK), "sk", LeadItems.s(versionKey(next)),
                "version", LeadItems.n(next), "createdAt", LeadItems.s(now.toString()), "sha256", LeadItems.s(sha),
                "yaml", LeadItems.s(yaml)));
        Put.Builder pointer = Put.builder().tableName(table).item(Map.of("pk", LeadItems.s(PK), "sk", LeadItems.s("CURRENT"),
                "version", LeadItems.n(next)));
        if (expectedCurrent == 0) {
            pointer.conditionExpression("attribute_not_exists(pk)");
        } else {
            pointer.conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", LeadItems.n(expectedCurrent)));
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(version)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(pointer.build()).build()));
        } catch (TransactionCanceledException another) {
            return Optional.empty();
        }
        return Optional.of(new ConfigVersion(next, now, sha, yaml));
    }

    private Map<String, AttributeValue> get(String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", LeadItems.s(PK), "sk", LeadItems.s(sk)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static String versionKey(long version) {
        return String.format("V#%010d", version);
    }

    private static ConfigVersion read(Map<String, AttributeValue> item, boolean withText) {
        return new ConfigVersion(Long.parseLong(item.get("version").n()), Instant.parse(item.get("createdAt").s()),
                item.get("sha256").s(), withText && item.containsKey("yaml") ? item.get("yaml").s() : null);
    }
}
