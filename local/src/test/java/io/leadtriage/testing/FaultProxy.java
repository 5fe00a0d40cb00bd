package io.leadtriage.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An HTTP proxy on loopback that sits between the functions' AWS clients and a local stand-in (DynamoDB
 * Local, the SES emulator) and injects the faults real services show: throttling, connections reset
 * before the request reaches the service, responses lost after it was processed, and long delays.
 */
public final class FaultProxy implements AutoCloseable {
    /** What happens to one request. */
    public enum Fault {
        NONE,
        /** DynamoDB's 400 ThrottlingException, before the request reaches the service. */
        DYNAMODB_THROTTLING,
        /** SES v2's 429 TooManyRequestsException, before the request reaches the service. */
        SES_THROTTLING,
        /** The connection closes with no answer, before the request reaches the service. */
        RESET,
        /** The service processed the request; its answer is lost (the connection closes empty). */
        LOST_RESPONSE,
        /** The answer comes after a delay longer than the client waits. */
        DELAY
    }

    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "expect", "upgrade", "keep-alive");
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI target;
    private volatile Supplier<Fault> plan = () -> Fault.NONE;
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);

    public FaultProxy(URI target) {
        this.target = target;
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicInteger());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The fault of each next request, asked per request (a seeded random plan, a fixed one, …). */
    public void plan(Supplier<Fault> faults) {
        this.plan = faults;
    }

    public int injected(Fault fault) {
        return injected.get(fault).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Fault fault = plan.get();
        injected.get(fault).incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        switch (fault) {
            case DYNAMODB_THROTTLING -> respond(exchange, 400, Map.of("Content-Type", "application/x-amz-json-1.0"),
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                            + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}");
            case SES_THROTTLING -> respond(exchange, 429, Map.of("Content-Type", "application/json",
                    "x-amzn-ErrorType", "TooManyRequestsException"), "{\"message\":\"Maximum sending rate exceeded.\"}");
            case RESET -> exchange.close();
            case LOST_RESPONSE -> {
                forward(exchange, body);
                exchange.close();
            }
            case DELAY -> {
                sleep(Duration.ofMillis(2500));
                relay(exchange, forward(exchange, body));
            }
            default -> relay(exchange, forward(exchange, body));
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(10));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            return upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
