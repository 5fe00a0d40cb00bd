package io.leadtriage.wiring;

import io.leadtriage.app.ports.SecretSource;

import io.leadtriage.app.tokens.SigningKeys;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.leadtriage.app.tokens.RequestSignature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each function reads the secrets template.yaml names for it, and only those; the environment holds no secret. */
class AppConfigSecretsTest {
    static final String TOKEN_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:TokenSigningSecret-AbCdEf";
    static final String INGEST_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:IngestKeySecret-GhIjKl";
    static final String TURNSTILE_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:TurnstileSecretValue-MnOpQr";
    static final String TOKEN_KEY = "token-signing-key-0123456789abcdef0123456789abcdef";
    static final String OLD_TOKEN_KEY = "token-signing-key-before-rotation-0123456789ab";

    /** Secrets as Secrets Manager keeps them: a current value, and a previous one after a rotation. */
    record InMemorySecrets(Map<String, String> current, Map<String, String> previous, List<String> reads)
            implements SecretSource {
        InMemorySecrets(Map<String, String> current, Map<String, String> previous) {
            this(current, previous, new java.util.ArrayList<>());
        }

        @Override
        public Optional<String> read(String secretId, boolean previousVersion) {
            reads.add(secretId + (previousVersion ? "@AWSPREVIOUS" : "@AWSCURRENT"));
            return Optional.ofNullable((previousVersion ? previous : current).get(secretId));
        }
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("LEADS_TABLE", "leadtriage-LeadsTable-1", "AWS_REGION", "eu-west-1"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aFunctionThatSignsTokensGetsTheCurrentKeyAndThePreviousOne() {
        InMemorySecrets secrets = new InMemorySecrets(Map.of(TOKEN_ARN, TOKEN_KEY), Map.of(TOKEN_ARN, OLD_TOKEN_KEY));

        AppConfig config = AppConfig.fromEnvironment(env("TOKEN_SIGNING_SECRET_ARN", TOKEN_ARN), secrets);

        assertThat(config.tokenKeys().signingKeyId()).isEqualTo(SigningKeys.of(TOKEN_KEY).signingKeyId());
        assertThat(config.tokenKeys().size()).isEqualTo(2);
        assertThat(config.ingestKeys()).isEmpty();
        assertThat(config.humanCheck().enabled()).isFalse();
        assertThat(secrets.reads()).containsExactly(TOKEN_ARN + "@AWSCURRENT", TOKEN_ARN + "@AWSPREVIOUS");
    }

    @Test
    void aSecretNeverRotatedHasOneKey() {
        AppConfig config = AppConfig.fromEnvironment(env("TOKEN_SIGNING_SECRET_ARN", TOKEN_ARN),
                new InMemorySecrets(Map.of(TOKEN_ARN, TOKEN_KEY), Map.of()));

        assertThat(config.tokenKeys().size()).isEqualTo(1);
    }

    @Test
    void theEventsFunctionGetsTheIngestKeysAndTheFormFunctionTurnstiles() {
        InMemorySecrets secrets = new InMemorySecrets(
                Map.of(TOKEN_ARN, TOKEN_KEY, INGEST_ARN, "ingest-new", TURNSTILE_ARN, "turnstile-secret"),
                Map.of(INGEST_ARN, "ingest-old"));

        AppConfig events = AppConfig.fromEnvironment(env("TOKEN_SIGNING_SECRET_ARN", TOKEN_ARN,
                "INGEST_KEY_SECRET_ARN", INGEST_ARN), secrets);
        AppConfig form = AppConfig.fromEnvironment(env("TOKEN_SIGNING_SECRET_ARN", TOKEN_ARN,
                "TURNSTILE_SECRET_ARN", TURNSTILE_ARN), secrets);

        assertThat(events.ingestKeys()).containsExactly("ingest-new", "ingest-old");
        assertThat(form.humanCheck().enabled()).isTrue();
        assertThat(form.humanCheck().secret()).isEqualTo("turnstile-secret");
    }

    @Test
    void theCrmOutcomeKeyIsReadWithItsPreviousVersionAndTheWindowFromTheEnvironment() {
        String crmArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:CrmOutcomeSecret-StUvWx";
        InMemorySecrets secrets = new InMemorySecrets(Map.of(crmArn, "crm-new"), Map.of(crmArn, "crm-old"));
        byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.time.Instant now = java.time.Instant.parse("2026-11-23T10:00:00Z");

        AppConfig events = AppConfig.fromEnvironment(env("CRM_OUTCOME_SECRET_ARN", crmArn,
                "CRM_OUTCOME_WINDOW_SECONDS", "60"), secrets);

        for (String key : java.util.List.of("crm-new", "crm-old")) {
            events.crmOutcomes().verify(RequestSignature.header(key, now, body), body, now);
        }
        assertThat(io.leadtriage.testing.Refusals.refusalOf(() -> events.crmOutcomes().verify(
                RequestSignature.header("crm-new", now.minusSeconds(61), body), body, now)).code())
                .isEqualTo("timestamp_outside_window");
        assertThat(events.toString()).doesNotContain("crm-new").doesNotContain("crm-old");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("CRM_OUTCOME_WINDOW_SECONDS", "5m"), secrets))
                .hasMessageContaining("CRM_OUTCOME_WINDOW_SECONDS");
    }

    @Test
    void theEmailIndexKeyIsReadInItsCurrentVersionOnlyAndNeverShown() {
        String indexArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:EmailIndexSecret-AbCdEf";
        String indexKey = "email-index-key-0123456789abcdef0123456789abcdef";
        InMemorySecrets secrets = new InMemorySecrets(Map.of(indexArn, indexKey), Map.of(indexArn, "an-older-one"));

        AppConfig admin = AppConfig.fromEnvironment(env("EMAIL_INDEX_SECRET_ARN", indexArn), secrets);

        assertThat(admin.emailIndexKey()).isEqualTo(indexKey);
        assertThat(secrets.reads()).as("never rotated: no previous version to read").containsExactly(indexArn + "@AWSCURRENT");
        assertThat(admin.toString()).doesNotContain(indexKey).contains("emailIndexKey=set");
    }

    @Test
    void aFunctionGivenNoSecretReadsNone() {
        InMemorySecrets secrets = new InMemorySecrets(Map.of(), Map.of());

        AppConfig admin = AppConfig.fromEnvironment(env("TURNSTILE_SECRET_ARN", ""), secrets);

        assertThat(admin.tokenKeys().canSign()).isFalse();
        assertThat(secrets.reads()).isEmpty();
    }

    @Test
    void aSecretWithNoCurrentValueStopsTheStart() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("TOKEN_SIGNING_SECRET_ARN", TOKEN_ARN),
                new InMemorySecrets(Map.of(), Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TOKEN_ARN).hasMessageContaining("no current value");
    }

    @Test
    void noSecretReachesToString() {
        AppConfig config = AppConfig.fromEnvironment(env("TOKEN_SIGNING_SECRET_ARN", TOKEN_ARN, "INGEST_KEY_SECRET_ARN", INGEST_ARN),
                new InMemorySecrets(Map.of(TOKEN_ARN, TOKEN_KEY, INGEST_ARN, "ingest-new"), Map.of()));

        assertThat(config.toString()).doesNotContain(TOKEN_KEY, "ingest-new");
    }
}
