package io.leadtriage.testing.contract;

import io.leadtriage.app.ports.ConfigStore;
import io.leadtriage.app.ports.ConfigStore.ConfigVersion;
import io.leadtriage.app.tokens.Secrets;
import org.junit.jupiter.api.Test;

import static io.leadtriage.testing.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link ConfigStore}: model versions, never overwritten, each put only over the version its author read. */
public interface ConfigStoreContract extends StorageContract {

    @Test
    default void theShippedModelIsInEffectUntilTheFirstPut() {
        assertThat(storage().models().current()).isEmpty();
        assertThat(storage().models().history(10)).isEmpty();
        assertThat(storage().models().version(1)).isEmpty();
    }

    @Test
    default void eachPutIsTheNextVersionIfNoOtherCameFirst() {
        ConfigVersion first = storage().models().put("tiers: a", 0, T0).orElseThrow();
        assertThat(storage().models().put("tiers: b", 0, T0.plusSeconds(1))).as("another change came first").isEmpty();
        ConfigVersion second = storage().models().put("tiers: c", 1, T0.plusSeconds(2)).orElseThrow();
        assertThat(storage().models().put("tiers: d", 1, T0.plusSeconds(3))).as("written over a stale read").isEmpty();

        assertThat(first).isEqualTo(new ConfigVersion(1, T0, Secrets.sha256Hex("tiers: a"), "tiers: a"));
        assertThat(second.version()).isEqualTo(2);
        assertThat(storage().models().current()).contains(second);
        assertThat(storage().models().version(1)).contains(first);
        assertThat(storage().models().history(10)).containsExactly(
                new ConfigVersion(2, T0.plusSeconds(2), second.sha256(), null),
                new ConfigVersion(1, T0, first.sha256(), null));
        assertThat(storage().models().history(1)).extracting(ConfigVersion::version).containsExactly(2L);
    }
}
