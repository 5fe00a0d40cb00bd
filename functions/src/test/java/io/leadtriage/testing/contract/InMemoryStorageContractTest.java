package io.leadtriage.testing.contract;

import io.leadtriage.testing.memory.InMemoryLeadErasure;
import io.leadtriage.testing.memory.InMemoryStorage;
import io.leadtriage.wiring.Storage;
import org.junit.jupiter.api.BeforeEach;

/** The storage contract against the in-memory ports the fast tests run on (DynamoStorageContractTest in local/). */
class InMemoryStorageContractTest implements StorageContracts {
    private Storage storage;

    @BeforeEach
    void emptyStore() {
        storage = InMemoryStorage.create();
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public long erasuresCounted() {
        return ((InMemoryLeadErasure) storage.erasure()).erased();
    }
}
