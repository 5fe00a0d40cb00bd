package io.leadtriage.testing.contract;

/** Every port's contract: what a store's contract test implements. */
public interface StorageContracts extends LeadUnitOfWorkContract, LeadQueriesContract, TierReviewQueueContract,
        LeadErasureContract, OutboxQueueContract, LeadEventOutboxContract, WebhookOutboxContract, AlertLogContract,
        MessageLogContract, RoundRobinContract, ConfigStoreContract, RateLimiterContract, AccountBookContract,
        ReportCountersContract {
}
