package io.leadtriage.testing.contract;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.ports.ConfigStore.ConfigVersion;
import io.leadtriage.app.ports.ConfigStore.Rescoring;
import io.leadtriage.app.tokens.Secrets;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link ConfigStore}: model versions, never overwritten, each put only over the version its author read. */
public interface ConfigStoreContract extends StorageContract {

    @Test
    default void theShippedModelIsInEffectUntilTheFirstPut() {
        assertThat(storage().models().current()).isEmpty();
        assertThat(storage().models().currentNumber()).isZero();
        assertThat(storage().models().history(10)).isEmpty();
        assertThat(storage().models().version(1)).isEmpty();
    }

    @Test
    default void eachPutIsTheNextVersionIfNoOtherCameFirst() {
        ConfigVersion first = storage().models().put("tiers: a", 0, T0, false).orElseThrow();
        assertThat(storage().models().put("tiers: b", 0, T0.plusSeconds(1), false)).as("another change came first").isEmpty();
        ConfigVersion second = storage().models().put("tiers: c", 1, T0.plusSeconds(2), true).orElseThrow();
        assertThat(storage().models().put("tiers: d", 1, T0.plusSeconds(3), false)).as("written over a stale read").isEmpty();

        assertThat(first).isEqualTo(new ConfigVersion(1, T0, Secrets.sha256Hex("tiers: a"), "tiers: a"));
        assertThat(second.version()).isEqualTo(2);
        assertThat(storage().models().current()).contains(second);
        assertThat(storage().models().currentNumber()).as("the pointer alone, as a container's minute check reads it")
                .isEqualTo(2);
        assertThat(storage().models().version(1)).contains(first);
        assertThat(storage().models().history(10)).containsExactly(
                new ConfigVersion(2, T0.plusSeconds(2), second.sha256(), null),
                new ConfigVersion(1, T0, first.sha256(), null));
        assertThat(storage().models().history(1)).extracting(ConfigVersion::version).containsExactly(2L);
    }

    @Test
    default void aVersionIsReadBackWithThePreparedFormStoredBesideItsText() {
        ConfigStore store = storage().models();
        String prepared = "{\"format\":1,\"yamlSha256\":\"" + Secrets.sha256Hex("tiers: a") + "\",\"model\":{}}";
        ConfigVersion first = store.put("tiers: a", prepared, 0, T0, false, true).orElseThrow();
        store.put("tiers: b", 1, T0.plusSeconds(1), false).orElseThrow();

        assertThat(first.prepared()).isEqualTo(prepared);
        assertThat(store.version(1)).contains(new ConfigVersion(1, T0, Secrets.sha256Hex("tiers: a"), "tiers: a", prepared));
        assertThat(store.current().orElseThrow().prepared()).as("put with none").isNull();
        assertThat(store.history(10)).extracting(ConfigVersion::prepared).containsOnlyNulls();
    }

    @Test
    default void aPreparedFormThatWouldMakeTheVersionTooLargeIsLeftOutAndTheTextKept() {
        ConfigStore store = storage().models();
        int half = ConfigStore.MAX_TEXT_WITH_PREPARED_BYTES / 2;
        String yaml = "#".repeat(half);
        String fits = "p".repeat(half);
        String tooLarge = fits + "p";

        assertThat(store.put(yaml, fits, 0, T0, false, true).orElseThrow().prepared()).isEqualTo(fits);
        assertThat(store.version(1).orElseThrow().prepared()).as("at the limit").isEqualTo(fits);
        assertThat(store.put(yaml + " ", tooLarge, 1, T0, false, true).orElseThrow().prepared()).isNull();
        assertThat(store.version(2).orElseThrow()).as("one byte over")
                .extracting(ConfigVersion::yaml, ConfigVersion::prepared).containsExactly(yaml + " ", null);
    }

    @Test
    default void aVersionThatNeedsNoRescoringIsStoredWithItsRescoringFinished() {
        ConfigStore store = storage().models();
        store.put("tiers: a", 0, T0, false).orElseThrow();
        store.put("tiers: a\ntemplates: {}", null, 1, T0.plusSeconds(6), true, false).orElseThrow();

        assertThat(store.rescoring(2)).contains(Rescoring.notNeeded(2, true, T0.plusSeconds(6)));
        assertThat(store.rescoring(2).orElseThrow().finished()).isTrue();
        assertThat(store.claimRescoring(2, "pass-1", T0.plusSeconds(60), T0.plusSeconds(420))).as("nothing to take").isEmpty();
    }

    @Test
    default void eachVersionStartsItsRescoringWhichOneHolderAtATimeTakesUpToItsEnd() {
        ConfigStore store = storage().models();
        store.put("tiers: a", 0, T0, false).orElseThrow();
        store.put("tiers: b", 1, T0.plusSeconds(5), true).orElseThrow();
        assertThat(store.rescoring(0)).isEmpty();
        assertThat(store.rescoring(1)).contains(Rescoring.started(1, false, T0));
        Rescoring started = Rescoring.started(2, true, T0.plusSeconds(5));
        assertThat(store.rescoring(2)).contains(started);

        Instant now = T0.plusSeconds(60);
        assertThat(store.claimRescoring(2, "pass-1", now, now.plusSeconds(360))).contains(started);
        assertThat(store.claimRescoring(2, "pass-2", now.plusSeconds(1), now.plusSeconds(361))).as("its lease stands").isEmpty();
        assertThat(store.claimRescoring(3, "pass-2", now, now.plusSeconds(360))).as("no such rescoring").isEmpty();

        Rescoring halfway = new Rescoring(2, true, started.startedAt(), null, "page-2", 100, 12, 7, 3);
        assertThat(store.recordRescoring(halfway, "pass-1", now.plusSeconds(400))).isTrue();
        assertThat(store.recordRescoring(halfway, "pass-2", now.plusSeconds(400))).as("not its holder").isFalse();
        assertThat(store.rescoring(2)).contains(halfway);

        Instant lapsed = now.plusSeconds(401);
        assertThat(store.claimRescoring(2, "pass-2", lapsed, lapsed.plusSeconds(360))).as("after the lease").contains(halfway);
        assertThat(store.recordRescoring(halfway, "pass-1", lapsed.plusSeconds(400))).as("taken over").isFalse();
        Rescoring finished = new Rescoring(2, true, started.startedAt(), lapsed.plusSeconds(10), null, 180, 20, 9, 4);
        assertThat(store.recordRescoring(finished, "pass-2", lapsed.plusSeconds(400))).isTrue();

        assertThat(store.rescoring(2)).contains(finished);
        assertThat(store.claimRescoring(2, "pass-3", lapsed.plusSeconds(9999), lapsed.plusSeconds(99999))).as("finished").isEmpty();
        assertThat(store.recordRescoring(finished, "pass-2", lapsed.plusSeconds(400))).as("finished").isFalse();
        assertThat(store.history(10)).extracting(ConfigVersion::version).containsExactly(2L, 1L);
    }
}
