package io.leadtriage.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every DynamoDB call a client makes, by operation, with the capacity DynamoDB reports for it. It asks
 * for ReturnConsumedCapacity on every request, so nothing depends on which calls the application meters
 * itself (the store meters its transactions and GetItems; the outbox's updates and the queries are not).
 * Attach it to a benchmark's client with {@code overrideConfiguration(c -> c.addExecutionInterceptor(meter))}.
 *
 * <p>Units are reported capacity units, which on-demand tables bill one for one as request units. It asks
 * for INDEXES, not TOTAL: DynamoDB Local leaves the writes to global secondary indexes out of TOTAL (a
 * put that also lands in two indexes reports 2 units with TOTAL and 5 with INDEXES), and AWS bills them.
 * Two things DynamoDB Local reports that AWS bills differently are kept apart for the cost model: reads
 * that report 0 units (a Query that finds nothing), and failed calls (a condition that did not hold),
 * which carry no capacity at all.
 */
final class DynamoDbMeter implements ExecutionInterceptor {
    private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");

    private final Map<String, Integer> calls = new TreeMap<>();
    private final List<String> writes = new java.util.ArrayList<>();
    private final Map<String, Integer> failedCalls = new TreeMap<>();
    private double readUnits;
    private double writeUnits;
    private double indexWriteUnits;
    private int zeroUnitReads;

    /**
     * What was used since the last {@link #reset()}.
     *
     * @param writeUnits      table and index writes together
     * @param indexWriteUnits the part of writeUnits that went to global secondary indexes
     * @param zeroUnitReads   reads for which DynamoDB Local reported no units
     */
    record Use(Map<String, Integer> calls, Map<String, Integer> failedCalls, double readUnits, double writeUnits,
               double indexWriteUnits, int zeroUnitReads, List<String> writes) {
        /** e.g. "GetItem×2 TransactWriteItems×1"; failed calls are marked. */
        String describeCalls() {
            StringBuilder s = new StringBuilder();
            calls.forEach((op, n) -> s.append(s.length() == 0 ? "" : " ").append(op).append('×').append(n));
            failedCalls.forEach((op, n) -> s.append(s.length() == 0 ? "" : " ").append(op).append("(failed)×").append(n));
            return s.length() == 0 ? "none" : s.toString();
        }
    }

    synchronized Use use() {
        return new Use(Map.copyOf(calls), Map.copyOf(failedCalls), readUnits, writeUnits, indexWriteUnits,
                zeroUnitReads, List.copyOf(writes));
    }

    synchronized void reset() {
        calls.clear();
        writes.clear();
        failedCalls.clear();
        readUnits = 0;
        writeUnits = 0;
        indexWriteUnits = 0;
        zeroUnitReads = 0;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
        SdkRequest request = context.request();
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        } else if (request instanceof PutItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        } else if (request instanceof ScanRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        } else if (request instanceof TransactWriteItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        } else if (request instanceof TransactGetItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(indexes).build();
        }
        return request;
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.merge(operation, 1, Integer::sum);
        Collection<ConsumedCapacity> consumed = consumed(context.response());
        double units = consumed.stream().mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
        if (READS.contains(operation)) {
            readUnits += units;
            if (units == 0) {
                zeroUnitReads++;
            }
        } else {
            writeUnits += units;
            double indexUnits = consumed.stream().filter(ConsumedCapacity::hasGlobalSecondaryIndexes)
                    .flatMap(c -> c.globalSecondaryIndexes().values().stream())
                    .mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
            indexWriteUnits += indexUnits;
            writes.add(String.format("%s %.0f (%.0f indexes): %s", operation, units, indexUnits,
                    WrittenItems.describe(context.request())));
        }
    }

    @Override
    public synchronized void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        failedCalls.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
    }

    private static Collection<ConsumedCapacity> consumed(SdkResponse response) {
        if (response instanceof GetItemResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof PutItemResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof UpdateItemResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof DeleteItemResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof QueryResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof ScanResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof TransactWriteItemsResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
        } else if (response instanceof TransactGetItemsResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
        } else if (response instanceof BatchGetItemResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
        } else if (response instanceof BatchWriteItemResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
        }
        return List.of();
    }

    private static Collection<ConsumedCapacity> single(ConsumedCapacity capacity) {
        return capacity == null ? List.of() : List.of(capacity);
    }
}
