package io.leadtriage.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.config.ModelLoader;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * One cold start, measured from inside the JVM it happens in. {@link PerformanceReport} runs it in a fresh
 * JVM for every measurement, with the deployed class path (functions/target/classes and the functions'
 * runtime dependencies, not this module's), the functions' JVM flags and a function's environment. So
 * this class may use the JDK and what deploys, nothing else of the local module.
 *
 * <pre>
 * ColdStartProbe hello                              the floor: a JVM that starts and prints
 * ColdStartProbe sdk-only                           builds the DynamoDB and SES clients, as the functions build them
 * ColdStartProbe sdk-first-calls                    the same, then one GetItem and one SendEmail
 * ColdStartProbe model-only                         loads and checks the qualification model the functions ship
 * ColdStartProbe &lt;label&gt; &lt;handler class&gt; &lt;event file&gt;   a function: construct its handler the way Lambda does
 *                                                   (public no-arg constructor), serve the event once
 * </pre>
 *
 * <p>Prints one line, {@code {"probe":…}}: milliseconds since the JVM started (RuntimeMXBean's start
 * time, taken as the JVM is created) at main, when the handler (or the clients) were ready, and when the
 * event was served; classes loaded; peak resident memory (VmHWM). java.lang.management is loaded only
 * after the last mark, so it costs no time that is measured; its classes do count, the same in every mode.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainEntered = System.nanoTime();
        String label = args[0];
        long ready;
        int status = 0;
        switch (label) {
            case "hello" -> ready = System.nanoTime();
            case "sdk-only" -> {
                Clients clients = Clients.build();
                ready = System.nanoTime();
                status = clients.hashCode() == 0 ? -1 : 0; // keeps the clients reachable until here
            }
            case "sdk-first-calls" -> {
                Clients clients = Clients.build();
                ready = System.nanoTime();
                status = clients.firstCalls();
            }
            case "model-only" -> {
                status = ModelLoader.loadDefault().forms().isEmpty() ? -1 : 0;
                ready = System.nanoTime();
            }
            default -> {
                if (args.length != 3) {
                    throw new IllegalArgumentException("usage: ColdStartProbe <label> <handler class> <event file>");
                }
                Object handler = Class.forName(args[1]).getConstructor().newInstance();
                ready = System.nanoTime();
                status = serve(handler, Files.readAllBytes(Path.of(args[2])));
            }
        }
        long served = System.nanoTime();
        report(label, status, mainEntered, ready, served);
    }

    /**
     * What the Lambda Java runtime does with one event: JSON into the handler's input type (or the raw
     * bytes, for a stream handler), the call, the answer back to JSON.
     *
     * @return the HTTP status of an API Gateway answer, 0 for other handlers
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int serve(Object handler, byte[] event) throws IOException {
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), out, null);
            return 0;
        }
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Object input = json.readValue(event, inputType(handler.getClass()));
        Object answer = ((RequestHandler) handler).handleRequest(input, null);
        json.writeValueAsBytes(answer);
        return answer instanceof APIGatewayV2HTTPResponse http ? http.getStatusCode() : 0;
    }

    private static Class<?> inputType(Class<?> handlerClass) {
        for (Type type : handlerClass.getGenericInterfaces()) {
            if (type instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return (Class<?>) p.getActualTypeArguments()[0];
            }
        }
        throw new IllegalArgumentException(handlerClass + " implements neither RequestHandler<I, O> nor RequestStreamHandler");
    }

    /** The two clients every function builds at init, built by the functions' own factories from the environment. */
    private record Clients(AppConfig config, DynamoDbClient dynamo, SesV2Client ses) {
        static Clients build() {
            AppConfig config = AppConfig.fromEnvironment(System.getenv());
            return new Clients(config, Services.dynamoClient(config),
                    SesV2EmailSender.client(Region.of(config.region()), config.email().sesEndpoint()));
        }

        /** A GetItem that finds nothing and a one-line email: what the SDK loads and warms on first use. */
        int firstCalls() {
            dynamo.getItem(r -> r.tableName(config.leadsTable()).consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS("BENCH#cold-start"), "sk", AttributeValue.fromS("NONE"))));
            ses.sendEmail(r -> r.fromEmailAddress(config.email().senderAddress())
                    .destination(d -> d.toAddresses("cold-start-probe@example.com"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("cold start probe"))
                            .body(b -> b.text(t -> t.data("sdk-first-calls"))))));
            return 0;
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
