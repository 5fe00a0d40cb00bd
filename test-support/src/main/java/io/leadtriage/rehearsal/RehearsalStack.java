package io.leadtriage.rehearsal;

import io.leadtriage.local.SesEmulator;
import io.leadtriage.local.StoredEmail;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * template.yaml deployed on this machine for the rehearsal: the {@link SimulatedStack} whose tables are created
 * in the caller's DynamoDB ({@link DynamoDb}: the local runner's DynamoDB Local, the tables as the runner creates
 * them from the template, under the names the stack gives them) and whose secrets are created in a Secrets
 * Manager stand-in (moto), the SES v2 emulator, and a container credentials endpoint; each function's execution
 * environment ({@link #container}) is built from the stack's resolved function and the {@code sam build}
 * artifact, and reaches the stand-ins only through the SDK's standard endpoint variables. A function reaches
 * DynamoDB through its own {@link DynamoDbAuthorizer}, which refuses the calls its role does not allow, as IAM would.
 */
public final class RehearsalStack implements AutoCloseable {
    /** The SDK's service-specific endpoint variables (service id, upper case, spaces as underscores). */
    public static final String DYNAMODB_ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String SESV2_ENDPOINT = "AWS_ENDPOINT_URL_SESV2";
    public static final String SECRETS_MANAGER_ENDPOINT = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    /** EventBridge (lead events) is moto too: the same process serves every service it emulates. */
    public static final String EVENTBRIDGE_ENDPOINT = "AWS_ENDPOINT_URL_EVENTBRIDGE";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final SamBuild.Result build;
    private final LambdaRuntimeImage image;
    private DynamoDb dynamo;
    private DynamoDbClient dynamoClient;
    private SecretsManagerStandIn secretsManager;
    private SesEmulator ses;
    private ContainerCredentialsStandIn credentials;
    private SimulatedStack stack;
    private final Map<String, DynamoDbAuthorizer> authorizers = new TreeMap<>();

    private RehearsalStack(SamBuild.Result build, LambdaRuntimeImage image) {
        this.build = build;
        this.image = image;
    }

    /**
     * The stack's DynamoDB as the caller starts it in the data folder {@link #deploy} gives: the local runner's
     * DynamoDB Local, a client of it, and the runner's way of creating one of the template's tables (keys, indexes,
     * TTL) under the name the stack gives it. The stack closes the client, then {@code server}.
     */
    public record DynamoDb(URI endpoint, DynamoDbClient client, Tables tables, AutoCloseable server) {
        /** Creates the template's table {@code logicalId}, named {@code name}. */
        @FunctionalInterface
        public interface Tables {
            void create(DynamoDbClient client, String logicalId, String name);
        }
    }

    /**
     * Starts the stand-ins and deploys the stack into them.
     *
     * @param sesEmulator the aws-ses-v2-local launcher (test-support/node_modules/.bin/aws-ses-v2-local)
     * @param dynamoDb    starts the stack's DynamoDB in the data folder it is given
     */
    public static RehearsalStack deploy(Path template, SimulatedStack.Settings settings, SamBuild.Result build,
                                        Path sesEmulator, Function<Path, DynamoDb> dynamoDb) {
        RehearsalStack deployment = new RehearsalStack(build, LambdaRuntimeImage.locate());
        try {
            deployment.start(template, settings, sesEmulator, dynamoDb);
            return deployment;
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
    }

    private void start(Path template, SimulatedStack.Settings settings, Path sesEmulator,
                       Function<Path, DynamoDb> dynamoDb) throws RuntimeException {
        // -sharedDb (which a data folder brings): DynamoDB Local otherwise keeps one database per access key and
        // region, and the functions sign with the credentials endpoint's keys, not the test's.
        Path data = image.dir().getParent().resolve("rehearsal-dynamodb");
        SamBuild.deleteRecursively(data);
        dynamo = dynamoDb.apply(data);
        started.add(dynamo.server());
        dynamoClient = dynamo.client();
        started.add(dynamoClient);
        secretsManager = SecretsManagerStandIn.start();
        started.add(secretsManager);
        ses = new SesEmulator(sesEmulator);
        started.add(ses);
        credentials = ContainerCredentialsStandIn.start();
        started.add(credentials);
        stack = SimulatedStack.deploy(template, settings, Map.of(
                "AWS::DynamoDB::Table", request -> {
                    dynamo.tables().create(dynamoClient, request.logicalId(), request.physicalName());
                    return null;
                },
                "AWS::SecretsManager::Secret", secretsManager.provisioner(),
                "AWS::Events::EventBus", secretsManager.eventBusProvisioner()));
    }

    public SimulatedStack stack() {
        return stack;
    }

    public SamBuild.Result build() {
        return build;
    }

    public LambdaRuntimeImage image() {
        return image;
    }

    public SimulatedStack.Function function(String logicalId) {
        SimulatedStack.Function function = stack.functions().get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("the stack has no function " + logicalId);
        }
        return function;
    }

    /** The SDK's standard endpoint variables pointing at the stand-ins: the deployed code path needs nothing else. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put(DYNAMODB_ENDPOINT, dynamo.endpoint().toString());
        endpoints.put(SESV2_ENDPOINT, ses.endpoint().toString());
        endpoints.put(SECRETS_MANAGER_ENDPOINT, secretsManager.endpoint().toString());
        endpoints.put(EVENTBRIDGE_ENDPOINT, secretsManager.endpoint().toString());
        return endpoints;
    }

    /** The endpoints for one function: DynamoDB Local through the function's {@link DynamoDbAuthorizer}. */
    private Map<String, String> endpoints(String logicalId) {
        Map<String, String> endpoints = endpoints();
        endpoints.put(DYNAMODB_ENDPOINT, authorizer(logicalId).endpoint().toString());
        return endpoints;
    }

    /** What stands for IAM before DynamoDB Local for the function, started on first use. */
    public synchronized DynamoDbAuthorizer authorizer(String logicalId) {
        return authorizers.computeIfAbsent(logicalId, id -> {
            DynamoDbAuthorizer authorizer = DynamoDbAuthorizer.start(stack, id, dynamo.endpoint());
            started.add(authorizer);
            return authorizer;
        });
    }

    /** Every DynamoDB call a function's role did not allow, as "function: action resource". */
    public synchronized List<String> accessDenied() {
        List<String> denied = new ArrayList<>();
        authorizers.forEach((function, authorizer) -> authorizer.denied().forEach(call -> denied.add(function + ": " + call)));
        return denied;
    }

    /** The DynamoDB actions each function was allowed and used, "action resource", by function. */
    public synchronized Map<String, Set<String>> dynamoDbCalls() {
        Map<String, Set<String>> calls = new TreeMap<>();
        authorizers.forEach((function, authorizer) -> calls.put(function, new TreeSet<>(authorizer.allowed())));
        return calls;
    }

    /**
     * An execution environment of the function as deployed: its handler, runtime, memory size, timeout and
     * environment from the stack; SnapStart if the stack enables it (the published version, invoked through
     * its alias); the artifact {@code sam build} made; the stand-ins' endpoints; this stack's credentials
     * endpoint (the caller may give another, e.g. a refusing one).
     */
    public LambdaContainer.Builder container(String logicalId) {
        return container(logicalId, build.functionDir(logicalId), function(logicalId).handler());
    }

    /**
     * An execution environment configured as the function's ({@link #container(String)}: runtime, memory size,
     * environment, endpoints, credentials, its IAM stand-in) but loading {@code handler} from {@code taskRoot}: a
     * benchmark's floor measured exactly as the function is run.
     */
    public LambdaContainer.Builder container(String logicalId, Path taskRoot, String handler) {
        SimulatedStack.Function f = function(logicalId);
        LambdaContainer.Builder builder = LambdaContainer.builder(f.functionName(), taskRoot, handler)
                .runtime(f.runtime())
                .memoryMb(f.memorySizeMb())
                .timeout(java.time.Duration.ofSeconds(f.timeoutSeconds()))
                .region(stack.settings().region())
                .accountId(stack.settings().accountId())
                .environment(f.environment())
                .extraEnvironment(endpoints(logicalId))
                .credentials(credentials)
                .image(image)
                .initType(f.snapStart() ? LambdaContainer.InitType.SNAP_START : LambdaContainer.InitType.ON_DEMAND)
                .version(f.version());
        Optional.ofNullable(f.alias()).ifPresent(builder::alias);
        return builder;
    }

    public DynamoDbClient dynamo() {
        return dynamoClient;
    }

    public SesEmulator ses() {
        return ses;
    }

    public SecretsManagerStandIn secretsManager() {
        return secretsManager;
    }

    public ContainerCredentialsStandIn credentials() {
        return credentials;
    }

    /** Items in all the stack's tables: what a write, anywhere, changes. */
    public long items() {
        long count = 0;
        for (SimulatedStack.Resource table : stack.resources("AWS::DynamoDB::Table").values()) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
            do {
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> from = start;
                ScanResponse page = dynamoClient.scan(r -> r.tableName(table.ref()).select(Select.COUNT).exclusiveStartKey(from));
                count += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return count;
    }

    /** Every email the SES emulator accepted. */
    public List<StoredEmail> emails() {
        return ses.sentEmails();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("stopping the rehearsal's stand-ins: " + e.getMessage(), e);
                }
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }
}
