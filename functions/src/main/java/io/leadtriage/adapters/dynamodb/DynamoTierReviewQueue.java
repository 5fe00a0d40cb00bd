package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.TierReviewQueue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leads due for a tier review, from the sparse ReviewIndex: only profiles whose tier will fade carry its keys. A pass
 * reads the four shards one after the other; its cursor is the shard and the last key read in it.
 */
public final class DynamoTierReviewQueue implements TierReviewQueue {
    private final LeadsTable table;

    public DynamoTierReviewQueue(LeadsTable table) {
        this.table = table;
    }

    @Override
    public DuePage dueForTierReview(Instant now, int limit, String cursor) {
        Position at = cursor == null ? new Position(0, null) : Position.decode(cursor);
        List<String> due = new ArrayList<>();
        int shard = at.shard();
        Map<String, AttributeValue> startKey = at.lastKey();
        while (shard < TableKeys.SHARDS) {
            QueryResponse page = table.query(QueryRequest.builder().indexName(TableKeys.REVIEW_INDEX)
                    .keyConditionExpression("#s = :shard AND #at <= :now")
                    .expressionAttributeNames(Map.of("#s", TableKeys.REVIEW_SHARD, "#at", TableKeys.REVIEW_AT))
                    .expressionAttributeValues(Map.of(":shard", LeadItems.s(TableKeys.reviewShard(shard)),
                            ":now", LeadItems.n(now.toEpochMilli())))
                    .exclusiveStartKey(startKey)
                    .limit(limit - due.size())
                    .build());
            page.items().forEach(item -> due.add(TableKeys.leadIdOf(item)));
            boolean shardLeft = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
            startKey = shardLeft ? page.lastEvaluatedKey() : null;
            if (!shardLeft) {
                shard++;
            }
            if (due.size() >= limit) {
                break;
            }
        }
        return new DuePage(due, shard < TableKeys.SHARDS ? new Position(shard, startKey).encode() : null);
    }

    /** Where a pass stopped: the shard, and the last index entry read in it (null: from its start). */
    record Position(int shard, Map<String, AttributeValue> lastKey) {
        private static final String KIND = "the tier review";

        String encode() {
            return KeyCursor.encode(lastKey == null ? List.of(String.valueOf(shard)) : List.of(String.valueOf(shard),
                    lastKey.get(TableKeys.PK).s(), lastKey.get(TableKeys.SK).s(), lastKey.get(TableKeys.REVIEW_AT).n()));
        }

        static Position decode(String cursor) {
            List<String> parts = KeyCursor.decode(cursor, KIND, 1, 4);
            try {
                int shard = Integer.parseInt(parts.get(0));
                if (shard < 0 || shard >= TableKeys.SHARDS) {
                    throw new IllegalArgumentException("no such shard");
                }
                return new Position(shard, parts.size() == 1 ? null : Map.of(TableKeys.PK, LeadItems.s(parts.get(1)),
                        TableKeys.SK, LeadItems.s(parts.get(2)), TableKeys.REVIEW_SHARD, LeadItems.s(TableKeys.reviewShard(shard)),
                        TableKeys.REVIEW_AT, LeadItems.n(Long.parseLong(parts.get(3)))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a cursor of " + KIND);
            }
        }
    }
}
