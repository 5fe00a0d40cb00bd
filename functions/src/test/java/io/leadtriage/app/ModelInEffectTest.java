package io.leadtriage.app;

import io.leadtriage.TestModels;
import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.config.PreparedModel;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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
    void aSavedVersionIsTakenFromItsPreparedFormNotItsYaml() {
        // A form written, for this test alone, from another model than its text's: what is taken shows which was read.
        QualificationModel other = ModelLoader.load(TestModels.withTimelineNowAt(40), "another model");
        store.put(EDITED, PreparedModel.write(other, EDITED), 0, CLOCK.instant(), false, true);

        ModelInEffect.Version taken = models.refreshIfDue();

        assertThat(taken.number()).isEqualTo(1);
        assertThat(taken.model()).isEqualTo(other).isNotEqualTo(ModelLoader.load(EDITED, "edited"));
        assertThat(taken.qualifier().model()).isSameAs(taken.model());
    }

    @Test
    void aVersionStoredWithoutAPreparedFormIsReadFromItsYaml() {
        store.put(EDITED, 0, CLOCK.instant(), false);

        assertThat(models.refreshIfDue().model()).isEqualTo(ModelLoader.load(EDITED, "edited"));
    }

    static Stream<Arguments> formsNotToBeRead() {
        String written = PreparedModel.write(ModelLoader.load(EDITED, "edited"), EDITED);
        return Stream.of(
                arguments("written from another text", PreparedModel.write(TestModels.defaultModel(),
                        TestModels.defaultText())),
                arguments("written by another layout", written.replaceFirst("\"format\":\\d+", "\"format\":-1")),
                arguments("with a part the records do not have", written.replace("\"model\":{", "\"model\":{\"gone\":1,")),
                arguments("not JSON", written.substring(0, written.length() / 2)),
                arguments("not an object", "[]"));
    }

    @ParameterizedTest(name = "a form {0}")
    @MethodSource("formsNotToBeRead")
    void aVersionWhosePreparedFormCannotBeTakenIsReadFromItsYaml(String name, String prepared) {
        store.put(EDITED, prepared, 0, CLOCK.instant(), false, true);

        ModelInEffect.Version taken = models.refreshIfDue();

        assertThat(taken.number()).isEqualTo(1);
        assertThat(taken.model()).isEqualTo(ModelLoader.load(EDITED, "edited"));
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
