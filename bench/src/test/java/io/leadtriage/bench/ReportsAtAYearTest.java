package io.leadtriage.bench;

import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.SamTemplate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark itself on a few hundred leads over a year, on DynamoDB Local: the funnel read from the counters
 * equals a scan of every lead (erased leads, outcomes and hot leads among them), reads no lead, and the export takes
 * every stored lead once; and the seed in batches leaves the table exactly as the lead path's transactions do.
 */
class ReportsAtAYearTest {
    static final int LEADS = 300;

    @Test
    void theCountersFunnelIsTheScansAndReadsNoLead() throws Exception {
        ReportsAtAYear.Result result = ReportsAtAYear.measure(LEADS);

        assertThat(result.scanAgrees()).isTrue();
        assertThat(result.stored()).as("some erased").isLessThan(LEADS).isGreaterThan(LEADS - 5);
        assertThat(result.loaded().erased()).isEqualTo(LEADS - result.stored());
        assertThat(result.funnel().use().calls()).containsOnlyKeys("Query");
        assertThat(result.scan().use().calls()).containsKey("BatchGetItem");
        assertThat(result.export().use().calls()).doesNotContainKey("TransactWriteItems");
        assertThat(result.writes().counterUpdatesPerLead()).as("two a new lead, two more a change of tier")
                .isGreaterThanOrEqualTo(2.0).isLessThan(6.0);
        assertThat(result.writes().largestItemBytes()).as("a counter item stays small").isPositive().isLessThan(1024);
    }

    @Test
    void theSeedInBatchesStoresWhatTheLeadPathsTransactionsStore() throws Exception {
        List<Map<String, AttributeValue>> transactions = seeded(false);
        List<Map<String, AttributeValue>> batches = seeded(true);

        assertThat(transactions).as("leads, timelines, outboxes, counters, erasures")
                .hasSizeGreaterThan(LEADS * 3);
        assertThat(transactions.stream().filter(item -> item.get("pk").s().startsWith("COUNTS#"))).hasSizeGreaterThan(100);
        assertThat(batches).containsExactlyInAnyOrderElementsOf(transactions);
    }

    /** Every item of the table after the seed, with the two things the product draws at random made alike. */
    private static List<Map<String, AttributeValue>> seeded(boolean inBatches) throws Exception {
        SamTemplate template = SamTemplate.read(SamTemplate.locate());
        try (DynamoDbLocal dynamo = BenchStack.quietDynamoDb()) {
            DynamoDbClient client = dynamo.client();
            DynamoDbLocal.createTables(client, template);
            String table = template.tables().get(0).tableName();
            if (inBatches) {
                YearSeed.inBatches(client, table, LEADS);
            } else {
                YearSeed.throughTransactions(client, table, LEADS);
            }
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            client.scanPaginator(r -> r.tableName(table)).items().forEach(item -> items.add(alike(item)));
            return items;
        }
    }

    /** A timeline item's sort key ends in a random suffix, and a lead event has a random id. */
    private static Map<String, AttributeValue> alike(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> alike = new HashMap<>(item);
        String sk = item.get("sk").s();
        if (sk.startsWith("TL#")) {
            alike.put("sk", AttributeValue.fromS(sk.substring(0, sk.lastIndexOf('#')) + "#random"));
        }
        if (item.containsKey("event")) {
            alike.put("event", AttributeValue.fromS(item.get("event").s()
                    .replaceAll("\"eventId\"\\s*:\\s*\"[^\"]*\"", "\"eventId\":\"random\"")));
        }
        return alike;
    }
}
