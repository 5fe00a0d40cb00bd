package io.leadtriage.app;

import io.leadtriage.TestModels;
import io.leadtriage.app.ports.ConfigStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The model refresh is an explicit step: {@code current()} reads nothing; the store is read at most once a minute. */
class ModelInEffectTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    static final String EDITED = TestModels.editedText("    when: { field: timeline, in: [now] }\n    points: 20",
            "    when: { field: timeline, in: [now] }\n    points: 25");

    final CountingStore store = new CountingStore();
    final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    final ModelInEffect models = new ModelInEffect(TestModels.defaultModel(), TestModels.defaultText(), store, CLOCK,
            List.of("sales@example.com"), nanos::get);

    @Test
    void currentReadsNothingAndIsTheShippedFileUntilAVersionIsTaken() {
        store.put(EDITED, 0, CLOCK.instant(), false);

        assertThat(models.current().number()).isZero();
        assertThat(models.current().model()).isEqualTo(TestModels.defaultModel());
        assertThat(store.reads).hasValue(0);
    }

    @Test
    void theFirstRefreshReadsTheStoreThenNotAgainWithinAMinute() {
        store.put(EDITED, 0, CLOCK.instant(), false);

        assertThat(models.refreshIfDue().number()).isEqualTo(1);
        int afterFirst = store.reads.get();
        nanos.addAndGet(ModelInEffect.REFRESH.toNanos() - 1);
        models.refreshIfDue();

        assertThat(store.reads).hasValue(afterFirst);
        assertThat(models.current().qualifier().model()).isSameAs(models.current().model());
    }

    @Test
    void aVersionPutElsewhereIsTakenOnceAMinuteHasPassed() {
        models.refreshIfDue();
        store.put(EDITED, 0, CLOCK.instant(), false);

        assertThat(models.refreshIfDue().number()).as("within the minute").isZero();
        nanos.addAndGet(ModelInEffect.REFRESH.toNanos() + 1);
        assertThat(models.refreshIfDue().number()).as("after it").isEqualTo(1);
    }

    @Test
    void refreshNowTakesAPutAtOnceAndMarkStaleMakesTheNextRefreshCheck() {
        models.refreshIfDue();
        store.put(EDITED, 0, CLOCK.instant(), false);
        assertThat(models.refreshNow().number()).isEqualTo(1);

        store.put(TestModels.defaultText(), 1, CLOCK.instant(), false);
        models.markStale();
        assertThat(models.refreshIfDue().number()).as("a restored snapshot checks on its first request").isEqualTo(2);
    }

    @Test
    void aStoredVersionThatNoLongerLoadsKeepsTheOneInEffect() {
        store.put("not: [a model", 0, CLOCK.instant(), false);

        ModelInEffect.Version kept = models.refreshIfDue();

        assertThat(kept.number()).isZero();
        assertThat(kept.model()).isEqualTo(TestModels.defaultModel());
    }

    @Test
    void aStoreThatCannotBeReadKeepsTheOneInEffect() {
        store.failing = true;

        assertThat(models.refreshIfDue().number()).isZero();
    }

    /** The versions a PUT stores, counting reads. */
    static final class CountingStore implements ConfigStore {
        final List<ConfigVersion> versions = new ArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        boolean failing;

        @Override
        public Optional<ConfigVersion> current() {
            read();
            return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        }

        @Override
        public Optional<ConfigVersion> version(long version) {
            read();
            return versions.stream().filter(v -> v.version() == version).findFirst();
        }

        @Override
        public List<ConfigVersion> history(int limit) {
            read();
            return List.copyOf(versions);
        }

        @Override
        public Optional<ConfigVersion> put(String yaml, String prepared, long expectedCurrent, Instant now,
                                           boolean alertNewlyHot, boolean rescore) {
            versions.add(new ConfigVersion(versions.size() + 1, now, "", yaml, prepared));
            return Optional.of(versions.get(versions.size() - 1));
        }

        @Override
        public Optional<Rescoring> rescoring(long version) {
            return Optional.empty();
        }

        @Override
        public Optional<Rescoring> claimRescoring(long version, String holder, Instant now, Instant leaseUntil) {
            return Optional.empty();
        }

        @Override
        public boolean recordRescoring(Rescoring progress, String holder, Instant leaseUntil) {
            return false;
        }

        private void read() {
            reads.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("the store is down");
            }
        }
    }
}
