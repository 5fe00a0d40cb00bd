package io.leadtriage.local;

import com.almworks.sqlite4java.SQLiteConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart on a data folder whose database another connection still holds (a DynamoDB Local stopped a moment ago
 * in the same JVM closes it on a thread of its own): the start waits for the lock instead of failing its first
 * write with "database is locked", as a full build under load once saw.
 */
class DynamoDbLocalDataFolderTest {
    @Test
    void aStartWaitsForALockTheStoppingInstanceStillHolds(@TempDir Path data) throws Exception {
        try (DynamoDbLocal first = DynamoDbLocal.start(data); DynamoDbClient client = first.client()) {
            DynamoDbLocal.createTables(client, SamTemplate.read(SamTemplate.locate()));
        }
        ExecutorService holder = Executors.newSingleThreadExecutor();
        CountDownLatch locked = new CountDownLatch(1);
        try {
            // sqlite4java connections are bound to the thread that opened them: the lock is taken and let go there.
            Future<?> held = holder.submit(() -> {
                SQLiteConnection other = new SQLiteConnection(data.resolve(DynamoDbLocal.SHARED_DB_FILE).toFile());
                try {
                    other.open(false);
                    other.exec("BEGIN IMMEDIATE");
                    locked.countDown();
                    Thread.sleep(5_000);
                    other.exec("ROLLBACK");
                } finally {
                    other.dispose();
                }
                return null;
            });
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

            try (DynamoDbLocal second = DynamoDbLocal.start(data); DynamoDbClient client = second.client()) {
                DynamoDbLocal.createTables(client, SamTemplate.read(SamTemplate.locate()));
                assertThat(client.listTables().tableNames()).isNotEmpty();
            }
            held.get(10, TimeUnit.SECONDS);
        } finally {
            holder.shutdownNow();
        }
    }
}
