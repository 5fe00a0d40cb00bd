package io.leadtriage.wiring;

import io.leadtriage.adapters.dynamodb.DynamoAccountBook;
import io.leadtriage.adapters.dynamodb.DynamoAlertLog;
import io.leadtriage.adapters.dynamodb.EmailIndex;
import io.leadtriage.adapters.dynamodb.DynamoConfigStore;
import io.leadtriage.adapters.dynamodb.DynamoLeadErasure;
import io.leadtriage.adapters.dynamodb.DynamoLeadQueries;
import io.leadtriage.adapters.dynamodb.DynamoLeadUnitOfWork;
import io.leadtriage.adapters.dynamodb.DynamoMessageLog;
import io.leadtriage.adapters.dynamodb.DynamoOutboxQueue;
import io.leadtriage.adapters.dynamodb.DynamoRateLimiter;
import io.leadtriage.adapters.dynamodb.DynamoReportCounters;
import io.leadtriage.adapters.dynamodb.DynamoRoundRobin;
import io.leadtriage.adapters.dynamodb.DynamoTierReviewQueue;
import io.leadtriage.adapters.dynamodb.LeadsTable;
import io.leadtriage.app.ports.AccountBook;
import io.leadtriage.app.ports.AlertLog;
import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.ports.LeadErasure;
import io.leadtriage.app.ports.LeadQueries;
import io.leadtriage.app.ports.LeadUnitOfWork;
import io.leadtriage.app.ports.MessageLog;
import io.leadtriage.app.ports.OutboxQueue;
import io.leadtriage.app.ports.RateLimiter;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.ports.RoundRobin;
import io.leadtriage.app.ports.TierReviewQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every storage port the use cases need, each shaped by its users; deployed, all of them live on the one leads
 * table (layout: {@link io.leadtriage.adapters.dynamodb.TableKeys}); tests may put them in memory.
 */
public record Storage(LeadUnitOfWork leads, LeadQueries queries, TierReviewQueue tierReviews, LeadErasure erasure,
                      OutboxQueue outbox, AlertLog alerts, MessageLog messages, RoundRobin turns,
                      ConfigStore models, RateLimiter rateLimiter, AccountBook accounts, ReportCounters counters) {

    /**
     * The ports on the DynamoDB table {@code table}, one adapter each.
     *
     * @param emailIndex the email index's key; {@link EmailIndex#NONE} where no lead is looked up by email
     */
    public static Storage dynamo(DynamoDbClient client, String table, EmailIndex emailIndex) {
        LeadsTable leadsTable = new LeadsTable(client, table, emailIndex);
        return new Storage(new DynamoLeadUnitOfWork(leadsTable), new DynamoLeadQueries(leadsTable),
                new DynamoTierReviewQueue(leadsTable), new DynamoLeadErasure(leadsTable), new DynamoOutboxQueue(leadsTable),
                new DynamoAlertLog(leadsTable), new DynamoMessageLog(leadsTable), new DynamoRoundRobin(leadsTable),
                new DynamoConfigStore(leadsTable), new DynamoRateLimiter(leadsTable), new DynamoAccountBook(leadsTable),
                new DynamoReportCounters(leadsTable));
    }
}
