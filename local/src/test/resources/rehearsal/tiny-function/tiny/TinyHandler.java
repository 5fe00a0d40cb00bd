package tiny;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rehearsal machinery's own test function: a stream handler, as leadtriage's functions are, compiled by the
 * test into a task root of its own (classes at the root, org.crac and the SDK's credential classes in lib/).
 * It records its lifecycle (init, the org.crac hooks, invocations), resolves credentials at init through the
 * SDK's default chain as the functions' clients do, and answers each invocation with what it saw. TINY_MODE
 * makes it fail on purpose: "init-error" in its constructor, "checkpoint-error" in beforeCheckpoint,
 * "env-credentials" by forcing the SDK's EnvironmentVariableCredentialsProvider; an event
 * containing "fail" fails that invocation. It prints no event.
 */
public final class TinyHandler implements RequestStreamHandler {
    static final List<String> LIFECYCLE = Collections.synchronizedList(new ArrayList<>());
    private static final String MODE = System.getenv().getOrDefault("TINY_MODE", "");

    /** Registered through org.crac, from the function's class loader, as handlers/Priming registers its resource. */
    private static final Resource HOOKS = new Resource() {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            LIFECYCLE.add("beforeCheckpoint");
            System.out.println("tiny: beforeCheckpoint");
            if (MODE.equals("checkpoint-error")) {
                throw new IllegalStateException("tiny checkpoint failure on purpose");
            }
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            LIFECYCLE.add("afterRestore");
            System.out.println("tiny: afterRestore");
        }
    };

    private final String credentialsProvider;
    private final String accessKeyId;

    public TinyHandler() {
        LIFECYCLE.add("init");
        System.out.println("tiny: init");
        if (MODE.equals("init-error")) {
            throw new IllegalStateException("tiny init failure on purpose");
        }
        Core.getGlobalContext().register(HOOKS);
        // "env-credentials" forces the provider the functions once forced: the mistake SnapStart punishes.
        AwsCredentials credentials = MODE.equals("env-credentials")
                ? EnvironmentVariableCredentialsProvider.create().resolveCredentials()
                : DefaultCredentialsProvider.builder().build().resolveCredentials();
        this.credentialsProvider = credentials.providerName().orElse("unknown");
        this.accessKeyId = credentials.accessKeyId();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        LIFECYCLE.add("invoke");
        if (event.contains("fail")) {
            throw new IllegalArgumentException("tiny invocation failure on purpose");
        }
        StringBuilder json = new StringBuilder("{");
        field(json, "lifecycle", list(LIFECYCLE));
        field(json, "environment", list(new TreeSet<>(System.getenv().keySet())));
        StringBuilder values = new StringBuilder("{");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(System.getenv()).entrySet()) {
            if (e.getKey().equals("AWS_CONTAINER_AUTHORIZATION_TOKEN")) {
                continue;
            }
            values.append(values.length() > 1 ? "," : "").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
        }
        field(json, "environmentValues", values.append('}').toString());
        field(json, "credentialsProvider", quote(credentialsProvider));
        field(json, "accessKeyId", quote(accessKeyId));
        field(json, "requestId", quote(context.getAwsRequestId()));
        field(json, "invokedFunctionArn", quote(context.getInvokedFunctionArn()));
        field(json, "remainingTimeMs", Integer.toString(context.getRemainingTimeInMillis()));
        field(json, "memoryLimitMb", Integer.toString(context.getMemoryLimitInMB()));
        field(json, "maxMemory", Long.toString(Runtime.getRuntime().maxMemory()));
        field(json, "availableProcessors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        field(json, "jvmArguments", list(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        field(json, "javaVersion", quote(System.getProperty("java.version")));
        field(json, "fileEncoding", quote(System.getProperty("file.encoding")));
        field(json, "handlerLoader", quote(TinyHandler.class.getClassLoader().getClass().getName()));
        field(json, "handlerSource", quote(TinyHandler.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        field(json, "cracSource", quote(Core.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        field(json, "workingDirectory", quote(System.getProperty("user.dir")));
        field(json, "traceHeader", quote(String.valueOf(System.getProperty("com.amazonaws.xray.traceHeader"))));
        json.setLength(json.length() - 1);
        output.write(json.append('}').toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(quote(name)).append(':').append(value).append(',');
    }

    private static String list(Iterable<String> items) {
        StringBuilder s = new StringBuilder("[");
        synchronized (LIFECYCLE) {
            for (String item : items) {
                s.append(s.length() > 1 ? "," : "").append(quote(item));
            }
        }
        return s.append(']').toString();
    }

    private static String quote(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
