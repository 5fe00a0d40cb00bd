package io.leadtriage.app.admin;

import io.leadtriage.TestModels;
import io.leadtriage.app.Refusal;
import io.leadtriage.app.admin.ChangeModel.InEffect;
import io.leadtriage.app.admin.ChangeModel.Put;
import io.leadtriage.app.ports.ConfigStore.ConfigVersion;
import io.leadtriage.app.tokens.Secrets;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.config.PreparedModel;
import io.leadtriage.testing.CoreFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.leadtriage.testing.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Marketers' changes to the model on the in-memory ports: which model is in effect and where it comes from, a change
 * checked with every problem named, stored as the next version and in effect at once, a stale edit refused.
 */
class ChangeModelTest {
    /** The default model with a demo request worth 40 points instead of 30. */
    static final String DEMO_AT_40 = TestModels.editedText("    - signal: demo_request\n      points: 30",
            "    - signal: demo_request\n      points: 40");
    static final String DEMO_AT_45 = DEMO_AT_40.replace("      points: 40", "      points: 45");

    final CoreFlow flow = CoreFlow.start();
    final ChangeModel changeModel = flow.services().changeModel();

    @ParameterizedTest(name = "started with the {0} model")
    @CsvSource({"file, false", "shipped, true"})
    void untilAVersionIsPutTheModelTheServicesStartedWithIsInEffect(String source, boolean shipped) {
        CoreFlow started = shipped ? CoreFlow.start(CoreFlow.Options.DEFAULTS.withShippedModel()) : flow;

        InEffect inEffect = started.services().changeModel().inEffect();

        assertThat(inEffect.source()).isEqualTo(source);
        assertThat(inEffect.version()).isZero();
        assertThat(inEffect.file()).isEqualTo(shipped ? ModelLoader.DEFAULT_RESOURCE : CoreFlow.modelFile().toString());
        assertThat(inEffect.yaml()).isEqualTo(shipped ? ModelLoader.defaultText() : TestModels.defaultText());
        assertThat(inEffect.updatedAt()).isNull();
        assertThat(inEffect.history()).isEmpty();
    }

    @Test
    void aVersionPutIsStoredAndInEffectAtOnce() {
        flow.clock().advance(Duration.ofHours(1));
        Instant at = flow.clock().instant();

        Put put = changeModel.put(DEMO_AT_40, null);

        assertThat(put).isEqualTo(new Put(1, false, at, Secrets.sha256Hex(DEMO_AT_40)));
        InEffect inEffect = changeModel.inEffect();
        assertThat(inEffect.source()).isEqualTo("stored");
        assertThat(inEffect.version()).isEqualTo(1);
        assertThat(inEffect.updatedAt()).isEqualTo(at);
        assertThat(inEffect.yaml()).isEqualTo(DEMO_AT_40);
        assertThat(inEffect.history()).extracting(ConfigVersion::version).containsExactly(1L);
        assertThat(flow.services().models().current().number()).isEqualTo(1);
        String leadId = flow.submit("demo", "al@acme-analytics.io", Map.of("name", "Al", "company", "Acme")).after().id();
        assertThat(flow.lead(leadId).qualification().score()).as("scored by the new version, in this container")
                .isEqualTo(40);
        assertThat(flow.anotherContainer().services().models().refreshIfDue().number()).as("and in another one")
                .isEqualTo(1);
    }

    @Test
    void everyVersionStoredPutOrRolledBackKeepsThePreparedFormOfTheModelItChecked() {
        changeModel.put(DEMO_AT_40, null);
        changeModel.put(DEMO_AT_45, null);
        changeModel.rollBack(1, null);
        changeModel.rollBack(0, null);

        for (long version = 1; version <= 4; version++) {
            ConfigVersion stored = flow.storage().models().version(version).orElseThrow();
            assertThat(stored.prepared()).as("version %d", version).isNotNull();
            assertThat(PreparedModel.read(stored.prepared(), stored.yaml())).as("version %d", version)
                    .contains(ModelLoader.load(stored.yaml(), "version " + version));
        }
    }

    @Test
    void aModelThatDoesNotLoadIsRefusedWithEveryProblemAndNothingChanges() {
        String broken = TestModels.withThreeMistakes();

        ChangeModel.InvalidModel invalid = catchThrowableOfType(ChangeModel.InvalidModel.class,
                () -> changeModel.put(broken, null));

        assertThat(invalid.problems()).satisfiesExactly(
                p -> assertThat(p).matches("line \\d+, column \\d+: tiers: gap between warm \\(max 45\\) and hot \\(min 50\\).*"),
                p -> assertThat(p).matches("line \\d+, column \\d+: fit\\[timeline-now]\\.points: expected a whole number"),
                p -> assertThat(p).matches("line \\d+, column \\d+: nurture\\.sequences\\[warm]\\.steps\\[1]\\.template:"
                        + " no template named 'customer-stroy'.*"));
        assertThat(changeModel.inEffect().version()).isZero();
        assertThat(changeModel.inEffect().history()).isEmpty();
    }

    @ParameterizedTest(name = "If-Match {0}")
    @NullSource
    @ValueSource(strings = {"0", "\"1\"", "1"})
    void theTextInEffectPutAgainStoresNothingWhateverItWasEditedFrom(String ifMatch) {
        changeModel.put(DEMO_AT_40, null);

        Put again = changeModel.put(DEMO_AT_40, ifMatch);

        assertThat(again).isEqualTo(new Put(1, true, null, null));
        assertThat(changeModel.inEffect().history()).hasSize(1);
    }

    @Test
    void theFileInEffectPutAsItIsStoresNothing() {
        assertThat(changeModel.put(TestModels.defaultText(), "0")).isEqualTo(new Put(0, true, null, null));
        assertThat(changeModel.inEffect().source()).isEqualTo("file");
    }

    @ParameterizedTest(name = "edited from version {0}: stored as {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "1     | 2",
            "\"1\" | 2",
            " 1    | 2",
            "none  | 2",
            "0     | conflict",
            "2     | conflict"})
    void anEditOfAVersionThatIsNoLongerInEffectIsRefused(String ifMatch, String outcome) {
        changeModel.put(DEMO_AT_40, "0");

        if (outcome.equals("conflict")) {
            Refusal refusal = refusalOf(() -> changeModel.put(DEMO_AT_45, ifMatch));
            assertThat(refusal.code()).isEqualTo(Refusal.VERSION_CONFLICT);
            assertThat(refusal.getMessage()).contains("it is at version 1 now");
            assertThat(changeModel.inEffect().yaml()).isEqualTo(DEMO_AT_40);
        } else {
            assertThat(changeModel.put(DEMO_AT_45, ifMatch).version()).isEqualTo(Long.parseLong(outcome));
            assertThat(changeModel.inEffect().yaml()).isEqualTo(DEMO_AT_45);
        }
    }

    @Test
    void aRollbackPutsAnEarlierVersionAgainAsTheNextOneAndRewritesNoHistory() {
        changeModel.put(DEMO_AT_40, null);
        changeModel.put(DEMO_AT_45, "1");

        Put rolledBack = changeModel.rollBack(1, "2");

        assertThat(rolledBack.version()).isEqualTo(3);
        assertThat(changeModel.inEffect().yaml()).isEqualTo(DEMO_AT_40);
        assertThat(changeModel.inEffect().history()).extracting(ConfigVersion::version).containsExactly(3L, 2L, 1L);
        assertThat(changeModel.version(2).yaml()).isEqualTo(DEMO_AT_45);
        assertThat(changeModel.rollBack(0, null).version()).as("version 0: the file the functions started with").isEqualTo(4);
        assertThat(changeModel.inEffect().yaml()).isEqualTo(TestModels.defaultText());
        assertThat(changeModel.rollBack(4, null).unchanged()).as("the version in effect is no change").isTrue();
        assertThat(refusalOf(() -> changeModel.rollBack(9, null)).code()).isEqualTo("not_found");
        assertThat(refusalOf(() -> changeModel.rollBack(1, "2")).code()).isEqualTo(Refusal.VERSION_CONFLICT);
    }
}
