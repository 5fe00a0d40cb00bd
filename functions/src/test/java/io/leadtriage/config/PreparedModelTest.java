package io.leadtriage.config;

import io.leadtriage.TestModels;
import io.leadtriage.domain.model.QualificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PreparedModelTest {

    /** The shipped file, and the tests' models: between them every record, option and kind of value of the model. */
    static Stream<Arguments> models() {
        return Stream.of(
                arguments("the shipped file", ModelLoader.defaultText()),
                arguments("the tests' default model", TestModels.defaultText()),
                arguments("page categories", TestModels.withPageCategories()),
                arguments("custom questions and pools", TestModels.withQuestions()),
                arguments("accounts", TestModels.withAccounts()),
                arguments("double opt-in", TestModels.withDoubleOptIn()),
                arguments("alert routes with chat", TestModels.withAlertRoutes()),
                arguments("no low-trust sources (an empty list, not the default)",
                        TestModels.editedText("  halfLife: P30D\n", "  halfLife: P4W\n  lowTrustSources: []\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theShippedYamlsPreparedFormReadsBackAsTheModelTheYamlGives(String name, String yaml) {
        QualificationModel fromYaml = ModelLoader.load(yaml, name);

        QualificationModel fromPrepared = ShippedModel.load(yaml, Optional.of(PreparedModel.write(fromYaml, yaml)));

        assertThat(fromPrepared).isEqualTo(fromYaml);
        // Equal records, and keyed sections in the file's order too (a map's equals ignores it; forms are listed by it).
        assertThat(PreparedModel.write(fromPrepared, yaml)).isEqualTo(PreparedModel.write(fromYaml, yaml));
    }

    @Test
    void aPreparedFormOfAnotherTextIsIgnoredAndTheTextIsRead() {
        String shipped = TestModels.defaultText();
        String prepared = PreparedModel.write(ModelLoader.load(shipped, "shipped"), shipped);
        String edited = TestModels.withTimelineNowAt(40);

        assertThat(PreparedModel.read(prepared, edited)).isEmpty();
        assertThat(ShippedModel.load(edited, Optional.of(prepared))).isEqualTo(ModelLoader.load(edited, "edited"))
                .isNotEqualTo(ModelLoader.load(shipped, "shipped"));
    }

    @Test
    void aPreparedFormOfAnotherLayoutIsIgnored() {
        String yaml = TestModels.defaultText();
        String prepared = PreparedModel.write(ModelLoader.load(yaml, "model"), yaml);

        assertThat(PreparedModel.read(prepared.replace("{\"format\":" + PreparedModel.FORMAT + ",", "{\"format\":0,"), yaml))
                .isEmpty();
    }

    @Test
    void aPreparedFormWithAPartTheRecordsDoNotHaveIsRefusedAndTheTextIsRead() {
        String yaml = TestModels.defaultText();
        String prepared = PreparedModel.write(ModelLoader.load(yaml, "model"), yaml)
                .replace("\"halfLife\":", "\"halvesAfter\":");

        assertThatThrownBy(() -> PreparedModel.read(prepared, yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model.behaviour has a part Behaviour does not have");
        assertThat(ShippedModel.load(yaml, Optional.of(prepared))).isEqualTo(ModelLoader.load(yaml, "model"));
    }

    @Test
    void aPreparedFormWithAValueOfTheWrongKindIsRefused() {
        String yaml = TestModels.defaultText();
        String prepared = PreparedModel.write(ModelLoader.load(yaml, "model"), yaml);

        assertThatThrownBy(() -> PreparedModel.read(prepared.replace("\"maxPerDay\":1", "\"maxPerDay\":\"1\""), yaml))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model.nurture.maxPerDay: expected Integer");
        assertThatThrownBy(() -> PreparedModel.read(prepared.replace("\"signal\":\"DEMO_REQUEST\"", "\"signal\":\"demo\""), yaml))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith(".signal: expected a SignalType constant");
        assertThatThrownBy(() -> PreparedModel.read("[]", yaml)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAPreparedFormTheTextIsReadAndChecked() {
        assertThat(ShippedModel.load(TestModels.defaultText(), Optional.empty())).isEqualTo(TestModels.defaultModel());
        assertThatThrownBy(() -> ShippedModel.load(TestModels.withThreeMistakes(), Optional.empty()))
                .isInstanceOf(ModelException.class);
    }
}
