package io.leadtriage.adapters.dynamodb;

import io.leadtriage.testing.DynamoBackend;
import io.leadtriage.testing.TestServices;
import io.leadtriage.testing.contract.StorageContracts;
import io.leadtriage.wiring.Storage;
import org.junit.jupiter.api.BeforeEach;

/**
 * The storage contract (functions' io.leadtriage.testing.contract) against the DynamoDB adapters, on DynamoDB Local
 * (or LocalStack with -Plocalstack): each case on an empty table made from template.yaml's definition. In this
 * package to read the erasure count, which no port reads back, where TableKeys says it is.
 */
class DynamoStorageContractTest implements StorageContracts {
    private String table;
    private Storage storage;

    @BeforeEach
    void emptyTable() {
        table = DynamoBackend.freshTable("contract");
        storage = Storage.dynamo(DynamoBackend.client(), table, EmailIndex.keyedWith(TestServices.EMAIL_INDEX_KEY));
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public long erasuresCounted() {
        return new LeadsTable(DynamoBackend.client(), table, EmailIndex.NONE).get(TableKeys.erasuresKey())
                .map(item -> Long.parseLong(item.get(TableKeys.ERASED).n())).orElse(0L);
    }
}
