package io.leadtriage.bench;

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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Starts of the functions as Lambda runs them, measured through the real runtime interface client: the deployment
 * rehearsal's machinery ({@link SamBuild}: the artifact {@code sam build} makes, built once; {@link RehearsalStack}:
 * template.yaml deployed into DynamoDB Local, the SES emulator, moto's Secrets Manager and a container credentials
 * endpoint; {@link LambdaContainer}: a fresh JVM per start running the RIC against a Runtime API stand-in, with the
 * managed runtime's flags, the function's memory size and its environment as the stack resolves it). What the
 * secrets read at init costs a start without a snapshot is the question (the functions read their secrets from
 * Secrets Manager during init and log {@code {"message":"secrets read","ms":N}}).
 *
 * <p>Modes, every one in every round, rounds interleaved (each round starts at the next mode) after one dropped
 * round:
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

    /** One mode: a function, on demand or SnapStart, with secret variables added for the ablation. */
    record Mode(String label, String function, boolean snapStart, List<String> addedSecrets) {
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
        List<Mode> modes = List.of(
                new Mode(FORM + " on-demand", FORM, false, List.of()),
                new Mode(ADMIN + " on-demand (1 secret)", ADMIN, false, List.of()),
                new Mode(ADMIN + " on-demand + 1 secret", ADMIN, false, List.of(AppConfig.TOKEN_SECRET)),
                new Mode(ADMIN + " on-demand + 2 secrets", ADMIN, false, List.of(AppConfig.TOKEN_SECRET, AppConfig.INGEST_SECRET)),
                new Mode(FORM + " snap-start", FORM, true, List.of()));

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
                progress.println("moto's answer time: GetSecretValue from a warm client in this JVM");
                MotoLatency moto = motoLatency(deployment);
                String loadBefore = loadAverage();
                List<Run> runs = measure(deployment, modes, rounds, events, adminList, work, progress);
                String loadAfter = loadAverage();
                writeRuns(runs, work.resolve("runs.csv"));
                report(out, deployment, build, modes, runs, rounds, loadBefore, loadAfter, moto, work);
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

    private static List<Run> measure(RehearsalStack deployment, List<Mode> modes, int rounds, BenchEvents events,
                                     byte[] adminList, Path work, PrintStream progress) {
        long deadline = System.nanoTime() + MEASURE_LIMIT.toNanos();
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            progress.printf("runtime client starts: round %d of %d%s%n", round, rounds, round == 0 ? " (warm-up, dropped)" : "");
            for (int i = 0; i < modes.size(); i++) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the starts took longer than " + MEASURE_LIMIT.toMinutes() + " min: stopped");
                }
                Mode mode = modes.get((i + round) % modes.size());
                Run run = start(deployment, mode, round, events, adminList, work);
                if (round > 0) {
                    runs.add(run);
                }
            }
        }
        return runs;
    }

    /** One execution environment of the mode, from launch to its first invocation answered; then it is stopped. */
    private static Run start(RehearsalStack deployment, Mode mode, int round, BenchEvents events, byte[] adminList, Path work) {
        SimulatedStack.Function function = deployment.function(mode.function());
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        for (String variable : mode.addedSecrets()) {
            environment.put(variable, deployment.stack().ref(switch (variable) {
                case AppConfig.TOKEN_SECRET -> "TokenSigningSecret";
                case AppConfig.INGEST_SECRET -> "IngestKeySecret";
                default -> throw new IllegalArgumentException("no secret for " + variable);
            }));
        }
        LambdaContainer.Builder builder = deployment.container(mode.function())
                .environment(environment)
                .logDir(work.resolve("logs"))
                .initType(mode.snapStart() ? LambdaContainer.InitType.SNAP_START : LambdaContainer.InitType.ON_DEMAND);
        byte[] event = mode.function().equals(FORM)
                ? events.step1(BenchLeads.freshEmail("ric")).toString().getBytes(StandardCharsets.UTF_8)
                : adminList;
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
            return new Run(mode.label(), round, mode.snapStart() ? Double.NaN : init, secretsMs(container.logs()), first,
                    checkpoint, mode.snapStart() ? init : Double.NaN, status);
        }
    }

    /** The answer's statusCode, which must be the one of the work done: 201 for a new lead, 200 for the list. */
    private static int status(Mode mode, RuntimeApiStandIn.Answer answer) {
        if (answer.isError()) {
            throw new IllegalStateException(mode.label() + ": the invocation failed: " + answer.error());
        }
        int expected = mode.function().equals(FORM) ? 201 : 200;
        int status;
        try {
            status = BenchEvents.JSON.readTree(answer.text()).path("statusCode").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(mode.label() + " answered " + answer.text(), e);
        }
        if (status != expected) {
            throw new IllegalStateException(mode.label() + ": answered " + status + " instead of " + expected + ": " + answer.text());
        }
        return status;
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
        for (Mode mode : modes) {
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
        for (Mode mode : modes) {
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
        out.printf(Locale.ROOT, "  FormFunction's \"secrets read\" (the token signing secret, 2 versions asked): %.0f ms"
                + " of its %.0f ms init.%n", formSecrets, formInit);
        out.printf(Locale.ROOT, "  init FormFunction - AdminFunction: %+.0f ms. Not the secrets' cost alone: other handlers"
                        + " and memory sizes (%d and %d MB), and part of the secrets phase (SDK core classes, the credentials"
                        + " fetch) would otherwise be paid by the DynamoDB client that follows.%n", formMinusAdmin,
                deployment.function(FORM).memorySizeMb(), deployment.function(ADMIN).memorySizeMb());
        out.printf(Locale.ROOT, "  Ablation: AdminFunction with the token signing secret added to its environment (the same"
                + " secrets phase, nothing else changed): init %+.0f ms, while its \"secrets read\" is %.0f ms: the rest of"
                + " init (init - secrets read) changed by %+.0f ms, work the secrets phase did ahead of the DynamoDB client;"
                + " first invocation %+.0f ms; init + first invocation %+.0f ms.%n", oneInit, oneRead, oneRemainder, oneFirst,
                oneTotal);
        out.printf(Locale.ROOT, "  A second secret (the ingest key: 2 more versions asked of the built client): init %+.0f ms,"
                + " \"secrets read\" %+.0f ms.%n", twoInit, twoRead);
        out.printf(Locale.ROOT, "  So: reading its one secret adds about %.0f ms to init (%+.0f ms to init + first invocation)"
                        + " of a start without a snapshot here, %.0f %% of FormFunction's init, on loopback with moto"
                        + " answering in %.1f ms; in AWS each of its GetSecretValue calls also pays the network and TLS to"
                        + " Secrets Manager, which this cannot measure. Under SnapStart the snapshot's init pays it, once"
                        + " per published version.%n",
                oneInit, oneTotal, 100 * oneInit / formInit, moto.currentMedianMs());
        out.printf("%nEvery start: %s; the runtimes' logs: %s%n", work.resolve("runs.csv"), work.resolve("logs"));
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
