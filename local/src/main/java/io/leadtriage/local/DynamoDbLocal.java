package io.leadtriage.local;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DynamoDB Local running inside this JVM on a loopback port: in memory, or in a data folder that keeps
 * it across restarts. Clients reach it over real HTTP, exactly as they reach DynamoDB.
 */
public final class DynamoDbLocal implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocal(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** @param dataDir null for in-memory */
    public static DynamoDbLocal start(Path dataDir) {
        requireNativeLibraries();
        if (dataDir != null) {
            waitUntilUnlocked(dataDir.resolve(SHARED_DB_FILE));
        }
        int port = freePort();
        // DynamoDB Local prints its settings on stdout as it starts (a random port, "CorsParams: null"): noise beside
        // the local run's own banner, which says what matters. Kept, and said, only if it does not start. Its log
        // (Log4j 2, warnings to stdout) is set up first, so that it keeps the real stdout.
        org.apache.logging.log4j.LogManager.getContext(false);
        PrintStream stdout = System.out;
        ByteArrayOutputStream settings = new ByteArrayOutputStream();
        System.setOut(new PrintStream(settings, true, StandardCharsets.UTF_8));
        try {
            String[] args = dataDir == null
                    ? new String[]{"-inMemory", "-port", String.valueOf(port), "-disableTelemetry"}
                    : new String[]{"-dbPath", Files.createDirectories(dataDir).toString(), "-sharedDb",
                    "-port", String.valueOf(port), "-disableTelemetry"};
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return new DynamoDbLocal(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage()
                    + "\n" + settings.toString(StandardCharsets.UTF_8).strip(), e);
        } finally {
            System.setOut(stdout);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this server; region and credentials are placeholders DynamoDB Local accepts. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(LocalClients.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates every table template.yaml declares (an existing one, from a data folder, is kept). */
    public static void createTables(DynamoDbClient client, SamTemplate template) {
        for (CreateTableRequest table : template.tables()) {
            try {
                client.createTable(table);
            } catch (ResourceInUseException alreadyThere) {
                continue;
            }
            enableTimeToLive(client, template, table.tableName(), table.tableName());
        }
    }

    /**
     * Creates one of the template's tables (keys, indexes, TTL, as {@link #createTables} makes them) under another
     * name: the one a deployed stack gives it (the deployment rehearsal's).
     */
    public static void createTable(DynamoDbClient client, SamTemplate template, String logicalId, String name) {
        CreateTableRequest table = template.tables().stream().filter(t -> t.tableName().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the local runner's template reader has no table " + logicalId));
        client.createTable(table.toBuilder().tableName(name).build());
        enableTimeToLive(client, template, logicalId, name);
    }

    private static void enableTimeToLive(DynamoDbClient client, SamTemplate template, String logicalId, String name) {
        String ttl = template.timeToLiveAttribute(logicalId);
        if (ttl != null) {
            client.updateTimeToLive(r -> r.tableName(name)
                    .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(ttl).enabled(true).build()));
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    /** The file DynamoDB Local keeps every table in with {@code -sharedDb}. */
    static final String SHARED_DB_FILE = "shared-local-instance.db";

    /**
     * Waits (up to 30 s) until no other connection holds a write lock on the data folder's database. A DynamoDB Local
     * stopped a moment ago in this JVM (a restart) closes its SQLite connection on a thread of its own: a start that
     * runs ahead of it failed its first write with a 500 ("database is locked").
     */
    private static void waitUntilUnlocked(Path database) {
        if (!Files.exists(database)) {
            return;
        }
        com.almworks.sqlite4java.SQLiteConnection probe = new com.almworks.sqlite4java.SQLiteConnection(database.toFile());
        try {
            probe.open(false);
            probe.setBusyTimeout(30_000);
            probe.exec("BEGIN IMMEDIATE");
            probe.exec("ROLLBACK");
        } catch (com.almworks.sqlite4java.SQLiteException e) {
            throw new IllegalStateException("the data folder's database " + database + " stayed locked for 30 s: is another "
                    + "local run using it? (" + e.getMessage() + ")", e);
        } finally {
            probe.dispose();
        }
    }

    /** sqlite4java needs its native library; the build copies it to target/native-libs. */
    private static void requireNativeLibraries() {
        if (System.getProperty("sqlite4java.library.path") != null) {
            return;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path libs = dir.resolve("local/target/native-libs");
            if (Files.isDirectory(libs)) {
                System.setProperty("sqlite4java.library.path", libs.toString());
                return;
            }
            libs = dir.resolve("target/native-libs");
            if (Files.isDirectory(libs)) {
                System.setProperty("sqlite4java.library.path", libs.toString());
                return;
            }
        }
        throw new StartFailure("DynamoDB Local's native libraries are missing: build once with"
                + " `mvn -q -pl local -am package` (it copies them to local/target/native-libs)");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
