package io.leadtriage.packaging;

import io.leadtriage.TestModels;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.config.PreparedModel;
import io.leadtriage.config.ShippedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrepareModelTest {

    @Test
    void writesThePreparedFormOfTheCheckedModelBesideIt(@TempDir Path classes) throws IOException {
        String yaml = TestModels.defaultText();
        Files.writeString(classes.resolve(ModelLoader.DEFAULT_RESOURCE), yaml);

        PrepareModel.main(new String[] {classes.toString()});

        String prepared = Files.readString(classes.resolve(ShippedModel.PREPARED_RESOURCE));
        assertThat(PreparedModel.read(prepared, yaml)).contains(TestModels.defaultModel());
    }

    @Test
    void anInvalidModelStopsTheBuildWithTheChecksMessageAndPreparesNothing(@TempDir Path classes) throws IOException {
        Files.writeString(classes.resolve(ModelLoader.DEFAULT_RESOURCE), TestModels.withThreeMistakes());

        assertThatThrownBy(() -> PrepareModel.main(new String[] {classes.toString()}))
                .hasMessageStartingWith("functions/model/leadtriage-model.yaml is not a valid qualification model:\n  - line ")
                .hasMessageContaining("./check-model");
        assertThat(classes.resolve(ShippedModel.PREPARED_RESOURCE)).doesNotExist();
    }
}
