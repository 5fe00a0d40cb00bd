package io.leadtriage.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.bench.floor.SdkFirstCallsFloor;
import io.leadtriage.config.ShippedModel;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.app.ports.SecretSource;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One cold start, measured from inside the JVM it happens in. {@link PerformanceReport} runs it in a fresh
 * JVM for every measurement, with the deployed class path (functions/target/classes and the functions'
 * runtime dependencies, not this module's), the functions' JVM flags and a function's environment. So
 * this class may use the JDK and what deploys, nothing else of the local module; {@link CrtClients}, loaded
 * in the -crt modes alone, also uses the CRT client, whose jars those modes get on their class path.
 *
 * <pre>
 * ColdStartProbe hello                              the floor: a JVM that starts and prints
 * ColdStartProbe sdk-only                           builds the DynamoDB and SES clients, as the functions build them
 * ColdStartProbe sdk-first-calls                    the same, then one GetItem and one SendEmail
 * ColdStartProbe sdk-only-crt, sdk-first-calls-crt  the same two with the AWS CRT HTTP client in place of
 *                                                   url-connection ({@link CrtClients}), for a class path with
 *                                                   the CRT's jars added to the deployed one
 * ColdStartProbe model-only                         takes the qualification model the functions ship, as their init
 *                                                   does: its prepared form, or its YAML read and checked without one
 * ColdStartProbe &lt;label&gt; &lt;handler class&gt; &lt;event file&gt;   a function: construct its handler the way Lambda does
 *                                                   (public no-arg constructor), serve the event once
 * </pre>
 *
 * <p>Every function is a {@link RequestStreamHandler}: the probe hands it the event's bytes, as the Lambda
 * runtime does, and reads the status from the answer's bytes with Jackson's streaming parser. It binds no JSON
 * itself, so it needs no data binding on the class path.
 *
 * <p>Prints one line, {@code {"probe":…}}: milliseconds since the JVM started (RuntimeMXBean's start
 * time, taken as the JVM is created) at main, when the handler (or the clients) were ready, and when the
 * event was served; classes loaded; peak resident memory (VmHWM). java.lang.management is loaded only
 * after the last mark, so it costs no time that is measured; its classes do count, the same in every mode.
 */
public final class ColdStartProbe {
    /** The modes that build the clients with the AWS CRT HTTP client instead of url-connection end so. */
    static final String CRT_SUFFIX = "-crt";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        probe(System.nanoTime(), args, null);
    }

    /**
     * @param env the environment the clients are configured from, as Lambda gives a function its settings; null
     *            for this process's own, read only by the modes that build clients (reading it loads classes)
     */
    static void probe(long mainEntered, String[] args, Map<String, String> env) throws Exception {
        String label = args[0];
        long ready;
        int status = 0;
        switch (label) {
            case "hello" -> ready = System.nanoTime();
            case "sdk-only", "sdk-only-crt" -> {
                Clients clients = Clients.build(env, label.endsWith(CRT_SUFFIX));
                ready = System.nanoTime();
                status = clients.hashCode() == 0 ? -1 : 0; // keeps the clients reachable until here
            }
            case "sdk-first-calls", "sdk-first-calls-crt" -> {
                Clients clients = Clients.build(env, label.endsWith(CRT_SUFFIX));
                ready = System.nanoTime();
                status = clients.firstCalls(label);
            }
            case "model-only" -> {
                status = ShippedModel.load(ShippedModel.text()).forms().isEmpty() ? -1 : 0;
                ready = System.nanoTime();
            }
            default -> {
                if (args.length != 3) {
                    throw new IllegalArgumentException("usage: ColdStartProbe <label> <handler class> <event file>");
                }
                RequestStreamHandler handler = streamHandler(args[1]);
                ready = System.nanoTime();
                status = serve(handler, Files.readAllBytes(Path.of(args[2])));
            }
        }
        long served = System.nanoTime();
        report(label, status, mainEntered, ready, served);
    }

    /**
     * The handler, constructed as Lambda does (public no-arg constructor). It must be a stream handler: for any
     * other kind the runtime binds the event's JSON by reflection, with data binding, which the deployed class
     * path does not carry, so the probe could not serve it as Lambda would.
     */
    private static RequestStreamHandler streamHandler(String className) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className);
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " is not a RequestStreamHandler: the probe serves events"
                    + " only as the Lambda runtime does for a stream handler (the event's bytes in, the answer's out)");
        }
        return type.asSubclass(RequestStreamHandler.class).getConstructor().newInstance();
    }

    /**
     * What the Lambda Java runtime does with one event for a stream handler: the event's bytes in, the answer's
     * bytes out.
     *
     * @return the {@code statusCode} of the answer (an HTTP function's), 0 when it has none
     */
    private static int serve(RequestStreamHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return statusCode(out.toByteArray());
    }

    /** The top-level {@code statusCode} of a JSON answer; 0 for no answer or one without it (Dispatch's report). */
    private static int statusCode(byte[] answer) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(answer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                if (p.nextToken() == JsonToken.VALUE_NUMBER_INT && name.equals("statusCode")) {
                    return p.getIntValue();
                }
                p.skipChildren();
            }
            return 0;
        }
    }

    /**
     * The two clients every function builds at init, from the environment: by the functions' own factories, or
     * for the -crt modes by {@link CrtClients}, the same settings with the AWS CRT HTTP client.
     */
    private record Clients(AppConfig config, DynamoDbClient dynamo, SesV2Client ses) {
        static Clients build(Map<String, String> env, boolean crt) {
            // The SDK-only modes build the clients alone; secrets are the functions' own work, not the SDK's floor.
            AppConfig config = AppConfig.fromEnvironment(env == null ? System.getenv() : env, SecretSource.NONE);
            Region region = Region.of(config.region());
            return crt
                    ? new Clients(config, CrtClients.dynamo(config), CrtClients.ses(region))
                    : new Clients(config, Services.dynamoClient(config).build(), SesV2EmailSender.clientBuilder(region).build());
        }

        /** The runtime-client floor's first calls ({@link SdkFirstCallsFloor#firstCalls}), so both floors make the same. */
        int firstCalls(String label) {
            SdkFirstCallsFloor.firstCalls(config, dynamo, ses, label);
            return 0;
        }
    }

    /**
     * The clients of {@link Services#dynamoClient} and {@link SesV2EmailSender#clientBuilder}, built the same way (region,
     * default credentials and endpoint chains, call timeouts and retries, connection timeout) but with the AWS CRT HTTP
     * client: what the functions would build if they shipped it. The CRT has no socket (read) timeout; its
     * nearest is the connection health check, which closes a connection moving under 1 byte a second for the
     * factory's socket timeout (whole seconds, and only while the connection has a request in flight). A class
     * of its own so that only the -crt modes load it. The factories' settings are mirrored here, not shared:
     * ColdStartProbeTest checks that the two agree where the built clients show it.
     */
    static final class CrtClients {
        private CrtClients() {
        }

        /** As {@link Services#dynamoClient}: connect 1 s, socket 2 s, attempt 1 s, call 2 s. */
        static DynamoDbClient dynamo(AppConfig config) {
            return DynamoDbClient.builder()
                    .region(Region.of(config.region()))
                    .httpClientBuilder(http(Duration.ofSeconds(1), Duration.ofSeconds(2)))
                    .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(1))
                            .apiCallTimeout(Duration.ofSeconds(2)))
                    .build();
        }

        /** As {@link SesV2EmailSender#clientBuilder}: connect 2 s, socket 3 s, call 3 s, at most 2 attempts. */
        static SesV2Client ses(Region region) {
            return SesV2Client.builder()
                    .region(region)
                    .httpClientBuilder(http(Duration.ofSeconds(2), Duration.ofSeconds(3)))
                    .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(3))
                            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build()))
                    .build();
        }

        private static AwsCrtHttpClient.Builder http(Duration connectionTimeout, Duration socketTimeout) {
            return AwsCrtHttpClient.builder()
                    .connectionTimeout(connectionTimeout)
                    .connectionHealthConfiguration(h -> h.minimumThroughputInBps(1L).minimumThroughputTimeout(socketTimeout));
        }
    }

    private static void report(String label, int status, long mainEntered, long ready, long served) throws IOException {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        long nowNanos = System.nanoTime();
        long uptimeMillis = runtime.getUptime();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"probe\":\"%s\",\"status\":%d,\"mainMs\":%.1f,\"readyMs\":%.1f,\"servedMs\":%.1f,"
                        + "\"classesLoaded\":%d,\"peakRssKb\":%d,\"gcCount\":%d,\"gcMs\":%d,\"java\":\"%s\"}",
                label, status, sinceStart(uptimeMillis, nowNanos, mainEntered), sinceStart(uptimeMillis, nowNanos, ready),
                sinceStart(uptimeMillis, nowNanos, served),
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(), peakRssKb(), gcCount, gcMillis,
                Runtime.version()));
    }

    /** A System.nanoTime() mark as milliseconds since the JVM started. */
    private static double sinceStart(long uptimeMillis, long nowNanos, long mark) {
        return uptimeMillis - (nowNanos - mark) / 1e6;
    }

    /** VmHWM: the most resident memory this process has had. */
    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
