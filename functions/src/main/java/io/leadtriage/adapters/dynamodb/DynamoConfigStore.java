package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.tokens.Secrets;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.leadtriage.adapters.dynamodb.TableKeys.CREATED_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.SHA256;
import static io.leadtriage.adapters.dynamodb.TableKeys.VERSION;
import static io.leadtriage.adapters.dynamodb.TableKeys.YAML;

/**
 * Model versions in the leads table: one item per version, never overwritten, and one pointing at the version in
 * effect; a new version and the pointer's move are one transaction, conditional on the pointer not having moved.
 */
public final class DynamoConfigStore implements ConfigStore {
    private final LeadsTable table;

    public DynamoConfigStore(LeadsTable table) {
        this.table = table;
    }

    @Override
    public Optional<ConfigVersion> current() {
        return table.get(TableKeys.modelInEffectKey())
                .flatMap(pointer -> version(Long.parseLong(pointer.get(VERSION).n())));
    }

    @Override
    public Optional<ConfigVersion> version(long version) {
        return table.get(TableKeys.modelVersionKey(version)).map(item -> read(item, true));
    }

    @Override
    public List<ConfigVersion> history(int limit) {
        return table.query(QueryRequest.builder()
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :v)")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK, "#version", VERSION,
                                "#createdAt", CREATED_AT, "#sha", SHA256))
                        .expressionAttributeValues(Map.of(":pk", LeadItems.s(TableKeys.modelPartition()),
                                ":v", LeadItems.s(TableKeys.MODEL_VERSION)))
                        .projectionExpression("#version, #createdAt, #sha")
                        .scanIndexForward(false).limit(limit)
                        .build())
                .items().stream().map(item -> read(item, false)).toList();
    }

    @Override
    public Optional<ConfigVersion> put(String yaml, long expectedCurrent, Instant now) {
        long next = expectedCurrent + 1;
        String sha = Secrets.sha256Hex(yaml);
        Map<String, AttributeValue> version = new HashMap<>(TableKeys.modelVersionKey(next));
        version.putAll(Map.of(VERSION, LeadItems.n(next), CREATED_AT, LeadItems.s(now.toString()), SHA256, LeadItems.s(sha),
                YAML, LeadItems.s(yaml)));
        Map<String, AttributeValue> pointer = new HashMap<>(TableKeys.modelInEffectKey());
        pointer.put(VERSION, LeadItems.n(next));
        boolean stored = table.transact(List.of(
                table.writeNew(version),
                expectedCurrent == 0 ? table.writeNew(pointer) : table.writePut(pointer, put -> put
                        .conditionExpression("#version = :expected")
                        .expressionAttributeNames(Map.of("#version", VERSION))
                        .expressionAttributeValues(Map.of(":expected", LeadItems.n(expectedCurrent)))))).isEmpty();
        return stored ? Optional.of(new ConfigVersion(next, now, sha, yaml)) : Optional.empty();
    }

    private static ConfigVersion read(Map<String, AttributeValue> item, boolean withText) {
        return new ConfigVersion(Long.parseLong(item.get(VERSION).n()), Instant.parse(item.get(CREATED_AT).s()),
                item.get(SHA256).s(), withText && item.containsKey(YAML) ? item.get(YAML).s() : null);
    }
}
