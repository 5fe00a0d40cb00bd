package io.leadtriage.bench;

import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.SamTemplate;
import io.leadtriage.local.SesEmulator;
import io.leadtriage.wiring.SecretSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-ins the benchmarks run the functions against, started once: DynamoDB Local in this JVM
 * (in memory, tables from template.yaml) and the SES v2 emulator as a Node.js child, both on loopback.
 * {@link #environment(String)} is what a function gets to reach them, the way Lambda gives it its
 * settings: environment variables only.
 */
final class BenchStack implements AutoCloseable {
    /** Tokens are HMAC-signed with this key by the functions and by the benchmark that mints tokens for them. */
    static final String SIGNING_KEY = "benchmark-signing-key-0123456789abcdef0123456789";
    static final String INGEST_KEY = "benchmark-ingest-key-0123456789abcdef";
    static final String REGION = "us-east-1";

    final Path root;
    final SamTemplate template;
    final DynamoDbLocal dynamo;
    final SesEmulator ses;

    private BenchStack(Path root, SamTemplate template, DynamoDbLocal dynamo, SesEmulator ses) {
        this.root = root;
        this.template = template;
        this.dynamo = dynamo;
        this.ses = ses;
    }

    static BenchStack start() {
        Path templateFile = SamTemplate.locate();
        Path root = templateFile.getParent();
        SamTemplate template = SamTemplate.read(templateFile);
        // DynamoDB Local prints a banner on System.out; the report is read there, so it is kept out.
        PrintStream out = System.out;
        DynamoDbLocal dynamo;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            dynamo = DynamoDbLocal.start(null);
        } finally {
            System.setOut(out);
        }
        try {
            DynamoDbLocal.createTables(dynamo.client(), template);
            SesEmulator ses = new SesEmulator(root.resolve("local/node_modules/.bin/aws-ses-v2-local"));
            return new BenchStack(root, template, dynamo, ses);
        } catch (RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    /**
     * The environment template.yaml gives {@code function}, with what CloudFormation resolves when deployed
     * (secrets, region, the lists it joins from parameters) set to local values and the two endpoints
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
        env.put("AWS_REGION", REGION);
        // The stand-ins are reached as the deployed code reaches AWS: through the SDK's own endpoint and
        // credentials variables (an on-demand Lambda function gets access-key variables; placeholders here).
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", ses.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return env;
    }

    /** The secrets the template names, with the benchmark's keys (in-process services read them here). */
    SecretSource secrets() {
        return (secretId, previous) -> previous ? Optional.empty() : Optional.ofNullable(switch (secretId) {
            case "TokenSigningSecret" -> SIGNING_KEY;
            case "IngestKeySecret" -> INGEST_KEY;
            default -> null;
        });
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
        try {
            ses.close();
        } finally {
            dynamo.close();
        }
    }
}
