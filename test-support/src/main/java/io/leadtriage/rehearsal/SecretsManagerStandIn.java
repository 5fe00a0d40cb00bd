package io.leadtriage.rehearsal;

import io.leadtriage.local.OutputTail;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * AWS Secrets Manager on a loopback port: moto's {@code moto_server} (Python; {@code pip install 'moto[server]'}),
 * started as a child process on a free port and stopped with {@link #close()}. The rehearsal creates the stack's
 * secrets in it as CloudFormation would create them, and the functions read them at init through the SDK's
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. The same process serves EventBridge: the stack's lead events bus is
 * created in it, and the functions that publish reach it through {@code AWS_ENDPOINT_URL_EVENTBRIDGE}.
 */
public final class SecretsManagerStandIn implements AutoCloseable {
    static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
    private static final int OUTPUT_LINES_KEPT = 100;

    private final Process process;
    private final URI endpoint;
    private final OutputTail output;
    private final Thread shutdownHook;

    private SecretsManagerStandIn(String command) {
        int port = freePort();
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        ProcessBuilder builder = new ProcessBuilder(command, "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        try {
            this.process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("The deployment rehearsal runs Secrets Manager as moto's `" + command + "`: install it"
                    + " with `pip install 'moto[server]'` (" + e.getMessage() + ")", e);
        }
        this.output = OutputTail.follow(process, OUTPUT_LINES_KEPT, "moto-output");
        this.shutdownHook = new Thread(this::stop, "moto-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts {@code moto_server} ({@code -Dleadtriage.motoServer} names another command). */
    public static SecretsManagerStandIn start() {
        return new SecretsManagerStandIn(System.getProperty("leadtriage.motoServer", "moto_server"));
    }

    /** Whether {@code moto_server} is on the PATH: a test that needs it is skipped, saying so, where it is not. */
    public static boolean installed() {
        return java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "moto_server")));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of this stand-in, for the test's own calls (placeholder credentials: it checks none). */
    public SecretsManagerClient client(String region) {
        return SecretsManagerClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("rehearsal", "rehearsal")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * What CloudFormation does for an AWS::SecretsManager::Secret: CreateSecret with the name it chose and the
     * (generated) secret string; its Ref is the ARN Secrets Manager answers.
     */
    public SimulatedStack.Provisioner provisioner() {
        return request -> {
            try (SecretsManagerClient client = client(request.region())) {
                return client.createSecret(r -> r.name(request.physicalName())
                        .description(request.properties().path("Description").asText(null))
                        .secretString(request.properties().path("SecretString").asText())).arn();
            }
        };
    }

    /** A client of moto's EventBridge, on the same process and port, for the test's own calls. */
    public EventBridgeClient eventBridge(String region) {
        return EventBridgeClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("rehearsal", "rehearsal")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** What CloudFormation does for an AWS::Events::EventBus: CreateEventBus with its name; its Ref is the name. */
    public SimulatedStack.Provisioner eventBusProvisioner() {
        return request -> {
            try (EventBridgeClient client = eventBridge(request.region())) {
                client.createEventBus(r -> r.name(request.physicalName()));
                return request.physicalName();
            }
        };
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue() + " while starting:\n" + output());
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while moto_server started", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("moto_server did not answer on " + endpoint + " within "
                        + STARTUP_LIMIT.toSeconds() + " s:\n" + output());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while moto_server started", e);
            }
        }
    }

    private String output() {
        return output.text();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for moto_server", e);
        }
    }
}
