package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.ports.LeadStore;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.ports.IdempotencyMarker;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link LeadStore} on one DynamoDB table; the layout is described in {@link LeadItems}. */
public final class DynamoLeadStore implements LeadStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final CapacityMeter meter;

    public DynamoLeadStore(DynamoDbClient dynamo, String table, CapacityMeter meter) {
        this.dynamo = dynamo;
        this.table = table;
        this.meter = meter;
    }

    @Override
    public Optional<LeadRecord> findById(String leadId) {
        return get(LeadItems.profileKey(leadId)).map(LeadItems::profile);
    }

    @Override
    public Optional<String> findLeadIdByEmail(String email) {
        return get(LeadItems.emailKey(email)).map(item -> item.get("leadId").s());
    }

    @Override
    public Optional<IdempotencyMarker> findMarker(String key) {
        return get(LeadItems.markerKey(key)).map(LeadItems::marker);
    }

    @Override
    public List<String> dueForTierReview(java.time.Instant now, int limit) {
        List<String> due = new ArrayList<>();
        for (int shard = 0; shard < LeadItems.DUE_SHARDS && due.size() < limit; shard++) {
            String reviewShard = "REVIEW#" + shard;
            dynamo.query(r -> r.tableName(table).indexName(LeadItems.REVIEW_INDEX)
                            .keyConditionExpression("#s = :shard AND #at <= :now")
                            .expressionAttributeNames(Map.of("#s", LeadItems.REVIEW_SHARD, "#at", LeadItems.REVIEW_AT))
                            .expressionAttributeValues(Map.of(":shard", LeadItems.s(reviewShard),
                                    ":now", LeadItems.n(now.toEpochMilli())))
                            .limit(limit))
                    .items().forEach(item -> due.add(item.get(LeadItems.PK).s().substring("LEAD#".length())));
        }
        return due.size() > limit ? due.subList(0, limit) : due;
    }

    @Override
    public List<TimelineEntry> timeline(String leadId) {
        List<TimelineEntry> entries = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :tl)")
                        .expressionAttributeValues(Map.of(":pk", LeadItems.s(LeadItems.leadPk(leadId)),
                                ":tl", LeadItems.s("TL#"))))
                .items().forEach(item -> entries.addAll(LeadItems.timelineEntries(item)));
        return entries;
    }

    @Override
    public SaveResult save(LeadWrite write) {
        LeadRecord lead = write.lead();
        List<TransactWriteItem> writes = new ArrayList<>();
        Put.Builder profile = Put.builder().tableName(table).item(LeadItems.profileItem(lead));
        if (write.expectedVersion() == 0) {
            profile.conditionExpression("attribute_not_exists(pk)");
            writes.add(put(Put.builder().tableName(table).item(LeadItems.emailIndexItem(lead.lead().email(), lead.id()))
                    .conditionExpression("attribute_not_exists(pk)").build()));
        } else {
            profile.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", LeadItems.VERSION))
                    .expressionAttributeValues(Map.of(":expected", LeadItems.n(write.expectedVersion())));
        }
        writes.add(put(profile.build()));
        if (!write.timeline().isEmpty()) {
            writes.add(put(Put.builder().tableName(table).item(LeadItems.timelineItem(lead.id(), write.timeline())).build()));
        }
        for (OutboxItem item : write.outboxPuts()) {
            Put.Builder outbox = Put.builder().tableName(table).item(LeadItems.outboxItem(item));
            if (item.kind() == OutboxKind.SALES_ALERT) {
                // One alert per hot episode, even if two changes raced to the same episode.
                outbox.conditionExpression("attribute_not_exists(pk)");
            }
            writes.add(put(outbox.build()));
        }
        for (String outboxId : write.outboxDeletes()) {
            if (write.outboxPuts().stream().noneMatch(o -> o.outboxId().equals(outboxId))) {
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(LeadItems.outboxKey(lead.id(), outboxId)).build()).build());
            }
        }
        int markerIndex = -1;
        if (write.marker() != null) {
            markerIndex = writes.size();
            writes.add(put(Put.builder().tableName(table).item(LeadItems.markerItem(write.marker()))
                    .conditionExpression("attribute_not_exists(pk)").build()));
        }
        try {
            meter.addWrites(dynamo.transactWriteItems(r -> r.transactItems(writes)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity());
            return SaveResult.SAVED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (markerIndex >= 0 && reasons.size() > markerIndex
                    && "ConditionalCheckFailed".equals(reasons.get(markerIndex).code())) {
                return SaveResult.DUPLICATE;
            }
            for (CancellationReason reason : reasons) {
                String code = reason.code();
                if (code != null && !"None".equals(code) && !"ConditionalCheckFailed".equals(code)
                        && !"TransactionConflict".equals(code) && !"ThrottlingError".equals(code)
                        && !"ProvisionedThroughputExceeded".equals(code)) {
                    throw e;
                }
            }
            return SaveResult.CONFLICT;
        }
    }

    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.addRead(response.consumedCapacity());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static TransactWriteItem put(Put put) {
        return TransactWriteItem.builder().put(put).build();
    }
}
