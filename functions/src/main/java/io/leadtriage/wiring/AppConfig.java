package io.leadtriage.wiring;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Settings read once from the environment that template.yaml (or the local runner) sets. A missing
 * setting is named in the error, so a misconfigured deployment says what to fix.
 *
 * @param dynamoEndpoint null in AWS; the local DynamoDB's address when running locally
 * @param modelFile      null for the model shipped with the code
 * @param ingestKey      the key product backends send signals with; null refuses them all
 * @param adminToken     local runs only: the bearer token of the admin routes (deployed, they take AWS_IAM
 *                       signatures and this is unset); null refuses every bearer token
 * @param limits         requests per client IP and per email address before 429
 * @param humanCheck     optional server-side Turnstile verification of step 1
 */
public record AppConfig(String leadsTable, List<String> allowedOrigins, String tokenSigningKey, String region,
                        URI dynamoEndpoint, String modelFile, EmailSettings email, String ingestKey,
                        String adminToken, AbuseLimits limits, HumanCheckSettings humanCheck) {

    public static AppConfig fromEnvironment(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        String table = required(env, "LEADS_TABLE", missing);
        String key = required(env, "TOKEN_SIGNING_KEY", missing);
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", ""));
        if (region.isBlank()) {
            missing.add("AWS_REGION");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("leadtriage is missing settings: " + String.join(", ", missing)
                    + " (template.yaml sets them when deployed; the local runner sets them locally)");
        }
        List<String> origins = Arrays.stream(env.getOrDefault("ALLOWED_ORIGINS", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        String endpoint = env.get("DYNAMODB_ENDPOINT");
        return new AppConfig(table, origins, key, region,
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint), env.get("LEADTRIAGE_MODEL_FILE"),
                EmailSettings.fromEnvironment(env), env.get("INGEST_KEY"), env.get("ADMIN_TOKEN"),
                AbuseLimits.fromEnvironment(env), HumanCheckSettings.fromEnvironment(env));
    }

    private static String required(Map<String, String> env, String name, List<String> missing) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
        return value;
    }

    @Override
    public String toString() {
        // No keys in toString: it may reach a log line.
        return "AppConfig[table=" + leadsTable + ", origins=" + allowedOrigins + ", region=" + region + "]";
    }
}
