package io.leadtriage.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Lambda Runtime API, version 2018-06-01, on a loopback port: what the runtime interface client (RIC)
 * of one execution environment talks to. Paths, headers and status codes are those the RIC 2.10.1 uses and
 * expects (aws-lambda-java-runtime-interface-client: {@code runtimeapi/LambdaRuntimeApiClientImpl} for
 * init/error, invocation/error and restore/*, which it calls with HttpURLConnection and checks for 202, or
 * 200 for restore/next; its native client, aws-lambda-cpp's {@code runtime.cpp}, for invocation/next and
 * the response, any 2xx):
 *
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next}: blocks until an event is submitted, then answers
 *   200 with the event as body and the headers {@code Lambda-Runtime-Aws-Request-Id},
 *   {@code Lambda-Runtime-Deadline-Ms}, {@code Lambda-Runtime-Invoked-Function-Arn} and
 *   {@code Lambda-Runtime-Trace-Id};</li>
 *   <li>{@code POST .../invocation/{id}/response}: 202; over 6 MB, 413 as Lambda answers, and the
 *   invocation fails;</li>
 *   <li>{@code POST .../invocation/{id}/error}, {@code POST /2018-06-01/runtime/init/error},
 *   {@code POST /2018-06-01/runtime/restore/error}: 202; the RIC sends {@code errorMessage, errorType,
 *   stackTrace} as JSON and the kind of error in {@code Lambda-Runtime-Function-Error-Type}
 *   ({@code Runtime.BadFunctionCode}, {@code Runtime.UserException}, {@code Runtime.BeforeCheckpointError},
 *   {@code Runtime.AfterRestoreError});</li>
 *   <li>{@code GET /2018-06-01/runtime/restore/next}: SnapStart. The RIC calls it once init and the
 *   registered {@code beforeCheckpoint} hooks are done; Lambda snapshots the VM there and answers only when
 *   a snapshot is restored. Here it blocks until {@link #restore()}, so a test can look at the world at
 *   the snapshot point (what priming wrote or sent) before the runtime goes on.</li>
 * </ul>
 * Everything is recorded on a {@link Timeline}. No event or answer body is ever logged here.
 */
public final class RuntimeApiStandIn implements AutoCloseable {
    static final String RUNTIME = "/2018-06-01/runtime";
    /** Lambda refuses a synchronous response larger than this (its documented payload quota). */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(50);

    /** An error the runtime reported: where, its kind (the header), and the payload's fields. */
    public record ReportedError(String endpoint, String errorKind, String errorType, String errorMessage,
                                List<String> stackTrace, String body) {
        @Override
        public String toString() {
            return endpoint + " " + errorKind + ": " + errorType + ": " + errorMessage;
        }
    }

    /** What an invocation came back with: the response, or the error the runtime posted. */
    public record Answer(String requestId, byte[] body, ReportedError error, double durationMs) {
        public boolean isError() {
            return error != null;
        }

        public String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final class Pending {
        final String requestId = UUID.randomUUID().toString();
        final byte[] event;
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        volatile long dispatchedNanos;

        Pending(byte[] event) {
            this.event = event;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final String invokedFunctionArn;
    private final Duration functionTimeout;
    private final Timeline timeline = new Timeline();
    private final LinkedBlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CountDownLatch checkpointReached = new CountDownLatch(1);
    private final CountDownLatch restoreReleased = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicReference<ReportedError> initError = new AtomicReference<>();
    private final AtomicReference<ReportedError> restoreError = new AtomicReference<>();
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger nextCalls = new AtomicInteger();
    private volatile boolean closed;

    private RuntimeApiStandIn(String invokedFunctionArn, Duration functionTimeout) throws IOException {
        this.invokedFunctionArn = invokedFunctionArn;
        this.functionTimeout = functionTimeout;
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext(RUNTIME + "/", this::handle);
        server.start();
    }

    /**
     * @param invokedFunctionArn what {@code Lambda-Runtime-Invoked-Function-Arn} carries (the alias ARN, for a
     *                           function invoked through its alias)
     * @param functionTimeout    the function's Timeout: the deadline each invocation is given
     */
    public static RuntimeApiStandIn start(String invokedFunctionArn, Duration functionTimeout) {
        try {
            return new RuntimeApiStandIn(invokedFunctionArn, functionTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("the Runtime API stand-in cannot listen on loopback", e);
        }
    }

    /** {@code host:port}, the value of AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Queues an event for the runtime's next {@code invocation/next}. */
    public CompletableFuture<Answer> submit(byte[] event) {
        if (closed) {
            throw new IllegalStateException("the Runtime API stand-in is closed");
        }
        Pending pending = new Pending(event.clone());
        queued.add(pending);
        return pending.answer;
    }

    /** Whether the runtime reached {@code restore/next} (SnapStart's snapshot point) within the wait. */
    boolean awaitCheckpoint(Duration wait) throws InterruptedException {
        return checkpointReached.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean checkpointReached() {
        return checkpointReached.getCount() == 0;
    }

    /** Answers {@code restore/next}: the snapshot is "restored", the runtime runs its afterRestore hooks. */
    public void restore() {
        timeline.restored();
        restoreReleased.countDown();
    }

    /** Whether the runtime asked for its first invocation (init is over) within the wait. */
    boolean awaitReady(Duration wait) throws InterruptedException {
        return ready.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isReady() {
        return ready.getCount() == 0;
    }

    public Optional<ReportedError> initError() {
        return Optional.ofNullable(initError.get());
    }

    public Optional<ReportedError> restoreError() {
        return Optional.ofNullable(restoreError.get());
    }

    /** How many times the runtime called {@code invocation/next}. */
    public int nextCalls() {
        return nextCalls.get();
    }

    /** Every request the runtime made, as "METHOD /path -> status", in order (paths only: no bodies). */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        closed = true;
        restoreReleased.countDown();
        server.stop(0);
        threads.shutdownNow();
        IllegalStateException gone = new IllegalStateException("the execution environment was shut down");
        queued.forEach(p -> p.answer.completeExceptionally(gone));
        inFlight.values().forEach(p -> p.answer.completeExceptionally(gone));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.substring(RUNTIME.length()).split("/");
        // parts[0] is "" (the path starts with a slash after the prefix)
        int status;
        try {
            if (method.equals("GET") && path.equals(RUNTIME + "/invocation/next")) {
                status = next(exchange);
            } else if (method.equals("POST") && parts.length == 4 && parts[1].equals("invocation")
                    && parts[3].equals("response")) {
                status = response(exchange, parts[2]);
            } else if (method.equals("POST") && parts.length == 4 && parts[1].equals("invocation")
                    && parts[3].equals("error")) {
                status = invocationError(exchange, parts[2]);
            } else if (method.equals("POST") && path.equals(RUNTIME + "/init/error")) {
                ReportedError error = readError(exchange, "init/error");
                initError.compareAndSet(null, error);
                status = accepted(exchange);
            } else if (method.equals("GET") && path.equals(RUNTIME + "/restore/next")) {
                status = restoreNext(exchange);
            } else if (method.equals("POST") && path.equals(RUNTIME + "/restore/error")) {
                restoreError.compareAndSet(null, readError(exchange, "restore/error"));
                status = accepted(exchange);
            } else {
                status = send(exchange, 404, "{\"errorMessage\":\"Unknown path\",\"errorType\":\"InvalidRequest\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        } finally {
            exchange.close();
        }
        synchronized (this) {
            requests.add(method + " " + path + " -> " + status);
        }
    }

    private int next(HttpExchange exchange) throws IOException, InterruptedException {
        nextCalls.incrementAndGet();
        timeline.ready();
        ready.countDown();
        Pending pending;
        do {
            if (closed) {
                return send(exchange, 500, "{\"errorMessage\":\"shutting down\",\"errorType\":\"Runtime.ShuttingDown\"}");
            }
            pending = queued.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        } while (pending == null);
        pending.dispatchedNanos = System.nanoTime();
        inFlight.put(pending.requestId, pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invokedFunctionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        exchange.sendResponseHeaders(200, pending.event.length == 0 ? -1 : pending.event.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(pending.event);
        }
        return 200;
    }

    private int response(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = readBody(exchange);
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            return send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        }
        long now = System.nanoTime();
        if (body.length > MAX_RESPONSE_BYTES) {
            ReportedError tooLarge = new ReportedError("invocation/response", "Function.ResponseSizeTooLarge",
                    "Function.ResponseSizeTooLarge", "Response payload size (" + body.length + " bytes) exceeded maximum allowed payload size",
                    List.of(), "");
            finish(pending, now, new Answer(requestId, null, tooLarge, (now - pending.dispatchedNanos) / 1e6));
            return send(exchange, 413, "{\"errorMessage\":\"Exceeded maximum allowed payload size\",\"errorType\":\"RequestEntityTooLarge\"}");
        }
        finish(pending, now, new Answer(requestId, body, null, (now - pending.dispatchedNanos) / 1e6));
        return accepted(exchange);
    }

    private int invocationError(HttpExchange exchange, String requestId) throws IOException {
        ReportedError error = readError(exchange, "invocation/error");
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            return send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        }
        long now = System.nanoTime();
        finish(pending, now, new Answer(requestId, null, error, (now - pending.dispatchedNanos) / 1e6));
        return accepted(exchange);
    }

    private void finish(Pending pending, long answeredNanos, Answer answer) {
        timeline.invocation(pending.requestId, pending.dispatchedNanos, answeredNanos, answer.isError());
        pending.answer.complete(answer);
    }

    private int restoreNext(HttpExchange exchange) throws IOException, InterruptedException {
        timeline.checkpoint();
        checkpointReached.countDown();
        while (!restoreReleased.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            // Lambda holds this request across the snapshot; here until the test says "restored".
        }
        if (closed) {
            return send(exchange, 500, "{\"errorMessage\":\"shutting down\",\"errorType\":\"Runtime.ShuttingDown\"}");
        }
        exchange.sendResponseHeaders(200, -1);
        return 200;
    }

    private static int accepted(HttpExchange exchange) throws IOException {
        return send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static int send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
        return status;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static ReportedError readError(HttpExchange exchange, String endpoint) throws IOException {
        String kind = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        String body = new String(readBody(exchange), StandardCharsets.UTF_8);
        String type = null;
        String message = null;
        List<String> trace = new ArrayList<>();
        try {
            JsonNode json = JSON.readTree(body);
            type = json.path("errorType").asText(null);
            message = json.path("errorMessage").asText(null);
            json.path("stackTrace").forEach(line -> trace.add(line.asText()));
        } catch (IOException notJson) {
            // Kept as the raw body: a runtime may post anything; the RIC posts JSON.
        }
        return new ReportedError(endpoint, kind, type, message, List.copyOf(trace), body);
    }

    /** X-Ray's trace header format: {@code Root=1-<epoch seconds, hex>-<96 random bits>;Parent=...;Sampled=1}. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=1";
    }
}
