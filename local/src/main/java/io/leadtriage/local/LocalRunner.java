package io.leadtriage.local;

import io.leadtriage.adapters.ses.SesV2EmailSender;
import io.leadtriage.adapters.webhooks.HttpWebhookSender;
import io.leadtriage.app.ports.EmailSender;
import io.leadtriage.config.ModelException;
import io.leadtriage.handlers.http.HttpFunction;
import io.leadtriage.ops.Log;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.app.ports.SecretSource;
import io.leadtriage.wiring.EmailSettings;
import io.leadtriage.wiring.Outlets;
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
    private final EventCatcher events;
    private final WebhookReceiver webhooks;
    private final java.util.concurrent.ScheduledExecutorService scheduler;
    private final AdjustableClock clock;
    private final LocalMetrics metrics;
    private final LocalRoles roles;

    private LocalRunner(DynamoDbLocal dynamo, LocalHttpServer http, Services services, MailCatcher mail,
                        EventCatcher events, WebhookReceiver webhooks, java.util.concurrent.ScheduledExecutorService scheduler,
                        AdjustableClock clock, LocalMetrics metrics, LocalRoles roles) {
        this.roles = roles;
        this.webhooks = webhooks;
        this.clock = clock;
        this.metrics = metrics;
        this.dynamo = dynamo;
        this.http = http;
        this.services = services;
        this.mail = mail;
        this.events = events;
        this.scheduler = scheduler;
    }

    /**
     * Settings of a local run.
     *
     * @param dataDir        null to keep everything in memory
     * @param modelFile      the qualification model to run with (LEADTRIAGE_MODEL_FILE), or null for the shipped one
     * @param allowedOrigins origins of landing pages elsewhere that may call the run from the browser, besides its
     *                       own (ALLOWED_ORIGINS, as the template's AllowedOrigins parameter adds them deployed)
     */
    public record Options(int port, Path dataDir, Path template, Clock clock, Path modelFile, List<String> allowedOrigins) {
        public Options {
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        /** A run that only its own pages call, with the shipped model. */
        public Options(int port, Path dataDir, Path template, Clock clock) {
            this(port, dataDir, template, clock, null, List.of());
        }

        /** A run that only its own pages call, with the given model file. */
        public Options(int port, Path dataDir, Path template, Clock clock, Path modelFile) {
            this(port, dataDir, template, clock, modelFile, List.of());
        }

        /** A run that pages on other origins call too, with the shipped model. */
        public Options(int port, Path dataDir, Path template, Clock clock, List<String> allowedOrigins) {
            this(port, dataDir, template, clock, null, allowedOrigins);
        }

        public static Options fromEnvironment() {
            String port = System.getenv().getOrDefault("PORT", "3000");
            return new Options(port(port), pathOrNull(System.getenv("DATA_DIR")), SamTemplate.locate(), Clock.systemUTC(),
                    pathOrNull(System.getenv("LEADTRIAGE_MODEL_FILE")), LocalOrigins.parse(System.getenv("ALLOWED_ORIGINS")));
        }

        private static Path pathOrNull(String value) {
            return value == null || value.isBlank() ? null : Path.of(value);
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value.strip());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new StartFailure("PORT=" + value + " is not a port number (1-65535; 3000 when unset)");
        }
    }

    public static LocalRunner start(Options options) {
        SamTemplate template = SamTemplate.read(options.template());
        LocalHttpServer http = LocalHttpServer.bind(options.port()); // first: a port in use stops a start with nothing begun
        DynamoDbLocal dynamo;
        try {
            dynamo = DynamoDbLocal.start(options.dataDir() == null ? null : options.dataDir().resolve("dynamodb"));
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        LocalMetrics metrics = null;
        try {
            DynamoDbClient client = dynamo.client();
            DynamoDbLocal.createTables(client, template);
            List<String> origins = LocalOrigins.of(http.port(), options.allowedOrigins());
            Map<String, SamTemplate.FunctionDefinition> functions = template.functions();
            Map<String, String> env = localEnvironment(functions, origins);
            AdjustableClock clock = new AdjustableClock(options.clock());
            MailCatcher mail = new MailCatcher(clock);
            EventCatcher events = new EventCatcher(clock);
            ChatCatcher chat = new ChatCatcher(clock);
            WebhookReceiver webhooks = new WebhookReceiver(clock);
            AppConfig config = AppConfig.fromEnvironment(env, localSecrets(env, options.dataDir()));
            // No public URL set: links are built on the name and port each request came to (localhost or 127.0.0.1).
            config = new AppConfig(config.leadsTable(), config.allowedOrigins(), config.tokenKeys(), config.region(),
                    localModelFile(options.modelFile()), EmailSettings.local(null), config.ingestKeys(), config.adminToken(), config.limits(), config.humanCheck(),
                    config.emailIndexKey(), config.crmOutcomes());
            // SES_ENDPOINT (an SES v2 emulator such as aws-ses-v2-local) sends through the real SES adapter too.
            String sesEndpoint = System.getenv("SES_ENDPOINT");
            EmailSender sender = sesEndpoint == null || sesEndpoint.isBlank() ? mail
                    : mail.copying(new SesV2EmailSender(LocalClients.ses(java.net.URI.create(sesEndpoint)), null));
            // The signed webhooks go through the real HTTP adapter, to the receiver on this server.
            Services services = new Services(config, clock, client, sender, new Outlets(events, chat,
                    new HttpWebhookSender(webhooks.subscribers(http.port()), clock)));
            // What the functions emit, kept for GET /_local/metrics and the console.
            metrics = LocalMetrics.listening();
            List<ApiRoute> routes = new ArrayList<>();
            for (SamTemplate.FunctionDefinition function : functions.values()) {
                if (function.routes().isEmpty()) {
                    continue; // scheduled and event-driven functions: the dispatcher timer below stands in for them
                }
                LambdaInvoker invoker = invokerFor(function, services);
                for (SamTemplate.Route route : function.routes()) {
                    routes.add(new ApiRoute(route.method(), route.path(), invoker, "AWS_IAM".equals(route.authorizer())));
                }
            }
            // One token per console role (ADMIN_TOKEN's is the admin's), each held to its group's IAM policy.
            Map<String, String> tokenSettings = new HashMap<>(System.getenv());
            tokenSettings.put("ADMIN_TOKEN", config.adminToken());
            LocalRoles roles = LocalRoles.of(template, tokenSettings);
            http.serve(routes, origins, template.cors(), List.of(webhooks, roles,
                    new LocalConsole(services, mail, events, chat, webhooks, clock, client, metrics), new SampleSite()), roles);
            java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors
                    .newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "local-dispatcher");
                        t.setDaemon(true);
                        return t;
                    });
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    services.reviewTiers().reviewDue(500);
                    services.rescoreLeads().continueRescoring(io.leadtriage.app.Budget.leads(500));
                    services.dispatcher().dispatchDue(500, java.time.Duration.ofSeconds(10));
                    services.publishLeadEvents().publishDue(500, java.time.Duration.ofSeconds(10));
                } catch (RuntimeException e) {
                    // One log line, as the local server logs what it did not handle; the next tick tries again.
                    Log.error("local dispatcher: due work failed", Map.of("at", LocalHttpServer.thrownAt(e)), e);
                }
            }, DISPATCH_EVERY.toSeconds(), DISPATCH_EVERY.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            return new LocalRunner(dynamo, http, services, mail, events, webhooks, scheduler, clock, metrics, roles);
        } catch (RuntimeException e) {
            if (metrics != null) {
                metrics.close();
            }
            http.close();
            dynamo.close();
            throw e;
        }
    }

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    public static void main(String[] args) throws InterruptedException {
        // The local API answers with the JDK's HTTP server, which leaves TCP_NODELAY off unless told (read once, when its
        // first server is made): with Nagle and delayed ACKs a browser's small requests would wait about 40 ms each.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        // Deployed, EMF lines go to CloudWatch; here GET /_local/metrics shows them, and the console keeps to the log
        // lines (the dispatcher's pass every 15 seconds would print two metric lines each time).
        io.leadtriage.ops.Metrics.redirectTo(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        Options options = orExit(Options::fromEnvironment);
        LocalRunner runner = orExit(() -> start(options));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            System.out.println("leadtriage stopped.");
        }));
        exitNormallyOn("INT", "TERM");
        String base = runner.baseUrl();
        System.out.println();
        System.out.println("leadtriage is running (DynamoDB Local in-process, " + (options.dataDir() == null
                ? "in memory" : "data in " + options.dataDir()) + ")");
        System.out.println("  Landing page:  " + base + "/            (the two-step get-started form)");
        System.out.println("  Local console: " + base + "/_local/     (leads with score and breakdown; emails caught)");
        System.out.println("  Emails (JSON): " + base + "/_local/emails");
        System.out.println("  Events (JSON): " + base + "/_local/events   (lead events, as an EventBridge rule's target gets them)");
        System.out.println("  Chat (JSON):   " + base + "/_local/chat     (Slack and Teams alerts, as their webhooks get them)");
        System.out.println("  Webhooks:      " + base + "/_local/webhooks (signed deliveries to the local subscriber, each verified)");
        System.out.println("  Metrics:       " + base + "/_local/metrics   (speed to alert, outbox age, every metric emitted)");
        System.out.println("  Model:         " + modelInEffect(runner.services(), options.modelFile()));
        System.out.println("  API:           " + base + "/v1/forms/{formId}   (forms: "
                + String.join(", ", runner.services.models().current().model().forms().keySet()) + ")");
        System.out.println("  Ingest key:    " + runner.services.config().ingestKeys().get(0)
                + "   (product backends: Authorization: Bearer <key> on POST /v1/events)");
        System.out.println("  CRM outcomes:  " + base + "/v1/outcomes   (" + crmKeyHint(options.dataDir())
                + "; docs/crm-outcomes.md signs one with openssl)");
        System.out.println("  Console:       " + base + "/console/   (sign in with a role's token; the token decides the role)");
        runner.roles.tokens().forEach((role, token) -> System.out.println("    " + String.format("%-13s", role + " token:")
                + token + (System.getenv(LocalRoles.variable(role)) == null ? "   (made for this run; set "
                + LocalRoles.variable(role) + " to choose it)" : "")));
        System.out.println("  Admin API:     " + base + "/v1/admin/leads   (Authorization: Bearer <the admin token>)");
        System.out.println("  Origins:       " + String.join(", ", runner.services.config().allowedOrigins())
                + (options.allowedOrigins().isEmpty() ? "   (pages elsewhere: ALLOWED_ORIGINS=http://localhost:8080,...)"
                : "   (the run's own, then ALLOWED_ORIGINS)"));
        System.out.println("  Time travel:   curl -X POST " + base + "/_local/clock -d '{\"advance\":\"P3D\"}' && curl -X POST "
                + base + "/_local/dispatch");
        System.out.println("Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }

    /**
     * The model file the local run starts with: the one given, else the shipped model with its alerts also going to
     * the Slack and Teams stand-ins ({@link ChatCatcher#WEBHOOKS}), so that a hot lead's chat message shows on the
     * console without an account (deployed, the shipped model names no webhook). The stand-ins go in before the
     * shipped model's {@code routes: []} (LocalRunnerTest keeps that line there).
     */
    static String localModelFile(Path modelFile) {
        if (modelFile != null) {
            return modelFile.toString();
        }
        String shipped = io.leadtriage.config.ModelLoader.defaultText();
        String routes = "\n  routes: []\n";
        if (!shipped.contains(routes)) {
            return null;
        }
        try {
            Path file = java.nio.file.Files.createTempFile("leadtriage-local-model", ".yaml");
            file.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(file, shipped.replace(routes, "\n  slack: sales-team\n  teams: sales-team"
                    + routes)).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Which qualification model the run uses, for the banner: the shipped file, LEADTRIAGE_MODEL_FILE's, or a version
     * PUT through the admin API and kept in DATA_DIR, which wins over either file.
     */
    static String modelInEffect(Services services, Path modelFile) {
        String file = modelFile == null ? "functions/model/leadtriage-model.yaml (shipped; LEADTRIAGE_MODEL_FILE=<path> runs another)"
                : modelFile.toAbsolutePath().normalize() + " (LEADTRIAGE_MODEL_FILE)";
        long version = services.models().refreshNow().number();
        return version == 0 ? file : "version " + version + ", PUT through the admin API and kept in DATA_DIR; it wins over " + file;
    }

    public String baseUrl() {
        return "http://localhost:" + http.port();
    }

    public Services services() {
        return services;
    }

    /** The console's roles and their tokens (ADMIN_TOKEN's is the admin's). */
    public Map<String, String> roleTokens() {
        return roles.tokens();
    }

    public AdjustableClock clock() {
        return clock;
    }

    public MailCatcher mail() {
        return mail;
    }

    /** The local webhook subscriber: the signed deliveries it took, and its failure switch. */
    public WebhookReceiver webhooks() {
        return webhooks;
    }

    public EventCatcher events() {
        return events;
    }

    @Override
    public void close() {
        metrics.close();
        scheduler.shutdownNow();
        // A tick may be mid-pass (a dispatch, a rescoring page): it finishes its request before DynamoDB Local stops,
        // or a data folder is left locked and the next start on it fails with "database is locked".
        try {
            scheduler.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
        dynamo.close();
    }

    /**
     * The functions' environment as the template declares it, with what CloudFormation would resolve
     * replaced by its local equivalent: table names and secrets (a !Ref reads as the logical id, which is the
     * local table's name and the local secret's id), the origin, the region.
     */
    private static Map<String, String> localEnvironment(Map<String, SamTemplate.FunctionDefinition> functions,
                                                        List<String> origins) {
        Map<String, String> env = new HashMap<>();
        functions.values().forEach(f -> env.putAll(f.environment()));
        env.put("ALLOWED_ORIGINS", String.join(",", origins));
        env.put("AWS_REGION", "us-east-1");
        String adminToken = System.getenv("ADMIN_TOKEN");
        // Unset: one made for this run, printed at start, so the console and the admin API work out of the box.
        env.put("ADMIN_TOKEN", adminToken != null && !adminToken.isBlank() ? adminToken : LocalRoles.randomToken());
        return env;
    }

    /**
     * The secrets the template names, as a local run has them: the token key and the email index key generated (and
     * kept in the data folder, so links and the index survive a restart), the ingest key generated or taken from INGEST_KEY,
     * the CRM outcome key likewise (CRM_OUTCOME_KEY; kept as {@code crm-outcome-key} in the data folder). Turnstile stays
     * off locally (its secret is only created when the TurnstileSecret parameter is set).
     */
    private static SecretSource localSecrets(Map<String, String> env, Path dataDir) {
        Map<String, String> values = new HashMap<>();
        putIfNamed(values, env.get(AppConfig.TOKEN_SECRET), secret(dataDir, "token-signing-key"));
        putIfNamed(values, env.get(AppConfig.EMAIL_INDEX_SECRET), secret(dataDir, "email-index-key"));
        putIfNamed(values, env.get(AppConfig.INGEST_SECRET),
                System.getenv().getOrDefault("INGEST_KEY", secret(dataDir, "ingest-key")));
        putIfNamed(values, env.get(AppConfig.CRM_OUTCOME_SECRET),
                System.getenv().getOrDefault("CRM_OUTCOME_KEY", secret(dataDir, "crm-outcome-key")));
        return (secretId, previous) -> previous ? Optional.empty() : Optional.ofNullable(values.get(secretId));
    }

    /** Where a local run's CRM outcome key is, to sign with: the run generates it as it does the others. */
    private static String crmKeyHint(Path dataDir) {
        if (System.getenv("CRM_OUTCOME_KEY") != null) {
            return "signed with $CRM_OUTCOME_KEY";
        }
        return dataDir == null ? "set CRM_OUTCOME_KEY (or DATA_DIR) to know the key they are signed with"
                : "signed with the key in " + dataDir.resolve("crm-outcome-key");
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

    /**
     * A step of the start. What stops it for a reason the developer can fix (a port in use, a model file with
     * problems, a setting that is not what it should be) is said on stderr without a stack trace, and the process
     * exits 1; anything else is a bug, and keeps its stack trace.
     */
    private static <T> T orExit(java.util.function.Supplier<T> step) {
        String why;
        try {
            return step.get();
        } catch (StartFailure | ModelException e) {
            why = e.getMessage();
        } catch (UncheckedIOException e) {
            why = e.getMessage() + (e.getCause() instanceof java.nio.file.NoSuchFileException ? ": there is no such file"
                    : " (" + e.getCause().getMessage() + ")");
        }
        System.err.println("leadtriage did not start: " + why);
        System.exit(1);
        throw new AssertionError("exited");
    }

    /**
     * Ctrl-C (SIGINT) and kill's SIGTERM, which Maven's exec plugin sends its child when Maven itself is stopped, are
     * how a local run is meant to end: the shutdown hook stops everything, and the exit status is 0, not the 130 or
     * 143 a JVM ends with by default and Maven reports as a failed build. A signal the environment ignores (a job
     * started in the background) stays ignored. The handler is sun.misc.Signal's (module jdk.unsupported, kept for
     * this use), reached by reflection: javac warns at every build about a class naming it, and that warning would
     * greet every first {@code mvn -Prun package}.
     */
    private static void exitNormallyOn(String... signals) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object exit = java.lang.reflect.Proxy.newProxyInstance(LocalRunner.class.getClassLoader(), new Class<?>[]{handler},
                    (proxy, method, arguments) -> switch (method.getName()) {
                        case "handle" -> {
                            System.exit(0);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == arguments[0];
                        default -> "exit with status 0";
                    });
            for (String name : signals) {
                try {
                    signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), exit);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    // a signal this JVM does not let us handle (-Xrs): its default stays
                }
            }
        } catch (ReflectiveOperationException e) {
            // a JVM without sun.misc.Signal: a stop ends with the JVM's own status
        }
    }
}
