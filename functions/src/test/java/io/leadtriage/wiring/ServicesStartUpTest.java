package io.leadtriage.wiring;

import io.leadtriage.TestModels;
import io.leadtriage.app.ports.EmailKind;
import io.leadtriage.app.ports.EmailSendException;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.app.ports.OutgoingEmail;
import io.leadtriage.app.ports.SecretSource;
import io.leadtriage.config.ModelException;
import io.leadtriage.config.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
        env.put("AWS_REGION", "eu-west-1");
        env.put("SENDER_ADDRESS", "leads@example.com");
        env.put("ALERT_RECIPIENTS", "sales@example.com");
        env.put("POSTAL_ADDRESS", "1 Example Street, Example City");
        return env;
    }

    /**
     * The clients find endpoint and credentials through the SDK's own settings, as deployed; here its system
     * properties (the same chain as AWS_ENDPOINT_URL and the access-key variables). Nothing listens on port 9:
     * the model-version read at start fails fast and the shipped model stays in effect.
     */
    @BeforeAll
    static void pointTheSdkAtNothing() {
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:9");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void restoreTheSdkSettings() {
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void theShippedModelIsTheOneInEffectWhenNoneWasPut() {
        Services services = Services.startUp(environment());

        assertThat(services.models().current().number()).isZero();
        assertThat(services.models().shippedText()).isEqualTo(ModelLoader.defaultText());
        assertThat(services.models().current().model()).isEqualTo(ModelLoader.loadDefault());
    }

    @Test
    void aBrokenModelFileFailsTheStartWithItsProblems() throws IOException {
        Path file = dir.resolve("model.yaml");
        Files.writeString(file, TestModels.editedText("halfLife: P30D", "halfLife: P1M"));
        Map<String, String> env = environment();
        env.put("LEADTRIAGE_MODEL_FILE", file.toString());

        assertThatThrownBy(() -> Services.startUp(env))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("behaviour.halfLife")
                .hasMessageContaining("months and years are not allowed");
    }

    @Test
    void aSecretThatCannotBeReadStopsTheStartAndSaysWhich() {
        Map<String, String> env = environment();
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:TokenSigningSecret-AbCdEf";
        env.put("TOKEN_SIGNING_SECRET_ARN", arn);

        assertThatThrownBy(() -> Services.startUp(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read the secret " + arn + " from Secrets Manager");
    }

    @Test
    void aFunctionThatPublishesEventsWithoutTheWebhookSubscribersDoesNotStart() {
        Map<String, String> env = environment();
        env.put(Services.EVENT_BUS, "leadtriage-events");

        assertThatThrownBy(() -> Services.startUp(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOKS_SECRET_ARN");
    }

    /** Either way the email goes to SES (nothing listens on port 9: its failure is the SES adapter's). */
    @Test
    void theSesSenderReachesSesWhetherBuiltAtInitOrForTheFirstEmail() {
        AppConfig config = AppConfig.fromEnvironment(environment(), SecretSource.NONE);
        OutgoingEmail alert = new OutgoingEmail(EmailKind.SALES_ALERT, "leads@example.com", List.of("sales@example.com"),
                null, "Hot lead", "<p>Hot lead</p>", "Hot lead", Map.of());

        for (boolean snapStart : new boolean[] {true, false}) {
            EmailSender sender = Services.sesSender(config, snapStart);

            assertThatThrownBy(() -> sender.send(alert)).isInstanceOf(EmailSendException.class);
        }
    }
}
