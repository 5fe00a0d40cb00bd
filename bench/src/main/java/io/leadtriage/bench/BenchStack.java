package io.leadtriage.bench;

import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.SamTemplate;
import io.leadtriage.local.SesEmulator;
import io.leadtriage.rehearsal.RehearsalStack;
import io.leadtriage.rehearsal.SecretsManagerStandIn;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.app.ports.SecretSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-ins the benchmarks run the functions against, started once: DynamoDB Local in this JVM
 * (in memory, tables from template.yaml), the SES v2 emulator as a Node.js child and Secrets Manager as
 * moto's {@code moto_server} (Python; the deployment rehearsal's {@link SecretsManagerStandIn}), all on
 * loopback. The stack's secrets are created in moto with the benchmark's keys, as CloudFormation creates
 * them (their Ref is the ARN Secrets Manager answers). {@link #environment(String)} is what a function
 * gets to reach them, the way Lambda gives it its settings: environment variables only; a function reads
 * its secrets at init as deployed, through the SDK and {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}.
 */
final class BenchStack implements AutoCloseable {
    /** Tokens are HMAC-signed with this key by the functions and by the benchmark that mints tokens for them. */
    static final String SIGNING_KEY = "benchmark-signing-key-0123456789abcdef0123456789";
    static final String INGEST_KEY = "benchmark-ingest-key-0123456789abcdef";
    static final String EMAIL_INDEX_KEY = "benchmark-email-index-key-0123456789abcdef";
    static final String CRM_OUTCOME_KEY = "benchmark-crm-outcome-key-0123456789abcdef";
    static final String REGION = "us-east-1";
    /**
     * The secrets of template.yaml a function may be given, by logical id, with the benchmark's keys; the chat and
     * signed webhooks' secrets hold a JSON object, as template.yaml creates them (no webhook). The Turnstile secret
     * is not among them: its parameter is empty by default, so no function gets its ARN.
     */
    static final Map<String, String> SECRET_KEYS = Map.of("TokenSigningSecret", SIGNING_KEY, "IngestKeySecret", INGEST_KEY,
            "EmailIndexSecret", EMAIL_INDEX_KEY, "CrmOutcomeSecret", CRM_OUTCOME_KEY,
            "ChatWebhooksSecret", "{\"slack\":{},\"teams\":{}}", "WebhooksSecret", "{}");
    /** The variables that carry a secret's id (its ARN when deployed). */
    static final List<String> SECRET_VARIABLES = AppConfig.SECRET_VARIABLES;

    final Path root;
    final SamTemplate template;
    final DynamoDbLocal dynamo;
    final SesEmulator ses;
    final SecretsManagerStandIn secretsManager;
    /** Each secret's ARN as moto answered it, by logical id. */
    final Map<String, String> secretArns;

    private BenchStack(Path root, SamTemplate template, DynamoDbLocal dynamo, SesEmulator ses,
                       SecretsManagerStandIn secretsManager, Map<String, String> secretArns) {
        this.root = root;
        this.template = template;
        this.dynamo = dynamo;
        this.ses = ses;
        this.secretsManager = secretsManager;
        this.secretArns = Map.copyOf(secretArns);
    }

    static BenchStack start() {
        Path templateFile = SamTemplate.locate();
        Path root = templateFile.getParent();
        SamTemplate template = SamTemplate.read(templateFile);
        DynamoDbLocal dynamo = quietDynamoDb();
        SesEmulator ses = null;
        SecretsManagerStandIn secretsManager = null;
        try {
            DynamoDbLocal.createTables(dynamo.client(), template);
            ses = new SesEmulator(root.resolve("test-support/node_modules/.bin/aws-ses-v2-local"));
            secretsManager = SecretsManagerStandIn.start();
            return new BenchStack(root, template, dynamo, ses, secretsManager, createSecrets(secretsManager));
        } catch (RuntimeException e) {
            closeAll(secretsManager, ses, dynamo);
            throw e;
        }
    }

    /** DynamoDB Local in memory, started without its banner on System.out, where the benchmarks print their figures. */
    static DynamoDbLocal quietDynamoDb() {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return DynamoDbLocal.start(null);
        } finally {
            System.setOut(out);
        }
    }

    /**
     * The secrets as CloudFormation creates them ({@code {"key":"..."}}, as template.yaml generates them), in moto,
     * named by their logical ids; the ARNs moto answered.
     */
    private static Map<String, String> createSecrets(SecretsManagerStandIn secretsManager) {
        Map<String, String> arns = new LinkedHashMap<>();
        try (SecretsManagerClient client = secretsManager.client(REGION)) {
            SECRET_KEYS.forEach((logicalId, key) -> arns.put(logicalId, client.createSecret(r -> r.name(logicalId)
                    .secretString("{\"key\":" + (key.startsWith("{") ? key : "\"" + key + "\"") + "}")).arn()));
        }
        return arns;
    }

    /**
     * The environment template.yaml gives {@code function}, with what CloudFormation resolves when deployed
     * (the secrets' ARNs, region, the lists it joins from parameters) set to local values and the three endpoints
     * pointed at the stand-ins. JAVA_TOOL_OPTIONS is left out: the cold-start probes get the same flags on
     * their command line.
     */
    Map<String, String> environment(String function) {
        SamTemplate.FunctionDefinition definition = template.functions().get(function);
        if (definition == null) {
            throw new IllegalArgumentException("template.yaml has no function " + function);
        }
        Map<String, String> env = new LinkedHashMap<>(definition.environment());
        env.remove("JAVA_TOOL_OPTIONS");
        Map<String, String> parameters = template.parameterDefaults();
        env.put("ALLOWED_ORIGINS", parameters.get("AllowedOrigins"));
        env.put("ALERT_RECIPIENTS", parameters.get("AlertRecipients"));
        // A secret's Ref is its ARN: the local template reader leaves the logical id there.
        for (String variable : SECRET_VARIABLES) {
            String secret = env.get(variable);
            if (secret != null && !secret.isBlank()) {
                String arn = secretArns.get(secret);
                if (arn == null) {
                    throw new IllegalStateException(function + "'s " + variable + " names the secret " + secret
                            + ", which the benchmark does not create: add its key to BenchStack.SECRET_KEYS");
                }
                env.put(variable, arn);
            }
        }
        env.put("AWS_REGION", REGION);
        // The stand-ins are reached as the deployed code reaches AWS: through the SDK's own endpoint and
        // credentials variables (an on-demand Lambda function gets access-key variables; placeholders here).
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", ses.endpoint().toString());
        env.put(RehearsalStack.SECRETS_MANAGER_ENDPOINT, secretsManager.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return env;
    }

    /** How many secrets each function of template.yaml reads at init (the secret variables its environment sets). */
    Map<String, Integer> secretsReadAtInit() {
        Map<String, Integer> read = new LinkedHashMap<>();
        template.functions().forEach((name, f) -> read.put(name, (int) SECRET_VARIABLES.stream()
                .filter(v -> f.environment().get(v) != null && !f.environment().get(v).isBlank()).count()));
        return read;
    }

    /**
     * The secrets the functions read from moto, with the same keys, for services built in this process (they sign
     * the tokens the functions verify): by ARN, as {@link #environment(String)} names them, or by logical id. No
     * secret has a previous version (none was rotated), as in moto.
     */
    SecretSource secrets() {
        Map<String, String> byId = new LinkedHashMap<>(SECRET_KEYS);
        secretArns.forEach((logicalId, arn) -> byId.put(arn, SECRET_KEYS.get(logicalId)));
        return (secretId, previous) -> previous ? Optional.empty() : Optional.ofNullable(byId.get(secretId));
    }

    /** A client of DynamoDB Local configured as the functions' own, with the benchmark's interceptors. */
    DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(dynamo.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor interceptor : interceptors) {
                        c.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    @Override
    public void close() {
        closeAll(secretsManager, ses, dynamo);
    }

    /** Stops each that was started, all of them even if one fails; the first failure is rethrown. */
    private static void closeAll(AutoCloseable... started) {
        RuntimeException first = null;
        for (AutoCloseable c : started) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
