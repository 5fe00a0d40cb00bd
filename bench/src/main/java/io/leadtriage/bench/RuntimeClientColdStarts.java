package io.leadtriage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadtriage.adapters.dynamodb.EmailIndex;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.app.tokens.TokenService;
import io.leadtriage.bench.floor.HelloFloor;
import io.leadtriage.bench.floor.SdkFirstCallsFloor;
import io.leadtriage.local.DynamoDbLocal;
import io.leadtriage.local.SamTemplate;
import io.leadtriage.rehearsal.LambdaContainer;
import io.leadtriage.rehearsal.LambdaRuntimeImage;
import io.leadtriage.rehearsal.RehearsalStack;
import io.leadtriage.rehearsal.RuntimeApiStandIn;
import io.leadtriage.rehearsal.SamBuild;
import io.leadtriage.rehearsal.SimulatedStack;
import io.leadtriage.rehearsal.Timeline;
import io.leadtriage.wiring.AppConfig;
import io.leadtriage.wiring.Storage;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts of the functions as Lambda runs them, measured through the real runtime interface client, beside floors
 * measured the same way: the deployment rehearsal's machinery ({@link SamBuild}: the artifact {@code sam build} makes,
 * built once; {@link RehearsalStack}: template.yaml deployed into DynamoDB Local, the SES emulator, moto's Secrets
 * Manager and a container credentials endpoint; {@link LambdaContainer}: a fresh JVM per start running the RIC
 * against a Runtime API stand-in, with the managed runtime's flags, the function's memory size and its environment as
 * the stack resolves it). This is the project's cold-start figure (docs/performance.md); the in-process probe of
 * {@link PerformanceReport} is a diagnostic beside it.
 *
 * <p>The cold-start table: every function of template.yaml on demand (each with a real envelope of events/; the
 * leads, tokens and sent emails those need made beforehand by a {@link LeadSource}), and the floors ({@link Floor}: {@code hello}, a stream handler answering {@code {}}
 * from a task root of its own; {@code sdk-first-calls}, the functions' two clients built by their own factories at
 * init, one GetItem and one SendEmail at the first invocation, from a copy of FormFunction's artifact), each with
 * init, first invocation and total, median and p90, and its total over each floor's; the floors and FormFunction
 * again pinned to one core ({@code taskset -c 0}); the classes one start of each floor and of FormFunction loads, by
 * origin, split at the end of init.
 *
 * <p>Then the secrets' question: what the secrets read at init costs a start without a snapshot (the functions read
 * their secrets from Secrets Manager during init and log {@code {"message":"secrets read","ms":N}}).
 *
 * <p>Modes, every one in every round (those above and these), rounds interleaved (each round starts at the next
 * mode) after one dropped round:
 * <ul>
 *   <li>{@code FormFunction on-demand}: AWS_LAMBDA_INITIALIZATION_TYPE=on-demand, a start without a snapshot; it
 *   reads the token signing secret (two versions: AWSCURRENT, then AWSPREVIOUS, which a never-rotated secret does
 *   not have);</li>
 *   <li>{@code AdminFunction on-demand}: the same Services, no secret;</li>
 *   <li>{@code AdminFunction on-demand + 1 secret}: the ablation. AdminFunction, its artifact, memory and event
 *   unchanged, with TOKEN_SIGNING_SECRET_ARN added to its environment (the stack's secret): init then runs the
 *   secrets phase FormFunction runs, and nothing else changes. The init difference against plain AdminFunction
 *   is what the secrets phase adds to a start, net of the work it does ahead of the DynamoDB client (SDK core
 *   classes, the container credentials fetch). Removing FormFunction's secret variable instead is no ablation:
 *   FormFunction cannot serve a form without its signing key;</li>
 *   <li>{@code AdminFunction on-demand + 2 secrets}: also INGEST_KEY_SECRET_ARN (four versions asked): what one
 *   more secret adds once the client is built;</li>
 *   <li>{@code FormFunction snap-start}: SnapStart's lifecycle as the RIC runs it (init, the beforeCheckpoint hooks
 *   that prime, restore/next, afterRestore), the "restore" being this same JVM going on: no snapshot is taken.</li>
 * </ul>
 * Each start then serves one real envelope of events/: step 1 of the get-started form (a fresh address and
 * submission id) or the admin lead list. Figures: init (launch to the first {@code invocation/next}); the
 * first invocation (handed to the runtime to answered); the logged "secrets read"; under SnapStart launch to the
 * snapshot point, restore to ready and the first invocation after the restore. Stand-ins on loopback, plain
 * HTTP.
 *
 * <p>Then {@link RuntimeClientWarmInvocations}: warm invocations of FormFunction and EventsFunction through the same
 * runtime client ({@code BENCH_WARM_INVOCATIONS}, default 1,000 each; {@code BENCH_RIC=warm} runs them alone).
 * {@code BENCH_SAM_BUILD_SKIP_TESTS=1} builds the artifact without running the functions' tests.
 *
 * <p>{@code mvn -q -o -DskipTests -Pbench -Dbench=RuntimeClientColdStarts -pl bench -am package}; {@code BENCH_RUNS} sets the measured rounds
 * (default 8, at least 7). It needs what the deployment rehearsal needs: python3 with samtranslator, moto_server.
 * The scratch build of functions/ runs Maven offline (its dependencies are the outer build's);
 * {@code BENCH_MAVEN_ONLINE=1} lets it download.
 */
public final class RuntimeClientColdStarts {
    static final int DEFAULT_ROUNDS = 8;
    static final int MIN_ROUNDS = 7;
    static final int MAX_ROUNDS = 50;
    static final Duration START_LIMIT = Duration.ofSeconds(120);
    static final Duration INVOKE_LIMIT = Duration.ofSeconds(60);
    /** The whole measurement, SamBuild and the stack excepted: beyond this something is stuck, not slow. */
    static final Duration MEASURE_LIMIT = Duration.ofMinutes(30);
    private static final Pattern SECRETS_READ = Pattern.compile("\"message\":\"secrets read\",\"ms\":(\\d+)");

    static final String FORM = "FormFunction";
    static final String ADMIN = "AdminFunction";
    static final String EVENTS = "EventsFunction";
    static final String DISPATCH = "DispatchFunction";
    static final String REVIEW_TIERS = "ReviewTiersFunction";
    static final String CONSOLE = "ConsoleFunction";
    static final String SURVEY = "SurveyFunction";
    static final String DISPOSITION = "DispositionFunction";
    static final String UNSUBSCRIBE = "UnsubscribeFunction";
    static final String SES_EVENT = "SesEventFunction";
    static final String ONE_CORE = " (1 core)";
    static final List<String> ONE_CORE_LAUNCHER = List.of("/usr/bin/taskset", "-c", "0");

    /**
     * The floors, run by the runtime client as the functions are: each a stream handler in a task root of its own that
     * {@link #assemble} builds here, from the artifact sam build made. They live in bench/ (io.leadtriage.bench.floor),
     * not in functions/, because they are no part of what deploys: only their task roots, assembled for the run, look
     * like an artifact.
     */
    enum Floor {
        /** {@link HelloFloor} alone at the task root, no lib/: the runtime client's and the JVM's own start. */
        HELLO("hello", HelloFloor.class, false),
        /** {@link SdkFirstCallsFloor} added to a copy of FormFunction's artifact (its classes and the same lib/). */
        SDK_FIRST_CALLS("sdk-first-calls", SdkFirstCallsFloor.class, true);

        final String label;
        final Class<?> handler;
        final boolean withArtifact;

        Floor(String label, Class<?> handler, boolean withArtifact) {
            this.label = label;
            this.handler = handler;
            this.withArtifact = withArtifact;
        }

        /** The task root: bench/target/runtime-client-cold-starts/floors/{label}. */
        Path taskRoot(Path work) {
            return work.resolve("floors").resolve(label);
        }

        /** Builds the task root afresh: the handler's class at its package path, and the artifact if it needs one. */
        Path assemble(Path work, Path functionArtifact) throws IOException {
            Path root = taskRoot(work);
            SamBuild.deleteRecursively(root);
            Files.createDirectories(root);
            if (withArtifact) {
                SamBuild.copyTree(functionArtifact, root);
            }
            ColdStarts.copyClassFiles(handler, root);
            return root;
        }
    }

    /**
     * One mode: a function (or a floor run with that function's memory, flags and environment), on demand or
     * SnapStart, with secret variables added for the ablation, on both cores or pinned to one.
     *
     * @param floor null for the function itself
     */
    record Mode(String label, String function, boolean snapStart, List<String> addedSecrets, Floor floor, boolean oneCore) {
        Mode(String label, String function, boolean snapStart, List<String> addedSecrets) {
            this(label, function, snapStart, addedSecrets, null, false);
        }

        /** FormFunction without a snapshot: the bars' subject, and the secrets' question's first mode. */
        static Mode formOnDemand() {
            return new Mode(FORM + " on-demand", FORM, false, List.of());
        }

        static Mode of(String function) {
            return new Mode(function, function, false, List.of());
        }

        static Mode floor(Floor floor) {
            return new Mode(floor.label, FORM, false, List.of(), floor, false);
        }

        Mode onOneCore() {
            return new Mode(label + ONE_CORE, function, snapStart, addedSecrets, floor, true);
        }
    }

    /** One start. NaN where a figure does not apply (no secrets read; no snapshot point on demand). */
    record Run(String mode, int round, double initMs, double secretsMs, double firstInvocationMs, double checkpointMs,
               double restoreToReadyMs, int status) {
        double initLessSecretsMs() {
            return initMs - (Double.isNaN(secretsMs) ? 0 : secretsMs);
        }

        /** What a caller waits through: init (on demand) or restore to ready (SnapStart), then the first invocation. */
        double startToAnswerMs() {
            return (Double.isNaN(initMs) ? restoreToReadyMs : initMs) + firstInvocationMs;
        }
    }

    /** moto's own answer time for GetSecretValue, from a warm client in this JVM: the stand-in's share of a read. */
    record MotoLatency(int calls, double currentMedianMs, double currentP90Ms, double previousMedianMs, double previousP90Ms) {
    }

    private RuntimeClientColdStarts() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = rounds(System.getenv("BENCH_RUNS"));
        PrintStream out = System.out;
        PrintStream progress = System.err;
        if (System.getProperty("leadtriage.mavenOffline") == null) {
            // SamBuild's Maven follows the outer build's offline mode, which reaches it as this property under surefire.
            System.setProperty("leadtriage.mavenOffline", "offline=" + !"1".equals(System.getenv("BENCH_MAVEN_ONLINE")));
        }
        Path template = SamTemplate.locate();
        Path root = template.getParent();
        Path work = Files.createDirectories(root.resolve("bench/target/runtime-client-cold-starts"));
        // BENCH_RIC_MODES=bars: the floors and FormFunction on two cores alone, the bars' figures, for a quick look
        // at one change (every function and the secrets' question need the full run).
        boolean barsOnly = "bars".equals(System.getenv("BENCH_RIC_MODES"));
        List<Mode> modes = barsOnly ? barModes() : modes(Files.isExecutable(Path.of(ONE_CORE_LAUNCHER.get(0))));

        if ("1".equals(System.getenv("BENCH_SAM_BUILD_SKIP_TESTS"))) {
            // The same artifact, without running the functions' tests again (they take minutes on a busy machine).
            System.setProperty(SamBuild.SKIP_TESTS, "true");
        }
        progress.println("sam build (SamBuild: functions/ copied alone, mvn clean install with its tests, copy-dependencies)");
        SamBuild.Result build = SamBuild.shared();
        progress.printf("sam build took %.0f s; deploying template.yaml into the stand-ins%n", build.took().toMillis() / 1000.0);
        RehearsalStack deployment;
        PrintStream stdout = System.out;
        // DynamoDB Local prints a banner on System.out, where the report goes.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            SamTemplate tables = SamTemplate.read(template);
            deployment = RehearsalStack.deploy(template, SimulatedStack.Settings.fromSamConfig(root.resolve("samconfig.toml")),
                    build, root.resolve("test-support/node_modules/.bin/aws-ses-v2-local"), data -> {
                        DynamoDbLocal dynamo = DynamoDbLocal.start(data);
                        return new RehearsalStack.DynamoDb(dynamo.endpoint(), dynamo.client(),
                                (client, logicalId, name) -> DynamoDbLocal.createTable(client, tables, logicalId, name), dynamo);
                    });
        } finally {
            System.setOut(stdout);
        }
        try (deployment) {
            BenchEvents events = new BenchEvents(root.resolve("events"));
            byte[] adminList = Files.readAllBytes(root.resolve("events/admin-list-leads.json"));
            deleteFiles(work.resolve("logs"));
            // BENCH_RIC=warm: the warm invocations alone.
            if (!"warm".equals(System.getenv("BENCH_RIC"))) {
                List<String> unmeasured = deployment.stack().functions().keySet().stream()
                        .filter(f -> modes.stream().noneMatch(m -> m.function().equals(f))).toList();
                if (!unmeasured.isEmpty() && !barsOnly) {
                    throw new IllegalStateException("no start event for " + unmeasured + ": add one to RuntimeClientColdStarts.event()");
                }
                for (Floor floor : Floor.values()) {
                    floor.assemble(work, build.functionDir(FORM));
                }
                progress.println("moto's answer time: GetSecretValue from a warm client in this JVM");
                MotoLatency moto = motoLatency(deployment);
                String loadBefore = loadAverage();
                List<Run> runs;
                List<ClassLoads> classLoads;
                try (LeadSource leads = LeadSource.start(deployment, events, work)) {
                    if (barsOnly) {
                        // A full run's other starts and their leads warm DynamoDB Local (its own JIT) before and while
                        // FormFunction is measured; alone, FormFunction's seven calls would meet a colder stand-in.
                        progress.printf("warming DynamoDB Local: %d hot leads through a warm FormFunction%n",
                                BARS_WARM_UP_LEADS);
                        for (int i = 0; i < BARS_WARM_UP_LEADS; i++) {
                            leads.hotLead();
                        }
                    }
                    runs = measure(deployment, modes, rounds, events, leads, adminList, work, progress);
                    progress.println("classes by origin: one more start each of hello, sdk-first-calls and FormFunction"
                            + " with -Xlog:class+load");
                    classLoads = new ArrayList<>();
                    for (Mode mode : modes) {
                        if (!mode.oneCore() && (mode.floor() != null || mode.label().equals(FORM + " on-demand"))) {
                            classLoads.add(classLoads(deployment, mode, events, leads, adminList, work));
                        }
                    }
                }
                String loadAfter = loadAverage();
                writeRuns(runs, work.resolve("runs.csv"));
                if (barsOnly) {
                    out.printf("Starts of the bars' modes alone (BENCH_RIC_MODES=bars), %d rounds. Load average before: %s;"
                            + " after: %s%n", rounds, loadBefore, loadAfter);
                } else {
                    report(out, deployment, build, modes, runs, rounds, loadBefore, loadAfter, moto, work);
                }
                reportRuntimeClientTable(out, deployment, modes, runs, classLoads);
                if (!barsOnly) {
                    // A bars-only run holds FormFunction alone: it leaves the last full run's table to the cost model.
                    RuntimeClientTable.write(tableRows(modes, runs), work.resolve(RuntimeClientTable.FILE));
                }
            }
            if (barsOnly) {
                return;
            }
            String invocations = System.getenv("BENCH_WARM_INVOCATIONS");
            RuntimeClientWarmInvocations.measureAndPrint(deployment, events, invocations == null || invocations.isBlank()
                    ? RuntimeClientWarmInvocations.DEFAULT_INVOCATIONS : Integer.parseInt(invocations.strip()), out, progress);
        }
    }

    /**
     * GetSecretValue of the stack's token signing secret as the functions ask it (AWSCURRENT, then AWSPREVIOUS, which
     * moto answers ResourceNotFoundException for a never-rotated secret), from a client built and warmed here, each
     * call timed: what moto and loopback take, without any of a cold JVM's class loading.
     */
    static MotoLatency motoLatency(RehearsalStack deployment) {
        String arn = deployment.stack().ref("TokenSigningSecret");
        int warmUp = 20;
        int calls = 50;
        double[] current = new double[calls];
        double[] previous = new double[calls];
        try (SecretsManagerClient client = deployment.secretsManager().client(deployment.stack().settings().region())) {
            for (int i = 0; i < warmUp + calls; i++) {
                long start = System.nanoTime();
                client.getSecretValue(r -> r.secretId(arn).versionStage("AWSCURRENT"));
                long between = System.nanoTime();
                try {
                    client.getSecretValue(r -> r.secretId(arn).versionStage("AWSPREVIOUS"));
                    throw new IllegalStateException("moto has an AWSPREVIOUS version of a secret never rotated");
                } catch (ResourceNotFoundException expected) {
                    // As for a secret never rotated in AWS: the function reads no previous key.
                }
                long end = System.nanoTime();
                if (i >= warmUp) {
                    current[i - warmUp] = (between - start) / 1e6;
                    previous[i - warmUp] = (end - between) / 1e6;
                }
            }
        }
        return new MotoLatency(calls, Stats.median(current), Stats.quantile(current, 0.9), Stats.median(previous),
                Stats.quantile(previous, 0.9));
    }

    private static void deleteFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
    }

    static int rounds(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_ROUNDS;
        }
        int rounds = Integer.parseInt(value.strip());
        if (rounds < MIN_ROUNDS || rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException("BENCH_RUNS must be between " + MIN_ROUNDS + " and " + MAX_ROUNDS + ": " + value);
        }
        return rounds;
    }

    /**
     * The secrets' modes (FormFunction and AdminFunction on demand, AdminFunction with one and two secrets added,
     * FormFunction under SnapStart's lifecycle), the two floors, every other function of template.yaml, and, when
     * taskset is there, the floors and FormFunction pinned to one core.
     */
    static List<Mode> modes(boolean oneCore) {
        List<Mode> modes = new ArrayList<>(List.of(
                Mode.formOnDemand(),
                new Mode(ADMIN + " on-demand (1 secret)", ADMIN, false, List.of()),
                new Mode(ADMIN + " on-demand + 1 secret", ADMIN, false, List.of(AppConfig.TOKEN_SECRET)),
                new Mode(ADMIN + " on-demand + 2 secrets", ADMIN, false, List.of(AppConfig.TOKEN_SECRET, AppConfig.INGEST_SECRET)),
                new Mode(FORM + " snap-start", FORM, true, List.of()),
                Mode.floor(Floor.HELLO),
                Mode.floor(Floor.SDK_FIRST_CALLS),
                Mode.of(EVENTS),
                Mode.of(DISPATCH),
                Mode.of(REVIEW_TIERS),
                Mode.of(CONSOLE),
                Mode.of(SURVEY),
                Mode.of(DISPOSITION),
                Mode.of(UNSUBSCRIBE),
                Mode.of(SES_EVENT)));
        if (oneCore) {
            modes.add(Mode.floor(Floor.HELLO).onOneCore());
            modes.add(Mode.floor(Floor.SDK_FIRST_CALLS).onOneCore());
            modes.add(modes.get(0).onOneCore());
        }
        return modes;
    }

    /** Hot leads made before a bars-only run's starts, about 2,700 DynamoDB calls, as a full run's other modes make. */
    static final int BARS_WARM_UP_LEADS = 100;

    /** The modes issue 21's bars compare: FormFunction and the two floors, on two cores. */
    static List<Mode> barModes() {
        return List.of(Mode.formOnDemand(), Mode.floor(Floor.HELLO), Mode.floor(Floor.SDK_FIRST_CALLS));
    }

    private static List<Run> measure(RehearsalStack deployment, List<Mode> modes, int rounds, BenchEvents events,
                                     LeadSource leads, byte[] adminList, Path work, PrintStream progress) {
        long deadline = System.nanoTime() + MEASURE_LIMIT.toNanos();
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            progress.printf("runtime client starts: round %d of %d%s%n", round, rounds, round == 0 ? " (warm-up, dropped)" : "");
            for (int i = 0; i < modes.size(); i++) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the starts took longer than " + MEASURE_LIMIT.toMinutes() + " min: stopped");
                }
                Mode mode = modes.get((i + round) % modes.size());
                Run run = start(deployment, mode, round, event(mode, events, leads, adminList), work, false).run();
                if (round > 0) {
                    runs.add(run);
                }
            }
        }
        return runs;
    }

    /**
     * The event of one start, made before the runtime is launched: step 1 of a fresh visitor, the admin lead list, a
     * page event with the form token of a lead just made, a dispatch tick with one welcome email due (a lead that just
     * joined nurture), a review tick, the console's page, a survey answer, a sales rep's "I'm on it" on a hot lead, a
     * one-click unsubscribe, SES's click on a hot lead's alert; {@code {}} for the floors, which read nothing.
     */
    private static byte[] event(Mode mode, BenchEvents events, LeadSource leads, byte[] adminList) {
        if (mode.floor() != null) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        return switch (mode.function()) {
            case FORM -> bytes(events.step1(BenchLeads.freshEmail("ric")));
            case ADMIN -> adminList;
            case EVENTS -> bytes(events.pageEvent(leads.formToken()));
            case DISPATCH -> {
                leads.nurturedLead();
                yield bytes(events.scheduled());
            }
            case REVIEW_TIERS -> bytes(events.scheduled());
            case CONSOLE -> bytes(events.consolePage());
            case SURVEY -> bytes(events.surveyAnswer(leads.token(TokenPurpose.SURVEY, leads.newLead().id())));
            case DISPOSITION -> bytes(events.disposition(leads.token(TokenPurpose.DISPOSITION, leads.hotLead().id())));
            case UNSUBSCRIBE -> bytes(events.unsubscribe(leads.token(TokenPurpose.UNSUBSCRIBE, leads.newLead().id())));
            case SES_EVENT -> {
                BenchLeads.Lead hot = leads.hotLead();
                yield bytes(events.sesClick(hot.id(), leads.alertSendId(hot.id())));
            }
            default -> throw new IllegalArgumentException("no event for " + mode.function());
        };
    }

    private static byte[] bytes(com.fasterxml.jackson.databind.node.ObjectNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A start and, when it logged its class loading, the log. */
    private record Started(Run run, Path classLog) {
    }

    /** One execution environment of the mode, from launch to its first invocation answered; then it is stopped. */
    private static Started start(RehearsalStack deployment, Mode mode, int round, byte[] event, Path work, boolean logClasses) {
        SimulatedStack.Function function = deployment.function(mode.function());
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        for (String variable : mode.addedSecrets()) {
            environment.put(variable, deployment.stack().ref(switch (variable) {
                case AppConfig.TOKEN_SECRET -> "TokenSigningSecret";
                case AppConfig.INGEST_SECRET -> "IngestKeySecret";
                default -> throw new IllegalArgumentException("no secret for " + variable);
            }));
        }
        if (mode.floor() != null) {
            // The floors read no secret (SecretSource.NONE): an ARN left in their environment is one nothing reads.
            AppConfig.SECRET_VARIABLES.forEach(environment::remove);
        }
        LambdaContainer.Builder builder = (mode.floor() == null ? deployment.container(mode.function())
                : deployment.container(mode.function(), mode.floor().taskRoot(work), mode.floor().handler.getName()))
                .environment(environment)
                .logDir(work.resolve("logs"))
                .initType(mode.snapStart() ? LambdaContainer.InitType.SNAP_START : LambdaContainer.InitType.ON_DEMAND);
        if (mode.oneCore()) {
            builder.launcher(ONE_CORE_LAUNCHER);
        }
        if (logClasses) {
            builder.logClassLoading();
        }
        try (LambdaContainer container = builder.start()) {
            double checkpoint = Double.NaN;
            if (mode.snapStart()) {
                container.awaitCheckpoint(START_LIMIT);
                checkpoint = container.timeline().checkpointMs().orElseThrow();
                container.restore();
            }
            container.awaitReady(START_LIMIT);
            double init = container.timeline().initMs().orElseThrow();
            RuntimeApiStandIn.Answer answer = container.invoke(event, INVOKE_LIMIT);
            int status = status(mode, answer);
            List<Timeline.Invocation> invocations = container.timeline().invocations();
            double first = invocations.isEmpty() ? answer.durationMs() : invocations.get(0).durationMs();
            return new Started(new Run(mode.label(), round, mode.snapStart() ? Double.NaN : init, secretsMs(container.logs()),
                    first, checkpoint, mode.snapStart() ? init : Double.NaN, status), logClasses ? container.classLog() : null);
        }
    }

    /**
     * The answer's status, which must be the one of the work done: the statusCode of an HTTP function (201 for a new
     * lead, 202 for a page event, 200 for the list and the console's page); for the dispatcher the emails it sent
     * (at least the one welcome due); for the review tick its report; for a floor its {@code {}}.
     */
    private static int status(Mode mode, RuntimeApiStandIn.Answer answer) {
        if (answer.isError()) {
            throw new IllegalStateException(mode.label() + ": the invocation failed: " + answer.error());
        }
        JsonNode body;
        try {
            body = BenchEvents.JSON.readTree(answer.text());
        } catch (IOException e) {
            throw new UncheckedIOException(mode.label() + " answered " + answer.text(), e);
        }
        if (mode.floor() != null) {
            if (!body.isObject() || !body.isEmpty()) {
                throw new IllegalStateException(mode.label() + ": answered " + answer.text() + " instead of {}");
            }
            return 0;
        }
        int expected = switch (mode.function()) {
            case FORM -> 201;
            case EVENTS -> 202;
            case ADMIN, CONSOLE, SURVEY, DISPOSITION, UNSUBSCRIBE -> 200;
            case DISPATCH -> {
                if (body.path("sent").asInt() < 1) {
                    throw new IllegalStateException(mode.label() + ": sent no email, though a welcome was due: " + answer.text());
                }
                yield -1;
            }
            default -> -1;
        };
        if (expected < 0) {
            return 0;
        }
        int status = body.path("statusCode").asInt();
        if (status != expected) {
            throw new IllegalStateException(mode.label() + ": answered " + status + " instead of " + expected + ": " + answer.text());
        }
        return status;
    }

    /**
     * Leads for the events that need one (a page event's form token, a welcome email due for the dispatcher), made by
     * one warm environment of FormFunction through the runtime client: what a visitor's posts leave in the stack's
     * table, without signing anything here. Started before the measured starts; idle while each runs, as its event is
     * made before the launch.
     */
    static final class LeadSource implements AutoCloseable {
        private final LambdaContainer form;
        private final BenchEvents events;
        private final TokenService tokens;
        private final Storage table;

        private LeadSource(LambdaContainer form, BenchEvents events, TokenService tokens, Storage table) {
            this.form = form;
            this.events = events;
            this.tokens = tokens;
            this.table = table;
        }

        /**
         * Also signs the tokens of the emails and pages a lead receives (survey, disposition, unsubscribe) with the
         * stack's signing key, and reads what the functions stored through their own adapters, as the deployment
         * rehearsal does.
         */
        static LeadSource start(RehearsalStack deployment, BenchEvents events, Path work) {
            TokenService tokens = new TokenService(secretKey(deployment, "TokenSigningSecret"), Clock.systemUTC());
            Storage table = Storage.dynamo(deployment.dynamo(), deployment.stack().ref("LeadsTable"),
                    EmailIndex.keyedWith(secretKey(deployment, "EmailIndexSecret")));
            LambdaContainer form = deployment.container(FORM).initType(LambdaContainer.InitType.ON_DEMAND)
                    .logDir(work.resolve("logs")).start();
            try {
                form.awaitReady(START_LIMIT);
            } catch (RuntimeException e) {
                form.close();
                throw e;
            }
            return new LeadSource(form, events, tokens, table);
        }

        private static String secretKey(RehearsalStack deployment, String logicalId) {
            try {
                return BenchEvents.JSON.readTree(deployment.stack().secret(logicalId).secretString()).path("key").asText();
            } catch (IOException e) {
                throw new UncheckedIOException("the stack's secret " + logicalId + " is not JSON with a key", e);
            }
        }

        /** Step 1 of a fresh visitor: a cold lead and the continuation token its page events carry. */
        BenchLeads.Lead newLead() {
            JsonNode answer = post(events.step1(BenchLeads.freshEmail("lead")));
            return new BenchLeads.Lead(answer.path("leadId").asText(), answer.path("token").asText());
        }

        String formToken() {
            return newLead().formToken();
        }

        /** Steps 1 and 2: a hot lead, its sales alert sent in the step-2 invocation. */
        BenchLeads.Lead hotLead() {
            BenchLeads.Lead lead = newLead();
            JsonNode answer = post(events.step2(lead.formToken()));
            return new BenchLeads.Lead(lead.id(), answer.path("token").asText());
        }

        /** The nurture, survey, disposition or unsubscribe token the lead's emails and pages carry. */
        String token(TokenPurpose purpose, String leadId) {
            return tokens.issue(purpose, leadId, Duration.ofDays(30));
        }

        /** The send id of the sales alert sent for a hot lead: what SES's events about that email are tagged with. */
        String alertSendId(String leadId) {
            return table.messages().sentMessages(leadId).stream().map(SentMessage::sendId).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no email sent for the hot lead " + leadId));
        }

        /** The ebook form with consent: a lead in a nurture sequence, its welcome email due now. */
        void nurturedLead() {
            post(events.ebookDownload(BenchLeads.freshEmail("reader")));
        }

        private JsonNode post(com.fasterxml.jackson.databind.node.ObjectNode event) {
            RuntimeApiStandIn.Answer answer = form.invoke(bytes(event), INVOKE_LIMIT);
            if (answer.isError()) {
                throw new IllegalStateException("making a lead: the invocation failed: " + answer.error());
            }
            try {
                JsonNode response = BenchEvents.JSON.readTree(answer.text());
                if (response.path("statusCode").asInt() != 201) {
                    throw new IllegalStateException("making a lead: FormFunction answered " + answer.text());
                }
                return BenchEvents.JSON.readTree(response.path("body").asText());
            } catch (IOException e) {
                throw new UncheckedIOException("making a lead: FormFunction answered " + answer.text(), e);
            }
        }

        @Override
        public void close() {
            form.close();
        }
    }

    /** The classes one start loaded (its -Xlog:class+load), and its init: what was loaded before the first /next. */
    record ClassLoads(String label, double initMs, List<ColdStarts.LoadedClass> classes) {
        /** Per origin: classes loaded during init, then during the first invocation. */
        Map<String, int[]> byOrigin() {
            Map<String, int[]> counts = new LinkedHashMap<>();
            for (ColdStarts.LoadedClass loaded : classes) {
                counts.computeIfAbsent(loaded.origin(), o -> new int[2])[loaded.atMs() <= initMs ? 0 : 1]++;
            }
            return counts;
        }
    }

    private static ClassLoads classLoads(RehearsalStack deployment, Mode mode, BenchEvents events, LeadSource leads,
                                         byte[] adminList, Path work) {
        Started started = start(deployment, mode, 0, event(mode, events, leads, adminList), work, true);
        return new ClassLoads(mode.label(), started.run().initMs(), ColdStarts.readClassLog(started.classLog()));
    }

    private static double secretsMs(String logs) {
        Matcher m = SECRETS_READ.matcher(logs);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    // ---- the report ----------------------------------------------------------------------------------------------

    private static void report(PrintStream out, RehearsalStack deployment, SamBuild.Result build, List<Mode> modes,
                               List<Run> runs, int rounds, String loadBefore, String loadAfter, MotoLatency moto, Path work) {
        LambdaRuntimeImage image = deployment.image();
        LambdaRuntimeImage.Jdk jdk = image.jdk();
        out.printf("Starts under the Lambda runtime interface client %s, %s, on %s%n", image.ricVersion(),
                LocalDate.now(ZoneOffset.UTC), machine());
        out.printf("JDK %s (%s)%n", jdk.version(), jdk.why());
        out.printf("JVM flags (the managed runtime's, at FormFunction's memory size): %s%n",
                String.join(" ", image.jvmFlags(deployment.function(FORM).memorySizeMb(), true)));
        out.printf("Artifact: sam build's (%s); %d rounds, modes interleaved, after 1 dropped round; ms, median (p90).%n",
                build.buildDir(), rounds);
        out.printf("Stand-ins on loopback, plain HTTP: DynamoDB Local, the SES emulator, moto's Secrets Manager (Python),"
                + " container credentials.%n");
        out.printf("Load average (1, 5, 15 min) before: %s; after: %s%n%n", loadBefore, loadAfter);

        out.printf("%-36s %7s %13s %13s %13s %13s %13s%n", "on demand (no snapshot)", "memory", "init", "secrets read",
                "init-secrets", "1st invoc.", "init+1st");
        for (Mode mode : secretsModes(modes)) {
            if (mode.snapStart()) {
                continue;
            }
            List<Run> of = of(runs, mode);
            out.printf(Locale.ROOT, "%-36s %4d MB %13s %13s %13s %13s %13s%n", mode.label(),
                    deployment.function(mode.function()).memorySizeMb(), cell(of, Run::initMs), cell(of, Run::secretsMs),
                    cell(of, Run::initLessSecretsMs), cell(of, Run::firstInvocationMs), cell(of, Run::startToAnswerMs));
        }
        out.printf("%n%-36s %7s %13s %13s %13s %13s %13s%n", "SnapStart lifecycle (no real snapshot)", "memory",
                "to snapshot", "secrets read", "restore>ready", "1st invoc.", "restore+1st");
        for (Mode mode : secretsModes(modes)) {
            if (!mode.snapStart()) {
                continue;
            }
            List<Run> of = of(runs, mode);
            out.printf(Locale.ROOT, "%-36s %4d MB %13s %13s %13s %13s %13s%n", mode.label(),
                    deployment.function(mode.function()).memorySizeMb(), cell(of, Run::checkpointMs), cell(of, Run::secretsMs),
                    cell(of, Run::restoreToReadyMs), cell(of, Run::firstInvocationMs), cell(of, Run::startToAnswerMs));
        }
        out.println("  init: the runtime's process launched to its first invocation/next (Lambda's Init phase); secrets"
                + " read: what the function logs for reading its secrets at init; 1st invoc.: the first event handed to the"
                + " runtime to its answer; to snapshot: launch to restore/next (init and the priming beforeCheckpoint hooks);"
                + " restore>ready: restore/next answered to the first invocation/next (afterRestore hooks).");
        out.printf(Locale.ROOT, "  moto alone, from a warm client in the benchmark's JVM (%d calls each): GetSecretValue"
                        + " AWSCURRENT %.1f ms (%.1f), AWSPREVIOUS (not found) %.1f ms (%.1f).%n", moto.calls(),
                moto.currentMedianMs(), moto.currentP90Ms(), moto.previousMedianMs(), moto.previousP90Ms());

        Mode form = modes.get(0);
        Mode admin = modes.get(1);
        Mode adminOne = modes.get(2);
        Mode adminTwo = modes.get(3);
        double formSecrets = median(of(runs, form), Run::secretsMs);
        double formInit = median(of(runs, form), Run::initMs);
        double formMinusAdmin = pairedMedian(runs, form, admin, Run::initMs);
        double oneInit = pairedMedian(runs, adminOne, admin, Run::initMs);
        double oneRead = median(of(runs, adminOne), Run::secretsMs);
        double oneRemainder = pairedMedian(runs, adminOne, admin, Run::initLessSecretsMs);
        double oneFirst = pairedMedian(runs, adminOne, admin, Run::firstInvocationMs);
        double oneTotal = pairedMedian(runs, adminOne, admin, Run::startToAnswerMs);
        double twoInit = pairedMedian(runs, adminTwo, adminOne, Run::initMs);
        double twoRead = pairedMedian(runs, adminTwo, adminOne, Run::secretsMs);

        out.printf("%nWhat the secrets cost a start without a snapshot (on demand; differences are medians of the"
                + " per-round differences):%n");
        out.printf(Locale.ROOT, "  FormFunction's \"secrets read\" (its secrets' current versions in one call, the signing"
                + " key's previous one alone): %.0f ms of its %.0f ms init.%n", formSecrets, formInit);
        out.printf(Locale.ROOT, "  init FormFunction - AdminFunction: %+.0f ms. Not the secrets' cost alone: other handlers"
                        + " and memory sizes (%d and %d MB), and part of the secrets phase (SDK core classes, the credentials"
                        + " fetch) would otherwise be paid by the DynamoDB client that follows.%n", formMinusAdmin,
                deployment.function(FORM).memorySizeMb(), deployment.function(ADMIN).memorySizeMb());
        out.printf(Locale.ROOT, "  Ablation: AdminFunction with the token signing secret added to its environment (the same"
                + " secrets phase, nothing else changed): init %+.0f ms, while its \"secrets read\" is %.0f ms: the rest of"
                + " init (init - secrets read) changed by %+.0f ms, work the secrets phase did ahead of the DynamoDB client;"
                + " first invocation %+.0f ms; init + first invocation %+.0f ms.%n", oneInit, oneRead, oneRemainder, oneFirst,
                oneTotal);
        out.printf(Locale.ROOT, "  A second secret (the ingest key: its current version in the same call, its previous one"
                + " asked alone): init %+.0f ms, \"secrets read\" %+.0f ms.%n", twoInit, twoRead);
        out.printf(Locale.ROOT, "  So: reading its one secret adds about %.0f ms to init (%+.0f ms to init + first invocation)"
                        + " of a start without a snapshot here, %.0f %% of FormFunction's init, on loopback with moto"
                        + " answering in %.1f ms; in AWS each of its GetSecretValue calls also pays the network and TLS to"
                        + " Secrets Manager, which this cannot measure. Under SnapStart the snapshot's init pays it, once"
                        + " per published version.%n",
                oneInit, oneTotal, 100 * oneInit / formInit, moto.currentMedianMs());
        out.printf("%nEvery start: %s; the runtimes' logs: %s%n", work.resolve("runs.csv"), work.resolve("logs"));
    }

    /** The modes of the secrets' question: the functions themselves, on both cores, the ablation's included. */
    private static List<Mode> secretsModes(List<Mode> modes) {
        return modes.stream().filter(m -> m.floor() == null && !m.oneCore()
                && (m.function().equals(FORM) || m.function().equals(ADMIN))).toList();
    }

    /**
     * The cold-start table: every function measured here and the two floors, on demand, init (launch to the first
     * /next), first invocation and their total, median and p90; each total against the floors' of the same run on
     * the same cores; the same pinned to one core; issue 21's two bars; what FormFunction adds to sdk-first-calls;
     * the classes one start of each loads, by origin.
     */
    private static void reportRuntimeClientTable(PrintStream out, RehearsalStack deployment, List<Mode> modes,
                                                 List<Run> runs, List<ClassLoads> classLoads) {
        List<Mode> table = modes.stream().filter(m -> !m.snapStart() && m.addedSecrets().isEmpty()).toList();
        out.printf("%nCold starts through the runtime client, on demand: a fresh JVM per start, the managed runtime's"
                + " flags, the function's memory and environment; the floors run by the same client with FormFunction's"
                + " memory, flags and environment (no secret variables). ms, median (p90); x: total's median over the"
                + " floor's, same run, same cores.%n");
        String header = String.format("%-30s %7s %13s %13s %13s %8s %8s%n", "", "memory", "init", "1st invoc.",
                "total", "x hello", "x sdk-fc");
        for (boolean oneCore : List.of(false, true)) {
            List<Mode> rows = table.stream().filter(m -> m.oneCore() == oneCore).sorted(java.util.Comparator
                    .comparing((Mode m) -> m.floor() == null ? 1 : 0).thenComparing(m -> m.floor() == null ? 0 : m.floor().ordinal()))
                    .toList();
            if (rows.isEmpty()) {
                out.println("One core: not measured (" + (Files.isExecutable(Path.of(ONE_CORE_LAUNCHER.get(0)))
                        ? "BENCH_RIC_MODES=bars" : ONE_CORE_LAUNCHER.get(0) + " is missing (util-linux)") + ").");
                continue;
            }
            out.print(header.replaceFirst("^ {30}", String.format("%-30s", oneCore
                    ? "one core (" + String.join(" ", ONE_CORE_LAUNCHER.subList(1, 3)) + ")" : "two cores")));
            double hello = median(of(runs, find(rows, Floor.HELLO)), Run::startToAnswerMs);
            double sdk = median(of(runs, find(rows, Floor.SDK_FIRST_CALLS)), Run::startToAnswerMs);
            for (Mode mode : rows) {
                List<Run> of = of(runs, mode);
                double total = median(of, Run::startToAnswerMs);
                String name = mode.floor() != null ? mode.floor().label + " (floor)" : mode.function();
                out.printf(Locale.ROOT, "%-30s %4d MB %13s %13s %13s %8.2f %8.2f%n", name,
                        deployment.function(mode.function()).memorySizeMb(), cell(of, Run::initMs),
                        cell(of, Run::firstInvocationMs), cell(of, Run::startToAnswerMs), total / hello, total / sdk);
            }
        }
        Mode form = table.stream().filter(m -> m.floor() == null && !m.oneCore() && m.function().equals(FORM)).findFirst().orElseThrow();
        Mode sdkFloor = find(table.stream().filter(m -> !m.oneCore()).toList(), Floor.SDK_FIRST_CALLS);
        Mode helloFloor = find(table.stream().filter(m -> !m.oneCore()).toList(), Floor.HELLO);
        double formTotal = median(of(runs, form), Run::startToAnswerMs);
        double overSdk = formTotal / median(of(runs, sdkFloor), Run::startToAnswerMs);
        double overHello = formTotal / median(of(runs, helloFloor), Run::startToAnswerMs);
        out.printf(Locale.ROOT, "  init: the runtime's process launched to its first invocation/next; 1st invoc.: the"
                + " event handed to the runtime to its answer; total: both, what the first caller waits through.%n");
        out.printf(Locale.ROOT, "Issue 21's bars (FormFunction's total, median, two cores): %.2fx sdk-first-calls (bar 1.15x: %s);"
                        + " %.2fx hello (bar 6x: %s).%n", overSdk, overSdk <= 1.15 ? "met" : "not met", overHello,
                overHello <= 6 ? "met" : "not met");
        out.printf(Locale.ROOT, "FormFunction over sdk-first-calls (medians of the per-round differences): init %+.0f ms"
                        + " (of which its \"secrets read\" %.0f ms), first invocation %+.0f ms, total %+.0f ms.%n",
                pairedMedian(runs, form, sdkFloor, Run::initMs), median(of(runs, form), Run::secretsMs),
                pairedMedian(runs, form, sdkFloor, Run::firstInvocationMs),
                pairedMedian(runs, form, sdkFloor, Run::startToAnswerMs));
        printClassLoads(out, classLoads);
    }

    /** The functions' rows of the cold-start table (no floor, no SnapStart, no added secret), for the cost model. */
    private static List<RuntimeClientTable.Row> tableRows(List<Mode> modes, List<Run> runs) {
        return modes.stream().filter(m -> m.floor() == null && !m.snapStart() && m.addedSecrets().isEmpty())
                .map(m -> {
                    double[] totals = of(runs, m).stream().mapToDouble(Run::startToAnswerMs).filter(v -> !Double.isNaN(v))
                            .toArray();
                    return new RuntimeClientTable.Row(m.function(), m.oneCore() ? 1 : 2, totals.length,
                            Stats.median(totals), Stats.quantile(totals, 0.9));
                }).toList();
    }

    private static Mode find(List<Mode> modes, Floor floor) {
        return modes.stream().filter(m -> m.floor() == floor).findFirst().orElseThrow();
    }

    /**
     * Classes by origin, one column per start, as "at init + at the first invocation" (a class counts at init when the
     * JVM's uptime at its loading is within the start's init: the launch is a few ms before the JVM's clock starts, so
     * the split is an approximation at its edge). Origins ordered by their count in the start that loads the most; the
     * smallest folded into one line.
     */
    private static void printClassLoads(PrintStream out, List<ClassLoads> loads) {
        if (loads.isEmpty()) {
            return;
        }
        int shown = 32;
        List<Map<String, int[]>> columns = loads.stream().map(ClassLoads::byOrigin).toList();
        Map<String, int[]> widest = columns.stream().max(java.util.Comparator.comparingInt(
                (Map<String, int[]> c) -> c.values().stream().mapToInt(RuntimeClientColdStarts::total).sum())).orElseThrow();
        java.util.Set<String> origins = new java.util.LinkedHashSet<>();
        columns.forEach(c -> origins.addAll(c.keySet()));
        List<String> ordered = origins.stream().sorted(java.util.Comparator
                .comparingInt((String o) -> -total(widest.get(o))).thenComparing(o -> o)).toList();
        out.printf("%nClasses one start loads, by origin (-Xlog:class+load, one extra start each): at init + at the"
                + " first invocation%n");
        out.printf("%-60s", "origin");
        loads.forEach(l -> out.printf(" %18s", l.label().replace(" on-demand", "")));
        out.println();
        for (int i = 0; i < ordered.size(); i++) {
            if (i == shown) {
                List<String> rest = ordered.subList(shown, ordered.size());
                out.printf("%-60s", "other origins (" + rest.size() + ")");
                for (Map<String, int[]> column : columns) {
                    int[] sum = new int[2];
                    rest.forEach(o -> {
                        int[] c = column.getOrDefault(o, new int[2]);
                        sum[0] += c[0];
                        sum[1] += c[1];
                    });
                    out.printf(" %18s", sum[0] + " + " + sum[1]);
                }
                out.println();
                break;
            }
            String origin = ordered.get(i);
            out.printf("%-60s", origin.length() > 60 ? origin.substring(0, 57) + "..." : origin);
            for (Map<String, int[]> column : columns) {
                int[] c = column.get(origin);
                out.printf(" %18s", c == null ? "-" : c[0] + " + " + c[1]);
            }
            out.println();
        }
        out.printf("%-60s", "all");
        for (Map<String, int[]> column : columns) {
            out.printf(" %18s", column.values().stream().mapToInt(c -> c[0]).sum() + " + "
                    + column.values().stream().mapToInt(c -> c[1]).sum());
        }
        out.println();
    }

    private static int total(int[] counts) {
        return counts == null ? 0 : counts[0] + counts[1];
    }

    private static List<Run> of(List<Run> runs, Mode mode) {
        return runs.stream().filter(r -> r.mode().equals(mode.label())).toList();
    }

    private static String cell(List<Run> runs, ToDoubleFunction<Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f (%.0f)", Stats.median(values), Stats.quantile(values, 0.9));
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).toArray();
        return values.length == 0 ? Double.NaN : Stats.median(values);
    }

    /** The median over rounds of (a − b) within the round: a slow spell of the machine cancels out. */
    private static double pairedMedian(List<Run> runs, Mode a, Mode b, ToDoubleFunction<Run> figure) {
        Map<Integer, Double> bByRound = new LinkedHashMap<>();
        of(runs, b).forEach(r -> bByRound.put(r.round(), figure.applyAsDouble(r)));
        double[] differences = of(runs, a).stream().filter(r -> bByRound.containsKey(r.round()))
                .mapToDouble(r -> figure.applyAsDouble(r) - bByRound.get(r.round())).toArray();
        return differences.length == 0 ? Double.NaN : Stats.median(differences);
    }

    private static void writeRuns(List<Run> runs, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("mode,round,init_ms,secrets_read_ms,first_invocation_ms,launch_to_snapshot_point_ms,restore_to_ready_ms,status");
        for (Run r : runs) {
            lines.add(String.join(",", r.mode(), Integer.toString(r.round()), num(r.initMs()), num(r.secretsMs()),
                    num(r.firstInvocationMs()), num(r.checkpointMs()), num(r.restoreToReadyMs()), Integer.toString(r.status())));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException ignored) {
            // Not Linux: the name is a courtesy.
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch");
    }
}
