package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.tokens.Secrets;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.leadtriage.adapters.dynamodb.TableKeys.ALERT_NEWLY_HOT;
import static io.leadtriage.adapters.dynamodb.TableKeys.CHANGED;
import static io.leadtriage.adapters.dynamodb.TableKeys.CREATED_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.CURSOR;
import static io.leadtriage.adapters.dynamodb.TableKeys.EXAMINED;
import static io.leadtriage.adapters.dynamodb.TableKeys.FINISHED_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.HOLDER;
import static io.leadtriage.adapters.dynamodb.TableKeys.LEASE_UNTIL;
import static io.leadtriage.adapters.dynamodb.TableKeys.NEWLY_HOT;
import static io.leadtriage.adapters.dynamodb.TableKeys.PREPARED;
import static io.leadtriage.adapters.dynamodb.TableKeys.STARTED_AT;
import static io.leadtriage.adapters.dynamodb.TableKeys.TIER_CHANGES;
import static io.leadtriage.adapters.dynamodb.TableKeys.SHA256;
import static io.leadtriage.adapters.dynamodb.TableKeys.VERSION;
import static io.leadtriage.adapters.dynamodb.TableKeys.YAML;

/**
 * Model versions in the leads table: one item per version (its text, and its prepared form where the two fit in an
 * item), never overwritten, and one pointing at the version in effect; a new version, its rescoring and the pointer's
 * move are one transaction, conditional on the pointer not having moved. A rescoring is taken and recorded with
 * conditional updates on its holder and lease.
 */
public final class DynamoConfigStore implements ConfigStore {
    private final LeadsTable table;

    public DynamoConfigStore(LeadsTable table) {
        this.table = table;
    }

    @Override
    public Optional<ConfigVersion> current() {
        long number = currentNumber();
        return number == 0 ? Optional.empty() : version(number);
    }

    @Override
    public long currentNumber() {
        return table.get(TableKeys.modelInEffectKey()).map(pointer -> Long.parseLong(pointer.get(VERSION).n())).orElse(0L);
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
    public Optional<ConfigVersion> put(String yaml, String prepared, long expectedCurrent, Instant now,
                                       boolean alertNewlyHot, boolean rescore) {
        long next = expectedCurrent + 1;
        String sha = Secrets.sha256Hex(yaml);
        String kept = ConfigStore.preparedThatFits(yaml, prepared);
        Map<String, AttributeValue> version = new HashMap<>(TableKeys.modelVersionKey(next));
        version.putAll(Map.of(VERSION, LeadItems.n(next), CREATED_AT, LeadItems.s(now.toString()), SHA256, LeadItems.s(sha),
                YAML, LeadItems.s(yaml)));
        if (kept != null) {
            version.put(PREPARED, LeadItems.s(kept));
        }
        Map<String, AttributeValue> pointer = new HashMap<>(TableKeys.modelInEffectKey());
        pointer.put(VERSION, LeadItems.n(next));
        Map<String, AttributeValue> rescoring = new HashMap<>(TableKeys.rescoringKey(next));
        rescoring.putAll(progress(Rescoring.of(next, alertNewlyHot, now, rescore)));
        rescoring.put(ALERT_NEWLY_HOT, AttributeValue.fromBool(alertNewlyHot));
        rescoring.put(STARTED_AT, LeadItems.s(now.toString()));
        boolean stored = table.transact(List.of(
                table.writeNew(version),
                table.writeNew(rescoring),
                expectedCurrent == 0 ? table.writeNew(pointer) : table.writePut(pointer, put -> put
                        .conditionExpression("#version = :expected")
                        .expressionAttributeNames(Map.of("#version", VERSION))
                        .expressionAttributeValues(Map.of(":expected", LeadItems.n(expectedCurrent)))))).isEmpty();
        return stored ? Optional.of(new ConfigVersion(next, now, sha, yaml, kept)) : Optional.empty();
    }

    @Override
    public Optional<Rescoring> rescoring(long version) {
        return table.get(TableKeys.rescoringKey(version)).map(DynamoConfigStore::rescoring);
    }

    @Override
    public Optional<Rescoring> claimRescoring(long version, String holder, Instant now, Instant leaseUntil) {
        return table.claimLease(TableKeys.rescoringKey(version), holder, now, leaseUntil).map(DynamoConfigStore::rescoring);
    }

    @Override
    public boolean recordRescoring(Rescoring progress, String holder, Instant leaseUntil) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>(Map.of("#holder", HOLDER, "#lease", LEASE_UNTIL, "#finished", FINISHED_AT));
        List<String> sets = new ArrayList<>(List.of("#lease = :until"));
        values.put(":until", LeadItems.n(leaseUntil.toEpochMilli()));
        values.put(":holder", LeadItems.s(holder));
        progress(progress).forEach((name, value) -> {
            names.put("#" + name, name);
            values.put(":" + name, value);
            sets.add("#" + name + " = :" + name);
        });
        names.put("#cursor", CURSOR);
        return table.updateIf(update -> update.key(TableKeys.rescoringKey(progress.version()))
                .updateExpression("SET " + String.join(", ", sets) + (progress.cursor() == null ? " REMOVE #cursor" : ""))
                .conditionExpression("#holder = :holder AND attribute_not_exists(#finished)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).isPresent();
    }

    /** What a rescoring's progress writes: its counts, its cursor while it has one, its end once finished. */
    private static Map<String, AttributeValue> progress(Rescoring r) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(VERSION, LeadItems.n(r.version()), EXAMINED, LeadItems.n(r.examined()),
                CHANGED, LeadItems.n(r.changed()), TIER_CHANGES, LeadItems.n(r.tierChanges()), NEWLY_HOT, LeadItems.n(r.newlyHot())));
        if (r.cursor() != null) {
            item.put(CURSOR, LeadItems.s(r.cursor()));
        }
        if (r.finishedAt() != null) {
            item.put(FINISHED_AT, LeadItems.s(r.finishedAt().toString()));
        }
        return item;
    }

    private static Rescoring rescoring(Map<String, AttributeValue> item) {
        return new Rescoring(Long.parseLong(item.get(VERSION).n()), item.get(ALERT_NEWLY_HOT).bool(),
                Instant.parse(item.get(STARTED_AT).s()),
                item.containsKey(FINISHED_AT) ? Instant.parse(item.get(FINISHED_AT).s()) : null,
                item.containsKey(CURSOR) ? item.get(CURSOR).s() : null,
                Long.parseLong(item.get(EXAMINED).n()), Long.parseLong(item.get(CHANGED).n()),
                Long.parseLong(item.get(TIER_CHANGES).n()), Long.parseLong(item.get(NEWLY_HOT).n()));
    }

    private static ConfigVersion read(Map<String, AttributeValue> item, boolean withText) {
        return new ConfigVersion(Long.parseLong(item.get(VERSION).n()), Instant.parse(item.get(CREATED_AT).s()),
                item.get(SHA256).s(), withText && item.containsKey(YAML) ? item.get(YAML).s() : null,
                withText && item.containsKey(PREPARED) ? item.get(PREPARED).s() : null);
    }
}
