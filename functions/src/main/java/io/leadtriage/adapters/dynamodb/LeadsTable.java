package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.ports.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The leads table as every adapter reaches it: the client and the table's name, the reads they share, and the
 * one place where the SDK's errors stop. A conditional write whose condition failed is a result here (an empty
 * answer, a cancellation); every other {@link SdkException} leaves as {@link StorageUnavailableException}, so
 * that nothing above the adapters knows which SDK they use. Public only to be built and handed to the adapters.
 */
public final class LeadsTable {
    /** A condition: the item the write names exists (an update would otherwise create it). */
    static final String ITEM_EXISTS = "attribute_exists(" + TableKeys.PK + ")";
    /** A condition: the item the write names does not exist yet. */
    static final String ITEM_ABSENT = "attribute_not_exists(" + TableKeys.PK + ")";

    /** BatchGetItem's limit of keys per call. */
    static final int BATCH_GET = 100;
    private static final int BATCH_GET_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String name;
    private final EmailIndex emailIndex;

    public LeadsTable(DynamoDbClient dynamo, String name, EmailIndex emailIndex) {
        this.dynamo = dynamo;
        this.name = name;
        this.emailIndex = emailIndex;
    }

    EmailIndex emailIndex() {
        return emailIndex;
    }

    /** A consistent read of one item. */
    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        GetItemResponse response = call("GetItem", () -> dynamo.getItem(r -> r.tableName(name).key(key).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    Optional<LeadRecord> lead(String leadId) {
        return get(TableKeys.profileKey(leadId)).map(LeadItems::profile);
    }

    /** The items of a lead's partition whose sort key starts with {@code skPrefix} (all of them for ""). */
    List<Map<String, AttributeValue>> partition(String leadId, String skPrefix) {
        QueryRequest.Builder query = QueryRequest.builder().consistentRead(true);
        if (skPrefix.isEmpty()) {
            query.keyConditionExpression("#pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", LeadItems.s(TableKeys.leadPartition(leadId))));
        } else {
            query.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", LeadItems.s(TableKeys.leadPartition(leadId)),
                            ":prefix", LeadItems.s(skPrefix)));
        }
        query.expressionAttributeNames(skPrefix.isEmpty() ? Map.of("#pk", TableKeys.PK)
                : Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK));
        return queryAll(query.build());
    }

    /** One page of a query. */
    QueryResponse query(QueryRequest query) {
        QueryRequest onTable = query.toBuilder().tableName(name).build();
        return call("Query", () -> dynamo.query(onTable));
    }

    /** Every page of a query, read here, so that a failure on a later page is translated too. */
    List<Map<String, AttributeValue>> queryAll(QueryRequest query) {
        QueryRequest onTable = query.toBuilder().tableName(name).build();
        return call("Query", () -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            dynamo.queryPaginator(onTable).items().forEach(items::add);
            return items;
        });
    }

    /** One page of a scan (of an index, for the reads that take every lead). */
    ScanResponse scan(ScanRequest scan) {
        ScanRequest onTable = scan.toBuilder().tableName(name).build();
        return call("Scan", () -> dynamo.scan(onTable));
    }

    /**
     * The items of up to {@value #BATCH_GET} keys, in the keys' order (a key with no item is left out), with
     * BatchGetItem; keys DynamoDB leaves unprocessed (throttling) are asked again after a pause.
     *
     * @param consistent as of the last write, for twice the read units
     */
    List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys, boolean consistent) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> byKey = new HashMap<>();
        Map<String, KeysAndAttributes> asked = keys.isEmpty() ? Map.of()
                : Map.of(name, KeysAndAttributes.builder().keys(keys).consistentRead(consistent).build());
        for (int attempt = 1; !asked.isEmpty(); attempt++) {
            if (attempt > BATCH_GET_ATTEMPTS) {
                throw new StorageUnavailableException("DynamoDB BatchGetItem",
                        new IllegalStateException("keys still unprocessed after " + BATCH_GET_ATTEMPTS + " attempts"));
            }
            Map<String, KeysAndAttributes> request = asked;
            BatchGetItemResponse response = call("BatchGetItem", () -> dynamo.batchGetItem(r -> r.requestItems(request)));
            response.responses().getOrDefault(name, List.of())
                    .forEach(item -> byKey.put(Map.of(TableKeys.PK, item.get(TableKeys.PK), TableKeys.SK, item.get(TableKeys.SK)), item));
            asked = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            if (!asked.isEmpty()) {
                pause(attempt);
            }
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Map<String, AttributeValue> key : keys) {
            Map<String, AttributeValue> item = byKey.get(Map.of(TableKeys.PK, key.get(TableKeys.PK), TableKeys.SK, key.get(TableKeys.SK)));
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for unprocessed keys again", e);
        }
    }

    /** An unconditional update. @return the attributes the request asked back */
    Map<String, AttributeValue> update(Consumer<UpdateItemRequest.Builder> update) {
        return call("UpdateItem", () -> dynamo.updateItem(r -> update.accept(r.tableName(name))).attributes());
    }

    /** A conditional update. @return the attributes the request asked back; empty when the condition failed */
    Optional<Map<String, AttributeValue>> updateIf(Consumer<UpdateItemRequest.Builder> update) {
        return call("UpdateItem", () -> {
            try {
                return Optional.of(dynamo.updateItem(r -> update.accept(r.tableName(name))).attributes());
            } catch (ConditionalCheckFailedException conditionFailed) {
                return Optional.empty();
            }
        });
    }

    /**
     * Takes the lease of a background run's progress item (a rescoring, the counters' backfill) for {@code holder} until
     * {@code leaseUntil}, unless the run is finished or another holder's lease stands at {@code now}.
     *
     * @return the item as it stands now; empty when it is not to be taken
     */
    Optional<Map<String, AttributeValue>> claimLease(Map<String, AttributeValue> key, String holder, java.time.Instant now,
                                                     java.time.Instant leaseUntil) {
        return updateIf(update -> update.key(key)
                .updateExpression("SET #lease = :until, #holder = :holder")
                .conditionExpression(ITEM_EXISTS + " AND attribute_not_exists(#finished)"
                        + " AND (attribute_not_exists(#lease) OR #lease < :now OR #holder = :holder)")
                .expressionAttributeNames(Map.of("#lease", TableKeys.LEASE_UNTIL, "#holder", TableKeys.HOLDER,
                        "#finished", TableKeys.FINISHED_AT))
                .expressionAttributeValues(Map.of(":until", LeadItems.n(leaseUntil.toEpochMilli()),
                        ":holder", LeadItems.s(holder), ":now", LeadItems.n(now.toEpochMilli())))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW));
    }

    void delete(Map<String, AttributeValue> key) {
        call("DeleteItem", () -> dynamo.deleteItem(r -> r.tableName(name).key(key)));
    }

    /**
     * Writes all or nothing.
     *
     * @return empty when written; the cancellation, with a reason per write in order, when a condition failed
     * or another transaction got in the way
     */
    Optional<TransactionCanceledException> transact(List<TransactWriteItem> writes) {
        return call("TransactWriteItems", () -> {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                return Optional.empty();
            } catch (TransactionCanceledException cancelled) {
                return Optional.of(cancelled);
            }
        });
    }

    /**
     * Writes all or nothing, on condition of the first write (a note on an item, the others counters it adds to), trying
     * again while the transaction meets another one on the same items: two changes of one counter at once are frequent
     * and both are to be written.
     *
     * @return false when the first write's condition failed, and nothing was written
     * @throws io.leadtriage.app.ContentionException after {@code tries} meetings
     */
    boolean transactIfFirstHolds(List<TransactWriteItem> writes, String leadId, int tries) {
        for (int attempt = 1; ; attempt++) {
            Optional<TransactionCanceledException> cancelled = transact(writes);
            if (cancelled.isEmpty()) {
                return true;
            }
            List<software.amazon.awssdk.services.dynamodb.model.CancellationReason> reasons = cancelled.get().cancellationReasons();
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return false;
            }
            if (attempt == tries) {
                throw new io.leadtriage.app.ContentionException(leadId, attempt);
            }
        }
    }

    /** A put, as one write of a transaction. */
    TransactWriteItem writePut(Map<String, AttributeValue> item) {
        return writePut(item, condition -> { });
    }

    /** @param condition adds the put's condition */
    TransactWriteItem writePut(Map<String, AttributeValue> item, Consumer<Put.Builder> condition) {
        Put.Builder put = Put.builder().tableName(name).item(item);
        condition.accept(put);
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** A put that fails when the item exists already, as one write of a transaction. */
    TransactWriteItem writeNew(Map<String, AttributeValue> item) {
        return writePut(item, put -> put.conditionExpression(ITEM_ABSENT));
    }

    TransactWriteItem writeUpdate(Map<String, AttributeValue> key, Consumer<Update.Builder> update) {
        Update.Builder builder = Update.builder().tableName(name).key(key);
        update.accept(builder);
        return TransactWriteItem.builder().update(builder.build()).build();
    }

    /** A condition on an item the transaction does not write: it must hold for the others to be written. */
    TransactWriteItem writeCheck(Map<String, AttributeValue> key, Consumer<ConditionCheck.Builder> condition) {
        ConditionCheck.Builder builder = ConditionCheck.builder().tableName(name).key(key);
        condition.accept(builder);
        return TransactWriteItem.builder().conditionCheck(builder.build()).build();
    }

    TransactWriteItem writeDelete(Map<String, AttributeValue> key) {
        return writeDelete(key, condition -> { });
    }

    /** @param condition adds the delete's condition */
    TransactWriteItem writeDelete(Map<String, AttributeValue> key, Consumer<Delete.Builder> condition) {
        Delete.Builder delete = Delete.builder().tableName(name).key(key);
        condition.accept(delete);
        return TransactWriteItem.builder().delete(delete.build()).build();
    }

    /** The translation of the SDK's errors, around one call (and, for a paginated query, its iteration). */
    private static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new StorageUnavailableException("DynamoDB " + operation, e);
        }
    }
}
