package io.leadtriage.wiring;

import io.leadtriage.config.ModelException;
import io.leadtriage.config.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cold-start path: what Lambda builds from the environment before the first event. */
class ServicesStartUpTest {
    @TempDir
    Path dir;

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("LEADS_TABLE", "leadtriage-test");
        env.put("TOKEN_SIGNING_KEY", "a-signing-key-of-at-least-32-characters!");
        env.put("AWS_REGION", "eu-west-1");
        env.put("SENDER_ADDRESS", "leads@example.com");
        env.put("ALERT_RECIPIENTS", "sales@example.com");
        env.put("POSTAL_ADDRESS", "1 Example Street, Example City");
        // Nothing listens here: the model-version read at start fails fast and the shipped model stays in effect.
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:9");
        env.put("SES_ENDPOINT", "http://127.0.0.1:9");
        return env;
    }

    @Test
    void theShippedModelIsTheOneInEffectWhenNoneWasPut() {
        Services services = Services.startUp(AppConfig.fromEnvironment(environment()));

        assertThat(services.modelVersion()).isZero();
        assertThat(services.shippedModelText()).isEqualTo(ModelLoader.defaultText());
        assertThat(services.model()).isEqualTo(ModelLoader.loadDefault());
    }

    @Test
    void aBrokenModelFileFailsTheStartWithItsProblems() throws IOException {
        Path file = dir.resolve("model.yaml");
        Files.writeString(file, ModelLoader.defaultText().replace("halfLife: P30D", "halfLife: P1M"));
        Map<String, String> env = environment();
        env.put("LEADTRIAGE_MODEL_FILE", file.toString());

        assertThatThrownBy(() -> Services.startUp(AppConfig.fromEnvironment(env)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("behaviour.halfLife")
                .hasMessageContaining("months and years are not allowed");
    }
}
