package io.leadtriage.adapters.dynamodb;

import io.leadtriage.app.ports.TierReviewQueue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Leads due for a tier review, from the sparse ReviewIndex: only profiles whose tier will fade carry its keys. */
public final class DynamoTierReviewQueue implements TierReviewQueue {
    private final LeadsTable table;

    public DynamoTierReviewQueue(LeadsTable table) {
        this.table = table;
    }

    @Override
    public List<String> dueForTierReview(Instant now, int limit) {
        List<String> due = new ArrayList<>();
        for (int shard = 0; shard < TableKeys.SHARDS && due.size() < limit; shard++) {
            table.query(QueryRequest.builder().indexName(TableKeys.REVIEW_INDEX)
                            .keyConditionExpression("#s = :shard AND #at <= :now")
                            .expressionAttributeNames(Map.of("#s", TableKeys.REVIEW_SHARD, "#at", TableKeys.REVIEW_AT))
                            .expressionAttributeValues(Map.of(":shard", LeadItems.s(TableKeys.reviewShard(shard)),
                                    ":now", LeadItems.n(now.toEpochMilli())))
                            .limit(limit)
                            .build())
                    .items().forEach(item -> due.add(TableKeys.leadIdOf(item)));
        }
        return due.size() > limit ? due.subList(0, limit) : due;
    }
}
