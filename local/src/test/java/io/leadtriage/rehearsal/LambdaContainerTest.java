package io.leadtriage.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rehearsal's machinery on a tiny function of its own: the real RIC 2.10.1 in a fresh JVM against the
 * Runtime API stand-in and the container credentials stand-in, through SnapStart's lifecycle, and each way
 * it must fail loudly (credentials refused, an init error, a failing checkpoint hook, a failing invocation).
 */
class LambdaContainerTest {
    static final Duration START_LIMIT = Duration.ofSeconds(60);
    static final Duration INVOKE_LIMIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> TEMPLATE_LIKE_ENV = Map.of(
            "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
            "TINY_GREETING", "hello");
    static ContainerCredentialsStandIn credentials;
    static Path taskRoot;

    @BeforeAll
    static void standIns() {
        credentials = ContainerCredentialsStandIn.start();
        taskRoot = TinyFunction.taskRoot();
    }

    @AfterAll
    static void stop() {
        credentials.close();
    }

    static LambdaContainer.Builder tiny() {
        return LambdaContainer.builder("tiny-function", taskRoot, TinyFunction.HANDLER)
                .memoryMb(512).timeout(Duration.ofSeconds(10)).region("eu-west-1").alias("live")
                .environment(TEMPLATE_LIKE_ENV).credentials(credentials);
    }

    static JsonNode json(RuntimeApiStandIn.Answer answer) throws Exception {
        assertThat(answer.isError()).as("the invocation failed: %s", answer.error()).isFalse();
        return JSON.readTree(answer.text());
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void snapStartRunsTheFunctionsOrgCracHooksAroundTheSnapshotThenServesInvocations() throws Exception {
        int servedBefore = credentials.served();
        try (LambdaContainer container = tiny().initType(LambdaContainer.InitType.SNAP_START).start()) {
            container.awaitCheckpoint(START_LIMIT);
            // The snapshot point: init and beforeCheckpoint are done, afterRestore has not run.
            assertThat(container.logs()).contains("tiny: init", "tiny: beforeCheckpoint").doesNotContain("tiny: afterRestore");
            assertThat(container.timeline().checkpointMs()).isPresent();
            container.restore();
            container.awaitReady(START_LIMIT);
            assertThat(container.logs()).contains("tiny: afterRestore");

            RuntimeApiStandIn.Answer first = container.invoke("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT);
            JsonNode seen = json(first);
            assertThat(strings(seen.path("lifecycle"))).containsExactly("init", "beforeCheckpoint", "afterRestore", "invoke");
            // The context the RIC built from the Runtime API's headers.
            assertThat(seen.path("requestId").asText()).isEqualTo(first.requestId());
            assertThat(seen.path("invokedFunctionArn").asText()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:tiny-function:live");
            assertThat(seen.path("remainingTimeMs").asInt()).isBetween(1, 10_000);
            assertThat(seen.path("memoryLimitMb").asInt()).isEqualTo(512);
            assertThat(seen.path("traceHeader").asText()).startsWith("Root=1-");
            // Credentials from the container credentials endpoint (its key id), through the SDK's default chain.
            assertThat(seen.path("accessKeyId").asText()).isEqualTo(credentials.accessKeyId());
            assertThat(credentials.served()).isGreaterThan(servedBefore);
            assertThat(credentials.unauthorized()).isZero();
            // Loaded as Lambda loads a function: by the RIC's class loader, from the task root and its lib/.
            assertThat(seen.path("handlerLoader").asText()).endsWith("CustomerClassLoader");
            assertThat(seen.path("handlerSource").asText()).isEqualTo("file:" + taskRoot + "/");
            assertThat(seen.path("cracSource").asText()).startsWith("file:" + taskRoot.resolve("lib") + "/crac-");
            assertThat(seen.path("workingDirectory").asText()).isEqualTo(taskRoot.toString());

            // The same execution environment serves the next invocation, and survives a failing one.
            assertThat(strings(json(container.invoke("{}".getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT)).path("lifecycle")))
                    .containsExactly("init", "beforeCheckpoint", "afterRestore", "invoke", "invoke");
            RuntimeApiStandIn.Answer failed = container.invoke("{\"fail\":true}".getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT);
            assertThat(failed.isError()).isTrue();
            assertThat(failed.error().endpoint()).isEqualTo("invocation/error");
            assertThat(failed.error().errorKind()).isEqualTo("Runtime.UserException");
            assertThat(failed.error().errorType()).isEqualTo("java.lang.IllegalArgumentException");
            assertThat(failed.error().errorMessage()).isEqualTo("tiny invocation failure on purpose");
            assertThat(failed.error().stackTrace()).isNotEmpty();
            // The failed invocation counted too: init, two hooks, four invocations.
            assertThat(json(container.invoke("{}".getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT)).path("lifecycle").size()).isEqualTo(7);

            assertThat(container.timeline().invocations()).hasSize(4);
            assertThat(container.runtimeApi().requests()).anyMatch(r -> r.startsWith("GET /2018-06-01/runtime/restore/next -> 200"));
            System.out.println("tiny function, SnapStart: " + container.timeline().summary() + " (" + container.describe().get("jdk") + ")");
        }
    }

    @Test
    void theEnvironmentIsLambdasAndTheFunctionsAndNothingOfThisMachine() throws Exception {
        try (LambdaContainer container = tiny().initType(LambdaContainer.InitType.SNAP_START)
                .extraEnvironment(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")).start()) {
            container.startAsLambdaWould(START_LIMIT);
            JsonNode seen = json(container.invoke("{}".getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT));

            Set<String> expected = new TreeSet<>(Set.of("PATH", "LANG", "LD_LIBRARY_PATH", "TZ", "_HANDLER", "AWS_EXECUTION_ENV",
                    "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
                    "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                    "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_RUNTIME_API",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                    "JAVA_TOOL_OPTIONS", "TINY_GREETING", "AWS_ENDPOINT_URL_DYNAMODB"));
            assertThat(new TreeSet<>(strings(seen.path("environment")))).isEqualTo(expected);
            JsonNode values = seen.path("environmentValues");
            assertThat(values.path("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java21");
            assertThat(values.path("AWS_LAMBDA_INITIALIZATION_TYPE").asText()).isEqualTo("snap-start");
            assertThat(values.path("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("1");
            assertThat(values.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("512");
            assertThat(values.path("_HANDLER").asText()).isEqualTo(TinyFunction.HANDLER);
            assertThat(values.path("LAMBDA_TASK_ROOT").asText()).isEqualTo(taskRoot.toString());
            assertThat(values.path("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/tiny-function");
            assertThat(values.path("AWS_LAMBDA_LOG_STREAM_NAME").asText()).matches("\\d{4}/\\d{2}/\\d{2}/\\[1][0-9a-f]{32}");
            assertThat(values.path("TZ").asText()).isEqualTo(":UTC");
            assertThat(values.path("AWS_CONTAINER_CREDENTIALS_FULL_URI").asText()).isEqualTo(credentials.fullUri().toString());
            assertThat(seen.path("fileEncoding").asText()).isEqualTo("UTF-8");

            // Lambda's flags, the template's JAVA_TOOL_OPTIONS (the JVM says it picked them up), heap from MemorySize.
            List<String> arguments = strings(seen.path("jvmArguments"));
            assertThat(arguments).contains("-XX:+UseSerialGC", LambdaRuntimeImage.CRAC_COMPAT_FLAG, "-XX:MaxHeapSize=445645k",
                    "-XX:TieredStopAtLevel=1");
            assertThat(container.logs()).contains("Picked up JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            assertThat(seen.path("maxMemory").asLong()).isBetween(300L << 20, 445645L * 1024);
        }
    }

    @Test
    void withoutLambdasOrgCracRoutingTheRicsCheckpointNeverReachesTheFunctionsHooks() throws Exception {
        // The RIC runs beforeCheckpoint/afterRestore on its own com.amazonaws.services.lambda.crac context; org.crac
        // forwards a registration there only when -Dorg.crac.Core.Compat names that package. Without it (and with no
        // CRaC in the JDK) org.crac's register() keeps nothing, and the snapshot would hold an unprimed function.
        try (LambdaContainer container = tiny().initType(LambdaContainer.InitType.SNAP_START).withoutLambdasCracRouting().start()) {
            container.awaitCheckpoint(START_LIMIT);
            container.restore();
            container.awaitReady(START_LIMIT);
            JsonNode seen = json(container.invoke("{}".getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT));
            assertThat(strings(seen.path("lifecycle"))).containsExactly("init", "invoke");
            assertThat(container.logs()).doesNotContain("tiny: beforeCheckpoint");
        }
    }

    @Test
    void onDemandThereIsNoCheckpoint() throws Exception {
        try (LambdaContainer container = tiny().initType(LambdaContainer.InitType.ON_DEMAND).start()) {
            container.awaitReady(START_LIMIT);
            JsonNode seen = json(container.invoke("{}".getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT));
            assertThat(strings(seen.path("lifecycle"))).containsExactly("init", "invoke");
            assertThat(seen.path("environmentValues").path("AWS_LAMBDA_INITIALIZATION_TYPE").asText()).isEqualTo("on-demand");
            assertThat(seen.path("environmentValues").path("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
            assertThat(container.runtimeApi().requests()).noneMatch(r -> r.contains("/restore/"));
            assertThat(container.timeline().initMs()).isPresent();
        }
    }

    @Test
    void refusedCredentialsFailTheInitLoudly() {
        ContainerCredentialsStandIn refusing = ContainerCredentialsStandIn.start();
        refusing.refuse();
        try (refusing; LambdaContainer container = tiny().credentials(refusing).start()) {
            RuntimeApiStandIn.ReportedError error = container.awaitInitError(START_LIMIT);
            assertThat(error.endpoint()).isEqualTo("init/error");
            assertThat(error.errorKind()).isEqualTo("Runtime.BadFunctionCode");
            assertThat(error.errorType()).isEqualTo("software.amazon.awssdk.core.exception.SdkClientException");
            assertThat(error.errorMessage()).contains("Unable to load credentials");
            assertThat(container.awaitExit(START_LIMIT)).isEqualTo(1);
            assertThat(refusing.refused()).isPositive();
            assertThat(refusing.served()).isZero();
            assertThat(container.logs()).contains("Unable to load credentials");
        }
    }

    /**
     * Forcing EnvironmentVariableCredentialsProvider (as the functions once did) works on a laptop and in an
     * on-demand function, and fails under SnapStart, where Lambda serves credentials from the container
     * credentials endpoint and sets no access-key variables: the rehearsal's environment catches it.
     */
    @Test
    void aFunctionThatForcesTheEnvironmentVariableCredentialsProviderFailsItsInit() {
        int servedBefore = credentials.served();
        try (LambdaContainer container = tiny().initType(LambdaContainer.InitType.SNAP_START)
                .environment(Map.of("TINY_MODE", "env-credentials")).start()) {
            RuntimeApiStandIn.ReportedError error = container.awaitInitError(START_LIMIT);
            assertThat(error.endpoint()).isEqualTo("init/error");
            assertThat(error.errorType()).isEqualTo("software.amazon.awssdk.core.exception.SdkClientException");
            assertThat(error.errorMessage()).contains("Unable to load credentials from system settings");
            assertThat(credentials.served()).as("the container credentials endpoint was never asked").isEqualTo(servedBefore);
        }
    }

    @Test
    void anInitErrorReachesInitError() {
        try (LambdaContainer container = tiny().environment(Map.of("TINY_MODE", "init-error")).start()) {
            RuntimeApiStandIn.ReportedError error = container.awaitInitError(START_LIMIT);
            assertThat(error.endpoint()).isEqualTo("init/error");
            assertThat(error.errorKind()).isEqualTo("Runtime.BadFunctionCode");
            assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.errorMessage()).isEqualTo("tiny init failure on purpose");
            assertThat(container.awaitExit(START_LIMIT)).isEqualTo(1);
            assertThat(container.runtimeApi().nextCalls()).isZero();
        }
    }

    @Test
    void aFailingCheckpointHookIsAnInitErrorBeforeTheSnapshot() {
        try (LambdaContainer container = tiny().environment(Map.of("TINY_MODE", "checkpoint-error")).start()) {
            RuntimeApiStandIn.ReportedError error = container.awaitInitError(START_LIMIT);
            assertThat(error.errorKind()).isEqualTo("Runtime.BeforeCheckpointError");
            assertThat(container.awaitExit(START_LIMIT)).isEqualTo(64);
            assertThat(container.runtimeApi().requests()).noneMatch(r -> r.contains("/restore/next"));
        }
    }

    @Test
    void aLauncherPinsTheRuntimeToOneCoreAndItsClassLogNamesWhereEachClassCameFrom() throws Exception {
        Path taskset = Path.of("/usr/bin/taskset");
        Assumptions.assumeTrue(Files.isExecutable(taskset), "taskset (util-linux) is not installed");
        try (LambdaContainer container = tiny().initType(LambdaContainer.InitType.ON_DEMAND)
                .launcher(List.of(taskset.toString(), "-c", "0")).logClassLoading().start()) {
            container.awaitReady(START_LIMIT);
            JsonNode seen = json(container.invoke("{}".getBytes(StandardCharsets.UTF_8), INVOKE_LIMIT));

            assertThat(container.command().subList(0, 4)).containsExactly(taskset.toString(), "-c", "0",
                    LambdaRuntimeImage.locate().jdk().java().toString());
            // taskset execs java: the process started, which the container stops, is the runtime pinned to core 0.
            assertThat(seen.path("availableProcessors").asInt()).isEqualTo(1);
            assertThat(Files.readString(container.classLog())).containsPattern("tiny\\.TinyHandler source: file:"
                    + java.util.regex.Pattern.quote(taskRoot.toUri().getPath()));
        }
    }

    @Test
    void aReservedVariableInTheFunctionsEnvironmentIsRefusedAsLambdaRefusesIt() {
        assertThatThrownBy(() -> tiny().environment(Map.of("AWS_ACCESS_KEY_ID", "AKIA0000000000000000")).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> tiny().extraEnvironment(Map.of("AWS_REGION", "us-west-2")).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }
}
