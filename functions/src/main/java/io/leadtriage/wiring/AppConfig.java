package io.leadtriage.wiring;

import io.leadtriage.app.ports.SecretSource;

import io.leadtriage.app.intake.AbuseLimits;

import io.leadtriage.app.tokens.RequestSignature;
import io.leadtriage.app.tokens.SigningKeys;

import java.time.Duration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Settings read once from the environment that template.yaml (or the local runner) sets, with the secrets
 * that environment names read from a {@link SecretSource}. A missing setting is named in the error, so a
 * misconfigured deployment says what to fix.
 *
 * @param tokenKeys  signs and verifies tokens ({@link SigningKeys#NONE} for a function that uses none)
 * @param modelFile  null for the model shipped with the code
 * @param ingestKeys the keys product backends send signals with (the current one, and the previous one for
 *                   a while after a rotation); empty refuses them all
 * @param adminToken local runs only: the bearer token of the admin routes (deployed, they take AWS_IAM
 *                   signatures and this is unset); null refuses every bearer token
 * @param limits     requests per client IP and per email address before 429
 * @param humanCheck optional server-side Turnstile verification of step 1
 * @param emailIndexKey the email index's HMAC key; null in functions that never look a lead up by email
 * @param crmOutcomes   checks a CRM's signed outcome (its key, current and previous, and replay window); without a
 *                      key it refuses them all
 */
public record AppConfig(String leadsTable, List<String> allowedOrigins, SigningKeys tokenKeys, String region,
                        String modelFile, EmailSettings email, List<String> ingestKeys,
                        String adminToken, AbuseLimits limits, HumanCheckSettings humanCheck, String emailIndexKey,
                        RequestSignature crmOutcomes) {
    /** Secrets are named by these variables, each given only to the functions that use it (template.yaml). */
    public static final String TOKEN_SECRET = "TOKEN_SIGNING_SECRET_ARN";
    public static final String INGEST_SECRET = "INGEST_KEY_SECRET_ARN";
    public static final String TURNSTILE_SECRET = "TURNSTILE_SECRET_ARN";
    /** Never rotated: its current value only (see EmailIndex). */
    public static final String EMAIL_INDEX_SECRET = "EMAIL_INDEX_SECRET_ARN";
    /** The key CRM workflows sign outcomes with (current and previous, as the token keys). */
    public static final String CRM_OUTCOME_SECRET = "CRM_OUTCOME_SECRET_ARN";
    /** How far (seconds) a signed outcome's timestamp may be from now; 300 unless set. */
    public static final String CRM_OUTCOME_WINDOW = "CRM_OUTCOME_WINDOW_SECONDS";
    /** The chat alerts' webhook URLs, JSON by service and name; given only to the functions that post them. */
    public static final String CHAT_WEBHOOKS_SECRET = "CHAT_WEBHOOKS_SECRET_ARN";
    /** The webhook subscribers (URL, signing key, events), JSON by name; given to the functions that publish events. */
    public static final String WEBHOOKS_SECRET = "WEBHOOKS_SECRET_ARN";
    /** Every variable naming a secret: a function given any of them reads Secrets Manager at init. */
    public static final List<String> SECRET_VARIABLES = List.of(TOKEN_SECRET, INGEST_SECRET, EMAIL_INDEX_SECRET,
            TURNSTILE_SECRET, CRM_OUTCOME_SECRET, CHAT_WEBHOOKS_SECRET, WEBHOOKS_SECRET);

    public AppConfig {
        ingestKeys = List.copyOf(ingestKeys);
    }

    /** Without CRM outcomes: every signed outcome refused. */
    public AppConfig(String leadsTable, List<String> allowedOrigins, SigningKeys tokenKeys, String region,
                     String modelFile, EmailSettings email, List<String> ingestKeys,
                     String adminToken, AbuseLimits limits, HumanCheckSettings humanCheck, String emailIndexKey) {
        this(leadsTable, allowedOrigins, tokenKeys, region, modelFile, email, ingestKeys, adminToken, limits, humanCheck,
                emailIndexKey, new RequestSignature(List.of(), RequestSignature.DEFAULT_WINDOW));
    }

    public static AppConfig fromEnvironment(Map<String, String> env, SecretSource secrets) {
        List<String> missing = new ArrayList<>();
        String table = required(env, "LEADS_TABLE", missing);
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
        List<String> tokenKeys = currentAndPrevious(env.get(TOKEN_SECRET), secrets);
        // The Turnstile secret key is Cloudflare's, checked by its current value alone: no previous version is asked.
        String turnstile = current(env.get(TURNSTILE_SECRET), secrets);
        return new AppConfig(table, origins, tokenKeys.isEmpty() ? SigningKeys.NONE : SigningKeys.of(tokenKeys), region,
                env.get("LEADTRIAGE_MODEL_FILE"), EmailSettings.fromEnvironment(env),
                currentAndPrevious(env.get(INGEST_SECRET), secrets), env.get("ADMIN_TOKEN"),
                AbuseLimits.fromEnvironment(env), HumanCheckSettings.fromEnvironment(env, turnstile), current(env.get(EMAIL_INDEX_SECRET), secrets),
                new RequestSignature(currentAndPrevious(env.get(CRM_OUTCOME_SECRET), secrets), crmWindow(env)));
    }

    private static Duration crmWindow(Map<String, String> env) {
        String seconds = env.getOrDefault(CRM_OUTCOME_WINDOW, "").strip();
        if (seconds.isEmpty()) {
            return RequestSignature.DEFAULT_WINDOW;
        }
        if (!seconds.matches("[0-9]{1,5}") || Integer.parseInt(seconds) < 1) {
            throw new IllegalStateException(CRM_OUTCOME_WINDOW + " must be a number of seconds (1 to 99999), not " + seconds);
        }
        return Duration.ofSeconds(Integer.parseInt(seconds));
    }

    /** The chat webhooks secret's value (JSON, see WebhookChatSender); null when this function posts no chat alert. */
    public static String chatWebhooks(Map<String, String> env, SecretSource secrets) {
        return current(env.get(CHAT_WEBHOOKS_SECRET), secrets);
    }

    /** The webhooks secret's value (JSON, see HttpWebhookSender); null when this function delivers no webhook. */
    public static String webhooks(Map<String, String> env, SecretSource secrets) {
        return current(env.get(WEBHOOKS_SECRET), secrets);
    }

    /** The secret's value in effect, then the previous one if a rotation left one; nothing for no secret. */
    private static List<String> currentAndPrevious(String secretId, SecretSource secrets) {
        String current = current(secretId, secrets);
        if (current == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(List.of(current));
        secrets.read(secretId, true).filter(previous -> !previous.equals(current)).ifPresent(values::add);
        return values;
    }

    /** The secret's value in effect; null for no secret. */
    private static String current(String secretId, SecretSource secrets) {
        if (secretId == null || secretId.isBlank()) {
            return null;
        }
        return secrets.read(secretId, false).orElseThrow(() ->
                new IllegalStateException("the secret " + secretId + " has no current value"));
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
        return "AppConfig[table=" + leadsTable + ", origins=" + allowedOrigins + ", region=" + region
                + ", tokenKeys=" + tokenKeys + ", ingestKeys=" + ingestKeys.size()
                + ", emailIndexKey=" + (emailIndexKey == null ? "none" : "set") + "]";
    }
}
