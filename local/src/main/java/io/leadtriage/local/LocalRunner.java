package io.leadtriage.local;

import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.SecretSource;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.Services;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole product on this machine, no AWS account and no Docker: DynamoDB Local in-process, the
 * functions of template.yaml behind their routes on http://localhost:3000, invoked with real API
 * Gateway v2 events. Started by {@code mvn -Prun package} (see the README); Ctrl-C stops everything.
 */
public final class LocalRunner implements AutoCloseable {
    /** How often the local run does what the deployed schedule does every minute: dispatch the outbox. */
    static final java.time.Duration DISPATCH_EVERY = java.time.Duration.ofSeconds(15);

    private final DynamoDbLocal dynamo;
    private final LocalHttpServer http;
    private final Services services;
    private final MailCatcher mail;
    private final java.util.concurrent.ScheduledExecutorService scheduler;
    private final AdjustableClock clock;

    private LocalRunner(DynamoDbLocal dynamo, LocalHttpServer http, Services services, MailCatcher mail,
                        java.util.concurrent.ScheduledExecutorService scheduler, AdjustableClock clock) {
        this.clock = clock;
        this.dynamo = dynamo;
        this.http = http;
        this.services = services;
        this.mail = mail;
        this.scheduler = scheduler;
    }

    /**
     * Settings of a local run.
     *
     * @param dataDir   null to keep everything in memory
     * @param modelFile the qualification model to run with (LEADTRIAGE_MODEL_FILE), or null for the shipped one
     */
    public record Options(int port, Path dataDir, Path template, Clock clock, Path modelFile) {
        public static Options fromEnvironment() {
            String port = System.getenv().getOrDefault("PORT", "3000");
            return new Options(Integer.parseInt(port), pathOrNull(System.getenv("DATA_DIR")), SamTemplate.locate(),
                    Clock.systemUTC(), pathOrNull(System.getenv("LEADTRIAGE_MODEL_FILE")));
        }

        private static Path pathOrNull(String value) {
            return value == null || value.isBlank() ? null : Path.of(value);
        }
    }

    public static LocalRunner start(Options options) {
        SamTemplate template = SamTemplate.read(options.template());
        DynamoDbLocal dynamo = DynamoDbLocal.start(options.dataDir() == null ? null : options.dataDir().resolve("dynamodb"));
        try {
            DynamoDbClient client = dynamo.client();
            DynamoDbLocal.createTables(client, template);
            LocalHttpServer http = LocalHttpServer.bind(options.port());
            String origin = "http://localhost:" + http.port();
            Map<String, SamTemplate.FunctionDefinition> functions = template.functions();
            Map<String, String> env = localEnvironment(functions, origin);
            AdjustableClock clock = new AdjustableClock(options.clock());
            MailCatcher mail = new MailCatcher(clock);
            AppConfig config = AppConfig.fromEnvironment(env, localSecrets(env, options.dataDir()));
            config = new AppConfig(config.leadsTable(), config.allowedOrigins(), config.tokenKeys(), config.region(),
                    options.modelFile() == null ? null : options.modelFile().toString(), EmailSettings.local(origin), config.ingestKeys(), config.adminToken(), config.limits(), config.humanCheck());
            // SES_ENDPOINT (an SES v2 emulator such as aws-ses-v2-local) sends through the real SES adapter too.
            String sesEndpoint = System.getenv("SES_ENDPOINT");
            EmailSender sender = sesEndpoint == null || sesEndpoint.isBlank() ? mail
                    : mail.copying(new SesV2EmailSender(LocalClients.ses(java.net.URI.create(sesEndpoint)), null));
            Services services = new Services(config, clock, client, sender);
            List<ApiRoute> routes = new ArrayList<>();
            for (SamTemplate.FunctionDefinition function : functions.values()) {
                if (function.routes().isEmpty()) {
                    continue; // scheduled and event-driven functions: the dispatcher timer below stands in for them
                }
                LambdaInvoker invoker = invokerFor(function, services);
                for (SamTemplate.Route route : function.routes()) {
                    routes.add(new ApiRoute(route.method(), route.path(), invoker));
                }
            }
            http.serve(routes, List.of(origin), template.cors(),
                    List.of(new LocalConsole(services, mail, clock, client), new SampleSite()));
            java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors
                    .newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "local-dispatcher");
                        t.setDaemon(true);
                        return t;
                    });
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    services.reviewTiers().reviewDue(500);
                    services.dispatcher().dispatchDue(500, java.time.Duration.ofSeconds(10));
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
            }, DISPATCH_EVERY.toSeconds(), DISPATCH_EVERY.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            return new LocalRunner(dynamo, http, services, mail, scheduler, clock);
        } catch (RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.fromEnvironment();
        LocalRunner runner = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            System.out.println("leadtriage stopped.");
        }));
        String base = runner.baseUrl();
        System.out.println();
        System.out.println("leadtriage is running (DynamoDB Local in-process, " + (options.dataDir() == null
                ? "in memory" : "data in " + options.dataDir()) + ")");
        System.out.println("  Landing page:  " + base + "/            (the two-step get-started form)");
        System.out.println("  Local console: " + base + "/_local/     (leads with score and breakdown; emails caught)");
        System.out.println("  Emails (JSON): " + base + "/_local/emails");
        System.out.println("  Model:         " + modelInEffect(runner.services(), options.modelFile()));
        System.out.println("  API:           " + base + "/v1/forms/{formId}   (forms: "
                + String.join(", ", runner.services.model().forms().keySet()) + ")");
        System.out.println("  Ingest key:    " + runner.services.config().ingestKeys().get(0)
                + "   (product backends: Authorization: Bearer <key> on POST /v1/events)");
        System.out.println("  Admin API:     " + base + "/v1/admin/leads   (" + (runner.services.config().adminToken() == null
                ? "refused: set ADMIN_TOKEN to use it" : "Authorization: Bearer $ADMIN_TOKEN") + ")");
        System.out.println("  Time travel:   curl -X POST " + base + "/_local/clock -d '{\"advance\":\"P3D\"}' && curl -X POST "
                + base + "/_local/dispatch");
        System.out.println("Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }

    /**
     * Which qualification model the run uses, for the banner: the shipped file, LEADTRIAGE_MODEL_FILE's, or a version
     * PUT through the admin API and kept in DATA_DIR, which wins over either file.
     */
    static String modelInEffect(Services services, Path modelFile) {
        String file = modelFile == null ? "functions/model/leadtriage-model.yaml (shipped; LEADTRIAGE_MODEL_FILE=<path> runs another)"
                : modelFile.toAbsolutePath().normalize() + " (LEADTRIAGE_MODEL_FILE)";
        long version = services.modelVersion();
        return version == 0 ? file : "version " + version + ", PUT through the admin API and kept in DATA_DIR; it wins over " + file;
    }

    public String baseUrl() {
        return "http://localhost:" + http.port();
    }

    public Services services() {
        return services;
    }

    public AdjustableClock clock() {
        return clock;
    }

    public MailCatcher mail() {
        return mail;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        http.close();
        dynamo.close();
    }

    /**
     * The functions' environment as the template declares it, with what CloudFormation would resolve
     * replaced by its local equivalent: table names and secrets (a !Ref reads as the logical id, which is the
     * local table's name and the local secret's id), the origin, the region.
     */
    private static Map<String, String> localEnvironment(Map<String, SamTemplate.FunctionDefinition> functions,
                                                        String origin) {
        Map<String, String> env = new HashMap<>();
        functions.values().forEach(f -> env.putAll(f.environment()));
        env.put("ALLOWED_ORIGINS", origin);
        env.put("AWS_REGION", "us-east-1");
        String adminToken = System.getenv("ADMIN_TOKEN");
        if (adminToken != null && !adminToken.isBlank()) {
            env.put("ADMIN_TOKEN", adminToken);
        }
        return env;
    }

    /**
     * The secrets the template names, as a local run has them: the token key generated (and kept in the data
     * folder, so links survive a restart), the ingest key generated or taken from INGEST_KEY. Turnstile stays
     * off locally (its secret is only created when the TurnstileSecret parameter is set).
     */
    private static SecretSource localSecrets(Map<String, String> env, Path dataDir) {
        Map<String, String> values = new HashMap<>();
        putIfNamed(values, env.get(AppConfig.TOKEN_SECRET), secret(dataDir, "token-signing-key"));
        putIfNamed(values, env.get(AppConfig.INGEST_SECRET),
                System.getenv().getOrDefault("INGEST_KEY", secret(dataDir, "ingest-key")));
        return (secretId, previous) -> previous ? Optional.empty() : Optional.ofNullable(values.get(secretId));
    }

    private static void putIfNamed(Map<String, String> values, String secretId, String value) {
        if (secretId != null && !secretId.isBlank()) {
            values.put(secretId, value);
        }
    }

    /** A random secret for this run, kept in the data folder (when there is one) so it survives restarts. */
    private static String secret(Path dataDir, String name) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String fresh = HexFormat.of().formatHex(random);
        if (dataDir == null) {
            return fresh;
        }
        Path keyFile = dataDir.resolve(name);
        try {
            if (Files.exists(keyFile)) {
                return Files.readString(keyFile, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(dataDir);
            Files.writeString(keyFile, fresh, StandardCharsets.UTF_8);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function's handler class, built around the shared local services, as its route's target. */
    private static LambdaInvoker invokerFor(SamTemplate.FunctionDefinition function, Services services) {
        try {
            Class<? extends HttpFunction> type = Class.forName(function.handlerClass()).asSubclass(HttpFunction.class);
            HttpFunction handler = type.getConstructor(Services.class).newInstance(services);
            // Through the stream method, as Lambda calls it: the envelope as bytes in, the answer as bytes out.
            return event -> {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                try {
                    handler.handleRequest(new ByteArrayInputStream(HttpApiEnvelopes.json(event)), answer, null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return HttpApiEnvelopes.response(answer.toByteArray());
            };
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(function.logicalId() + ": handler " + function.handler()
                    + " is not an HTTP function that can be built with the local services", e);
        }
    }
}
