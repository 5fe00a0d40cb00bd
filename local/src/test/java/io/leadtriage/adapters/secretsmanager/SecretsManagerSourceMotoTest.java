package io.leadtriage.adapters.secretsmanager;

import io.leadtriage.rehearsal.SecretsManagerStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Secrets Manager adapter against moto's {@code moto_server} (the deployment rehearsal's stand-in; skipped, saying
 * so, where it is not installed), counting the calls it makes: a function's current values read in one
 * BatchGetSecretValue, the previous version of a rotated secret asked on its own, a secret the batch could not return
 * read alone (whose error names it), and every secret read alone when the batch call itself is refused (a role
 * without {@code secretsmanager:BatchGetSecretValue}).
 */
class SecretsManagerSourceMotoTest {
    static final String REGION = "eu-west-1";
    static SecretsManagerStandIn moto;
    static String signing;
    static String index;
    static String webhooks;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(SecretsManagerStandIn.installed(), "moto_server is not on the PATH (pip install 'moto[server]'):"
                + " the Secrets Manager adapter's test is skipped");
        moto = SecretsManagerStandIn.start();
        try (SecretsManagerClient client = moto.client(REGION)) {
            signing = client.createSecret(r -> r.name("signing-" + UUID.randomUUID()).secretString("{\"key\":\"old\"}")).arn();
            client.putSecretValue(r -> r.secretId(signing).secretString("{\"key\":\"new\"}"));
            index = client.createSecret(r -> r.name("index-" + UUID.randomUUID()).secretString("{\"key\":\"index-key\"}")).arn();
            webhooks = client.createSecret(r -> r.name("webhooks-" + UUID.randomUUID())
                    .secretString("{\"key\":{\"crm\":{\"url\":\"https://example.com/hook\"}}}")).arn();
        }
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void clearCalls() {
        calls.clear();
    }

    /** The adapter on a client that records each operation it sends, and refuses those named in {@code refused}. */
    SecretsManagerSource source(String... refused) {
        List<String> refusedOperations = List.of(refused);
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                calls.add(operation);
                if (refusedOperations.contains(operation)) {
                    throw SdkClientException.create("refused here, as for a role without this action");
                }
            }
        };
        return new SecretsManagerSource(SecretsManagerClient.builder().endpointOverride(moto.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .build());
    }

    @Test
    void theCurrentValuesComeInOneCallAndAPreviousVersionIsAskedOnItsOwn() {
        try (SecretsManagerSource source = source()) {
            source.readCurrentInOneCall(List.of(signing, index, webhooks));

            assertThat(source.read(signing, false)).hasValue("new");
            assertThat(source.read(index, false)).hasValue("index-key");
            assertThat(source.read(webhooks, false)).hasValue("{\"crm\":{\"url\":\"https://example.com/hook\"}}");
            assertThat(calls).as("the three current values, read ahead").containsExactly("BatchGetSecretValue");

            assertThat(source.read(signing, true)).as("the rotated secret's previous key still verifies").hasValue("old");
            assertThat(source.read(index, true)).as("never rotated: no previous version").isEmpty();
            assertThat(calls).containsExactly("BatchGetSecretValue", "GetSecretValue", "GetSecretValue");
        }
    }

    @Test
    void aSecretTheBatchCouldNotReturnIsReadAloneAndItsErrorNamesIt() {
        String missing = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gone-AbCdEf";
        try (SecretsManagerSource source = source()) {
            source.readCurrentInOneCall(List.of(index, missing));

            assertThat(source.read(index, false)).hasValue("index-key");
            assertThatThrownBy(() -> source.read(missing, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the secret " + missing + " does not exist");
            assertThat(calls).containsExactly("BatchGetSecretValue", "GetSecretValue");
        }
    }

    @Test
    void whenTheBatchCallIsRefusedEverySecretIsReadAlone() {
        try (SecretsManagerSource source = source("BatchGetSecretValue")) {
            source.readCurrentInOneCall(List.of(signing, index));

            assertThat(source.read(signing, false)).hasValue("new");
            assertThat(source.read(index, false)).hasValue("index-key");
            assertThat(calls).containsExactly("BatchGetSecretValue", "GetSecretValue", "GetSecretValue");
        }
    }
}
