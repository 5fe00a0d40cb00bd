package io.leadtriage.wiring;

import io.leadtriage.adapters.dynamodb.DynamoConfigStore;
import io.leadtriage.adapters.dynamodb.DynamoLeadStore;
import io.leadtriage.adapters.dynamodb.DynamoOutbox;
import io.leadtriage.adapters.dynamodb.DynamoRateLimiter;
import io.leadtriage.app.ports.AlertLog;
import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.ports.LeadErasure;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.app.ports.RateLimiter;
import io.leadtriage.app.ports.RoundRobin;
import io.leadtriage.app.ports.TierReviewQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every storage port the use cases need, each shaped by its users; deployed, all of them live on the one leads
 * table (layout: {@link io.leadtriage.adapters.dynamodb.LeadItems}); tests may put them in memory.
 */
public record Storage(LeadUnitOfWork leads, LeadQueries queries, TierReviewQueue tierReviews, LeadErasure erasure,
                      OutboxQueue outbox, AlertLog alerts, MessageLog messages, RoundRobin turns,
                      ConfigStore models, RateLimiter rateLimiter) {

    /** The ports on the DynamoDB table {@code table}. */
    public static Storage dynamo(DynamoDbClient client, String table) {
        DynamoLeadStore leads = new DynamoLeadStore(client, table);
        DynamoOutbox outbox = new DynamoOutbox(client, table, leads);
        return new Storage(leads, leads, leads, leads, outbox, outbox, outbox, outbox,
                new DynamoConfigStore(client, table), new DynamoRateLimiter(client, table));
    }
}
