package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.LeadPage;
import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.domain.Stage;
import io.leadtriage.domain.Tier;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import io.leadtriage.app.TimelineEntry;
import io.leadtriage.app.outbox.OutboxItem;
import io.leadtriage.app.outbox.OutboxKind;
import io.leadtriage.app.ports.LeadErasure;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.TierReviewQueue;
import io.leadtriage.app.ports.LeadWrite;
import io.leadtriage.app.ports.IdempotencyMarker;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lead's ports on one DynamoDB table; the layout is described in {@link LeadItems}. */
public final class DynamoLeadStore implements LeadUnitOfWork, LeadQueries, TierReviewQueue, LeadErasure {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLeadStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
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
    public LeadPage listLeads(Tier tier, Stage stage, int limit, String cursor, Instant now) {
        String index;
        String prefix;
        if (tier != null) {
            index = "TierIndex";
            prefix = "TIER#" + tier.wireName() + "#";
        } else if (stage != null) {
            index = "StageIndex";
            prefix = "STAGE#" + stage.wireName() + "#";
        } else {
            index = "LeadsIndex";
            prefix = "LEADS#";
        }
        String partitionAttribute = tier != null ? LeadItems.LIST_TIER : stage != null ? LeadItems.LIST_STAGE : LeadItems.LIST_ALL;
        ListCursor position = cursor == null ? new ListCursor(YearMonth.from(now.atZone(ZoneOffset.UTC)), null)
                : ListCursor.decode(cursor);
        YearMonth oldest = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(LIST_MONTHS_BACK);
        List<LeadRecord> page = new ArrayList<>();
        YearMonth month = position.month();
        Map<String, AttributeValue> startKey = position.lastKey();
        while (page.size() < limit && !month.isBefore(oldest)) {
            String partition = prefix + month;
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression("#p = :p")
                    .expressionAttributeNames(Map.of("#p", partitionAttribute))
                    .expressionAttributeValues(Map.of(":p", LeadItems.s(partition)))
                    .scanIndexForward(false)
                    .limit(limit - page.size())
                    .exclusiveStartKey(startKey)
                    .build());
            for (Map<String, AttributeValue> key : response.items()) {
                findById(key.get(LeadItems.PK).s().substring("LEAD#".length()))
                        .filter(lead -> stage == null || lead.qualification().stage() == stage)
                        .filter(lead -> tier == null || lead.qualification().tier() == tier)
                        .ifPresent(page::add);
            }
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                startKey = response.lastEvaluatedKey();
                if (page.size() >= limit) {
                    return new LeadPage(page, new ListCursor(month, startKey).encode());
                }
            } else {
                month = month.minusMonths(1);
                startKey = null;
            }
        }
        return new LeadPage(page, month.isBefore(oldest) ? null : new ListCursor(month, startKey).encode());
    }

    /** How far back listings look; leads older than this stay reachable by id. */
    static final int LIST_MONTHS_BACK = 36;

    @Override
    public List<LeadRecord> leadsCreatedBetween(Instant from, Instant to) {
        List<LeadRecord> leads = new ArrayList<>();
        if (!from.isBefore(to)) {
            return leads;
        }
        YearMonth last = YearMonth.from(to.minusMillis(1).atZone(ZoneOffset.UTC));
        for (YearMonth month = YearMonth.from(from.atZone(ZoneOffset.UTC)); !month.isAfter(last); month = month.plusMonths(1)) {
            String partition = "LEADS#" + month;
            dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName("LeadsIndex")
                            .keyConditionExpression("#p = :p AND #s BETWEEN :from AND :to")
                            .expressionAttributeNames(Map.of("#p", LeadItems.LIST_ALL, "#s", LeadItems.LIST_SORT))
                            // "~" sorts after every id, so the upper bound takes all leads of the last millisecond before `to`.
                            .expressionAttributeValues(Map.of(":p", LeadItems.s(partition),
                                    ":from", LeadItems.s(LeadItems.sortable(from)),
                                    ":to", LeadItems.s(LeadItems.sortable(to.minusMillis(1)) + "#~")))
                            .build())
                    .items().forEach(key -> findById(key.get(LeadItems.PK).s().substring("LEAD#".length())).ifPresent(leads::add));
        }
        return leads;
    }

    public List<SentMessage> sentMessages(String leadId) {
        List<SentMessage> messages = new ArrayList<>();
        partition(leadId, "MSG#").forEach(item -> messages.add(LeadItems.message(item)));
        messages.sort(java.util.Comparator.comparing(SentMessage::sentAt));
        return messages;
    }

    @Override
    public boolean erase(String leadId) {
        Optional<LeadRecord> lead = findById(leadId);
        if (lead.isEmpty()) {
            return false;
        }
        // The profile goes first: from then on the lead's tokens lead nowhere.
        dynamo.deleteItem(r -> r.tableName(table).key(LeadItems.profileKey(leadId)));
        dynamo.deleteItem(r -> r.tableName(table).key(LeadItems.emailKey(lead.get().lead().email())));
        for (Map<String, AttributeValue> item : partition(leadId, "")) {
            dynamo.deleteItem(r -> r.tableName(table).key(Map.of(LeadItems.PK, item.get(LeadItems.PK),
                    LeadItems.SK, item.get(LeadItems.SK))));
        }
        dynamo.updateItem(r -> r.tableName(table).key(Map.of(LeadItems.PK, LeadItems.s("STATS"), LeadItems.SK,
                        LeadItems.s("ERASURES")))
                .updateExpression("ADD erased :one")
                .expressionAttributeValues(Map.of(":one", LeadItems.n(1))));
        return true;
    }

    private List<Map<String, AttributeValue>> partition(String leadId, String skPrefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true);
        if (skPrefix.isEmpty()) {
            query.keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", LeadItems.s(LeadItems.leadPk(leadId))));
        } else {
            query.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", LeadItems.s(LeadItems.leadPk(leadId)),
                            ":prefix", LeadItems.s(skPrefix)));
        }
        dynamo.queryPaginator(query.build()).items().forEach(items::add);
        return items;
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
            // A marker past its time may still be there until TTL removes it: it no longer counts.
            writes.add(put(Put.builder().tableName(table).item(LeadItems.markerItem(write.marker()))
                    .conditionExpression("attribute_not_exists(pk) OR #ttl < :now")
                    .expressionAttributeNames(Map.of("#ttl", LeadItems.TTL))
                    .expressionAttributeValues(Map.of(":now", LeadItems.n(write.marker().at().getEpochSecond())))
                    .build()));
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
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
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static TransactWriteItem put(Put put) {
        return TransactWriteItem.builder().put(put).build();
    }
}
