package io.leadtriage.testing.contract;

import io.leadtriage.app.ports.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RateLimiter}: requests per key counted in fixed windows; past the limit, the time to the window's end. */
public interface RateLimiterContract extends StorageContract {

    @Test
    default void requestsPastTheLimitWaitForTheWindowToEnd() {
        Instant halfway = Instant.parse("2026-11-23T10:00:30Z");
        Duration minute = Duration.ofMinutes(1);

        assertThat(storage().rateLimiter().acquire("ip#1", 2, minute, halfway)).isEmpty();
        assertThat(storage().rateLimiter().acquire("ip#1", 2, minute, halfway.plusSeconds(10))).isEmpty();
        assertThat(storage().rateLimiter().acquire("ip#1", 2, minute, halfway.plusSeconds(20))).contains(Duration.ofSeconds(10));
        assertThat(storage().rateLimiter().acquire("ip#2", 2, minute, halfway.plusSeconds(20))).as("another key").isEmpty();
        assertThat(storage().rateLimiter().acquire("ip#1", 2, minute, halfway.plusSeconds(30))).as("the next window").isEmpty();
    }

    @Test
    default void noLimitCountsNothing() {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            assertThat(storage().rateLimiter().acquire("ip#1", Integer.MAX_VALUE, Duration.ofMinutes(1), at))
                    .isEqualTo(Optional.empty());
        }
        assertThat(storage().rateLimiter().acquire("ip#1", 1, Duration.ofMinutes(1), at)).as("nothing counted before").isEmpty();
    }
}
