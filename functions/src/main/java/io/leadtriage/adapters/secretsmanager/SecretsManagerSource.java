package io.leadtriage.adapters.secretsmanager;

import com.fasterxml.jackson.core.JsonParser;
import io.leadtriage.json.JsonTree;
import io.leadtriage.app.ports.SecretSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
    /** BatchGetSecretValue's limit of secrets named in one call. */
    static final int BATCH_LIMIT = 20;
    private final SecretsManagerClient client;
    /** Current values read ahead by {@link #readCurrentInOneCall}, by the id they were asked under. */
    private final Map<String, String> current = new HashMap<>();

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

    /**
     * Reads the current version of every one of these secrets in one BatchGetSecretValue (a function's four or five
     * secrets: one round trip at init instead of one each), for {@link #read} to answer from. A secret the call did
     * not return (an error for that secret), or all of them when the call itself fails (a role without
     * {@code secretsmanager:BatchGetSecretValue}, a throttle), is left to {@link #read}, which asks for it alone and
     * names what is wrong. The previous versions are not in a batch (it returns current versions only): {@link #read}
     * asks for each.
     */
    public void readCurrentInOneCall(Collection<String> secretIds) {
        List<String> ids = secretIds.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
        for (int from = 0; from < ids.size(); from += BATCH_LIMIT) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH_LIMIT));
            BatchGetSecretValueResponse response;
            try {
                response = client.batchGetSecretValue(r -> r.secretIdList(batch));
            } catch (SdkException e) {
                return; // each secret is then read on its own, whose error says what is wrong
            }
            for (SecretValueEntry entry : response.secretValues()) {
                for (String id : batch) {
                    if (id.equals(entry.arn()) || id.equals(entry.name())) {
                        current.put(id, keyOf(id, entry.secretString()));
                    }
                }
            }
        }
    }

    @Override
    public Optional<String> read(String secretId, boolean previous) {
        if (!previous && current.containsKey(secretId)) {
            return Optional.of(current.get(secretId));
        }
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
