package io.leadtriage.adapters.secretsmanager;

import com.fasterxml.jackson.core.JsonParser;
import io.leadtriage.json.JsonTree;
import io.leadtriage.app.ports.SecretSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads secrets from AWS Secrets Manager during init (so a SnapStart snapshot holds them and a restore
 * makes no call). Credentials and endpoint come from the SDK's default chains: the container credentials
 * endpoint under SnapStart, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} when a stand-in is used.
 */
public final class SecretsManagerSource implements SecretSource, AutoCloseable {
    private static final String CURRENT = "AWSCURRENT";
    private static final String PREVIOUS = "AWSPREVIOUS";
    private final SecretsManagerClient client;

    public SecretsManagerSource(SecretsManagerClient client) {
        this.client = client;
    }

    /** A client for the few reads of an init: the JDK's HTTP client, bounded calls. */
    public static SecretsManagerSource forRegion(Region region) {
        return new SecretsManagerSource(SecretsManagerClient.builder()
                .region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(8)))
                .build());
    }

    @Override
    public Optional<String> read(String secretId, boolean previous) {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(r -> r.secretId(secretId).versionStage(previous ? PREVIOUS : CURRENT));
        } catch (ResourceNotFoundException e) {
            if (previous) {
                return Optional.empty(); // never rotated: no previous version
            }
            throw new IllegalStateException("the secret " + secretId + " does not exist (" + e.getClass().getSimpleName() + ")", e);
        } catch (SdkException e) {
            // Access denied, no credentials, throttled: the function cannot work without its keys.
            throw new IllegalStateException("cannot read the secret " + secretId + " from Secrets Manager: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return Optional.of(keyOf(secretId, response.secretString()));
    }

    /**
     * The {@code "key"} of the secret's JSON, as template.yaml generates it; never quoted in an error. A key that is
     * an object (the chat webhooks by service and name) is handed over as its JSON text.
     */
    static String keyOf(String secretId, String secretString) {
        Object parsed = null;
        try (JsonParser p = secretString == null ? null : JsonTree.parser(secretString)) {
            if (p != null) {
                p.nextToken();
                parsed = JsonTree.read(p);
            }
        } catch (IOException | RuntimeException e) {
            parsed = null;
        }
        if (parsed instanceof Map<?, ?> map && map.get("key") instanceof String key && !key.isBlank()) {
            return key;
        }
        if (parsed instanceof Map<?, ?> map && map.get("key") instanceof Map<?, ?> object) {
            return JsonTree.write(object);
        }
        throw new IllegalStateException("the secret " + secretId + " is not a JSON object with a \"key\" string");
    }

    @Override
    public void close() {
        client.close();
    }
}
