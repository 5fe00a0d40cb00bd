package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.TierReviewQueue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
        String encode() {
            String text = lastKey == null ? String.valueOf(shard) : shard + "\n" + lastKey.get(TableKeys.PK).s() + "\n"
                    + lastKey.get(TableKeys.SK).s() + "\n" + lastKey.get(TableKeys.REVIEW_AT).n();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n");
                int shard = Integer.parseInt(parts[0]);
                if (shard < 0 || shard >= TableKeys.SHARDS || (parts.length != 1 && parts.length != 4)) {
                    throw new IllegalArgumentException("not a cursor");
                }
                return new Position(shard, parts.length == 1 ? null : Map.of(TableKeys.PK, LeadItems.s(parts[1]),
                        TableKeys.SK, LeadItems.s(parts[2]), TableKeys.REVIEW_SHARD, LeadItems.s(TableKeys.reviewShard(shard)),
                        TableKeys.REVIEW_AT, AttributeValue.fromN(String.valueOf(Long.parseLong(parts[3])))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a cursor of the tier review");
            }
        }
    }
}
