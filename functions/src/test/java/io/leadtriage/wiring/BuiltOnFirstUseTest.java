package io.leadtriage.wiring;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltOnFirstUseTest {
    @Test
    void nothingIsBuiltUntilFirstAskedThenTheSameOneIsKept() {
        AtomicInteger builds = new AtomicInteger();
        BuiltOnFirstUse<Object> client = new BuiltOnFirstUse<>(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        assertThat(builds).hasValue(0);

        Object first = client.get();

        assertThat(client.get()).isSameAs(first);
        assertThat(builds).hasValue(1);
    }

    @Test
    void requestsArrivingTogetherShareOneBuild() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        BuiltOnFirstUse<Object> client = new BuiltOnFirstUse<>(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] asked = new Future<?>[4];
            for (int i = 0; i < asked.length; i++) {
                asked[i] = threads.submit(() -> {
                    start.await();
                    return client.get();
                });
            }
            start.countDown();
            for (Future<?> f : asked) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(client.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(builds).hasValue(1);
    }

    @Test
    void aFailedBuildIsTriedAgainByTheNextRequest() {
        AtomicInteger builds = new AtomicInteger();
        BuiltOnFirstUse<Object> client = new BuiltOnFirstUse<>(() -> {
            if (builds.incrementAndGet() == 1) {
                throw new IllegalStateException("no region");
            }
            return new Object();
        });

        assertThatThrownBy(client::get).hasMessage("no region");
        assertThat(client.get()).isNotNull();
        assertThat(builds).hasValue(2);
    }
}
