package io.leadtriage.adapters.secretsmanager;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The secret string as template.yaml generates it, {"key": "..."}, and clear refusals of anything else. */
class SecretsManagerSourceKeyTest {
    /** The chat webhooks secret: its key an object of webhook URLs, handed over as JSON. */
    @Test
    void aKeyThatIsAnObjectIsItsJson() {
        assertThat(SecretsManagerSource.keyOf("arn:x", "{\"key\": {\"slack\": {\"sales-team\": \"https://hooks.example/x\"}}}"))
                .isEqualTo("{\"slack\":{\"sales-team\":\"https://hooks.example/x\"}}");
    }

    @Test
    void theKeyOfTheGeneratedSecretIsTaken() {
        assertThat(SecretsManagerSource.keyOf("arn:x", "{\"key\":\"s3cr3t-value\"}")).isEqualTo("s3cr3t-value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s3cr3t-value", "{}", "{\"key\":\"\"}", "{\"key\":42}", "[\"s3cr3t-value\"]", "{\"key\":\"s3cr3t-value\""})
    void anythingElseIsRefusedWithoutQuotingIt(String secretString) {
        assertThatThrownBy(() -> SecretsManagerSource.keyOf("arn:x", secretString))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("arn:x is not a JSON object with a \"key\" string")
                .hasMessageNotContaining("s3cr3t-value");
    }
}
