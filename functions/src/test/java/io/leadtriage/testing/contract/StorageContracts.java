package io.leadtriage.testing.contract;

/** Every port's contract: what a store's contract test implements. */
public interface StorageContracts extends LeadUnitOfWorkContract, LeadQueriesContract, TierReviewQueueContract,
        LeadErasureContract, OutboxQueueContract, LeadEventOutboxContract, AlertLogContract, MessageLogContract, RoundRobinContract,
        ConfigStoreContract, RateLimiterContract, ReportCountersContract {
}
