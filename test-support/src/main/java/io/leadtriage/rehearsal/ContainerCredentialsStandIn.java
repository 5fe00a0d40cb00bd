package io.leadtriage.rehearsal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The container credentials endpoint Lambda gives a SnapStart function instead of access-key variables
 * (Lambda's docs, "SnapStart and credentials": {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}; the runtime interface emulator sets the URI to
 * {@code http://<host>:<port>/2021-04-23/credentials}). Serves temporary credentials as the AWS SDK for
 * Java v2's {@code ContainerCredentialsProvider} reads them ({@code HttpCredentialsLoader}: a JSON object
 * with {@code AccessKeyId}, {@code SecretAccessKey}, {@code Token} and an ISO-8601 {@code Expiration}). The
 * SDK accepts a FULL_URI over plain http only when its host resolves to loopback addresses alone, which
 * 127.0.0.1 does, and sends the token as the {@code Authorization} header, which is checked here.
 *
 * <p>{@link #refuse()} makes it answer 403 to every request, the SDK's "no credentials" case, for the run
 * that must fail loudly. The credentials are made up (an ASIA... key id, random secret): the stand-ins
 * behind the endpoints accept any well-formed signature.
 */
public final class ContainerCredentialsStandIn implements AutoCloseable {
    public static final String PATH = "/2021-04-23/credentials";
    /** What Lambda's session credentials last at most; the SDK refreshes well before. */
    static final Duration LIFETIME = Duration.ofHours(6);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final HttpServer server;
    private final ExecutorService threads;
    private final String token = randomToken();
    private final String accessKeyId = "ASIA" + random(UPPER_DIGITS, 16);
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private volatile boolean refusing;

    private ContainerCredentialsStandIn() throws IOException {
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "container-credentials");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ContainerCredentialsStandIn start() {
        try {
            return new ContainerCredentialsStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException("the container credentials stand-in cannot listen on loopback", e);
        }
    }

    /** AWS_CONTAINER_CREDENTIALS_FULL_URI. */
    public URI fullUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** AWS_CONTAINER_AUTHORIZATION_TOKEN. */
    public String authorizationToken() {
        return token;
    }

    /** The key id of the credentials served, to tell them apart from any others. */
    public String accessKeyId() {
        return accessKeyId;
    }

    /** From now on every request is answered 403 (a role that cannot be assumed, an endpoint that refuses). */
    public void refuse() {
        refusing = true;
    }

    /** Serve credentials again. */
    public void serve() {
        refusing = false;
    }

    /** Requests answered with credentials. */
    public int served() {
        return served.get();
    }

    /** Requests answered 403 while refusing. */
    public int refused() {
        return refused.get();
    }

    /** Requests without the right Authorization header or to another path (always answered 403 or 404). */
    public int unauthorized() {
        return unauthorized.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(PATH)) {
                unauthorized.incrementAndGet();
                send(exchange, 404, "{\"message\":\"not found\"}");
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                send(exchange, 403, "{\"message\":\"the authorization token is missing or wrong\"}");
                return;
            }
            if (refusing) {
                refused.incrementAndGet();
                send(exchange, 403, "{\"message\":\"credentials refused by the rehearsal's stand-in\"}");
                return;
            }
            served.incrementAndGet();
            Instant expiration = Instant.now().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
            send(exchange, 200, "{\"AccessKeyId\":\"" + accessKeyId + "\",\"SecretAccessKey\":\"" + random(UPPER_DIGITS, 40)
                    + "\",\"Token\":\"" + randomToken() + "\",\"Expiration\":\"" + expiration + "\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static String random(char[] alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(chars);
    }
}
