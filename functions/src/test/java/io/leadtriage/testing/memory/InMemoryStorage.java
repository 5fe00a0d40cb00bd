package io.leadtriage.testing.memory;

import io.leadtriage.wiring.Storage;

/**
 * Every storage port in memory, sharing one state: what the fast tests of the core run on, in milliseconds. The
 * contract suite (io.leadtriage.testing.contract) runs the same cases against these and against DynamoDB Local,
 * so that both answer alike.
 */
public final class InMemoryStorage {
    private InMemoryStorage() {
    }

    public static Storage create() {
        MemoryTable table = new MemoryTable();
        return new Storage(new InMemoryLeadUnitOfWork(table), new InMemoryLeadQueries(table),
                new InMemoryTierReviewQueue(table), new InMemoryLeadErasure(table), new InMemoryOutboxQueue(table),
                new InMemoryAlertLog(table), new InMemoryMessageLog(table), new InMemoryRoundRobin(table),
                new InMemoryConfigStore(table), new InMemoryRateLimiter(table), new InMemoryAccountBook(table),
                new InMemoryReportCounters(table));
    }
}
