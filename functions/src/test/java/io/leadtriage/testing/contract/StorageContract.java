package io.leadtriage.testing.contract;

import io.leadtriage.wiring.Storage;

/**
 * What the storage ports promise (their Javadocs are the spec), as JUnit test interfaces, one per port, all
 * extending this one. A store's contract test implements {@link StorageContracts} and gives every case an empty
 * store: InMemoryStorageContractTest here, DynamoStorageContractTest in local/ on DynamoDB Local (through this
 * module's test jar), so that the fast tests' in-memory ports and the deployed adapters answer alike.
 */
public interface StorageContract {
    /** The store under test, empty at the start of each case (the same object throughout one case). */
    Storage storage();

    /** The anonymous count of erased leads the store keeps (no port reads it back). */
    long erasuresCounted();
}
