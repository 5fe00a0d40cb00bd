package io.leadtriage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The SES v2 API on loopback, for running and testing without AWS: the npm package
 * {@code aws-ses-v2-local} (pinned in test-support/package-lock.json) run as a child Node.js process. It keeps
 * every accepted email in memory, with both bodies and the extra headers of Simple sends, and serves
 * them at {@code GET /store}.
 *
 * <p>The process ends with {@link #close()}, with a JVM shutdown hook, and on its own when this JVM dies
 * without running hooks (see {@link #STDIN_GUARD}), so no Node.js process outlives the run.
 */
public final class SesEmulator implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(5);
    private static final int OUTPUT_LINES_KEPT = 200;
    /**
     * Runs the emulator's CLI script after making Node exit once its stdin reaches end of file. Our end of
     * that pipe closes whenever this JVM goes, even killed outright (e.g. a surefire fork timing out),
     * when neither {@link #close()} nor the shutdown hook gets to run.
     */
    private static final String STDIN_GUARD = "process.stdin.on('end', () => process.exit(0));"
            + " process.stdin.resume();"
            + " require(process.argv[1]);";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI endpoint;
    private final HttpClient http;
    private final OutputTail output;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Starts the emulator and returns once it answers.
     *
     * @param launcher the package's command, {@code test-support/node_modules/.bin/aws-ses-v2-local}, which
     *                 {@code npm ci} (run by the build) installs
     * @throws IllegalStateException when it cannot be started or does not come up; the message says why
     *                               and carries what the process printed
     */
    public SesEmulator(Path launcher) {
        this(launcher, "node");
    }

    /** @param node the Node.js command (20 or later), "node" to take it from the PATH */
    public SesEmulator(Path launcher, String node) {
        Path script = cliScript(launcher);
        int port = freeLoopbackPort();
        this.endpoint = URI.create("http://" + HOST + ":" + port);
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

        ProcessBuilder command = new ProcessBuilder(node, "-e", STDIN_GUARD, script.toString(),
                "--host", HOST, "--port", Integer.toString(port))
                .redirectErrorStream(true);
        // The emulator relays every email to SMTP_TRANSPORT when that is set; a developer's shell may
        // have it, and local test mail must not go out.
        command.environment().remove("SMTP_TRANSPORT");
        try {
            this.process = command.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the SES emulator: is Node.js 20+ installed and `"
                    + node + "` on the PATH? (" + e.getMessage() + ")", e);
        }
        this.output = OutputTail.follow(process, OUTPUT_LINES_KEPT, "ses-emulator-output");
        this.shutdownHook = new Thread(this::stopProcess, "ses-emulator-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        try {
            awaitHealthy();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Where to point an SES v2 client (any region, any credentials). */
    public URI endpoint() {
        return endpoint;
    }

    /** Every email accepted since the start or the last {@link #clear()}, oldest first. */
    public List<StoredEmail> sentEmails() {
        JsonNode store;
        try {
            store = JSON.readTree(get("/store"));
        } catch (IOException e) {
            throw new UncheckedIOException("The SES emulator's /store is not the JSON expected", e);
        }
        List<StoredEmail> emails = new ArrayList<>();
        for (JsonNode email : store.path("emails")) {
            emails.add(storedEmail(email));
        }
        return List.copyOf(emails);
    }

    /** Forgets all stored emails (and templates). */
    public void clear() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve("/clear-store"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        requireOk("POST /clear-store", response);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; stopping twice is harmless.
        }
    }

    /** The process's pid, for checking that it is gone. */
    public long pid() {
        return process.pid();
    }

    /** The last lines the emulator printed, for error messages. */
    public String output() {
        return output.text();
    }

    /**
     * The CLI's script itself, so that Node is started directly: through the .bin link the kernel would
     * resolve "node" with /usr/bin/env, and a missing Node would show as exit code 127 instead of a
     * clear error.
     */
    private static Path cliScript(Path launcher) {
        if (!Files.exists(launcher)) {
            throw new IllegalStateException("The SES emulator is not installed at " + launcher
                    + ": run `npm ci` in local/ (the Maven build does this in process-resources).");
        }
        try {
            return launcher.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve the SES emulator at " + launcher, e);
        }
    }

    /** A free port now; the tiny window before the emulator binds it is accepted. */
    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for the SES emulator", e);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        HttpRequest healthCheck = HttpRequest.newBuilder(endpoint.resolve("/health-check"))
                .timeout(POLL_INTERVAL.multipliedBy(10)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The SES emulator exited with code " + process.exitValue()
                        + " while starting. Its output:" + System.lineSeparator() + outputOnceEnded());
            }
            try {
                if (http.send(healthCheck, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Refused, reset or timed out while Node loads and binds: poll again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the SES emulator", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The SES emulator did not answer on " + endpoint + " within "
                        + STARTUP_LIMIT.toSeconds() + " s. Its output:" + System.lineSeparator() + output());
            }
            sleep(POLL_INTERVAL);
        }
    }

    private String outputOnceEnded() {
        return output.textOnceEnded();
    }

    private void stopProcess() {
        // The emulator starts no child processes today; ending descendants as well means a later version
        // that does cannot leave them behind.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The process is gone; so is the pipe.
        }
    }

    private String get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve(path)).GET());
        requireOk("GET " + path, response);
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("The SES emulator at " + endpoint + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to the SES emulator", e);
        }
    }

    private static void requireOk(String what, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The SES emulator answered " + what + " with HTTP "
                    + response.statusCode());
        }
    }

    /**
     * One entry of {@code GET /store}'s {@code emails}: {@code messageId, from, replyTo[],
     * destination{to[],cc[],bcc[]}, subject, body{html?,text?}, attachments[], headers?[{name,value}],
     * at} (epoch seconds).
     */
    private static StoredEmail storedEmail(JsonNode email) {
        List<StoredEmail.Header> headers = new ArrayList<>();
        for (JsonNode header : email.path("headers")) {
            headers.add(new StoredEmail.Header(header.path("name").asText(), header.path("value").asText()));
        }
        JsonNode destination = email.path("destination");
        JsonNode body = email.path("body");
        return new StoredEmail(
                email.path("messageId").asText(),
                email.path("from").asText(),
                strings(destination.path("to")),
                strings(destination.path("cc")),
                strings(destination.path("bcc")),
                strings(email.path("replyTo")),
                email.path("subject").asText(),
                textOrNull(body.path("html")),
                textOrNull(body.path("text")),
                headers,
                email.hasNonNull("at") ? Instant.ofEpochSecond(email.get("at").asLong()) : null);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the SES emulator", e);
        }
    }
}
