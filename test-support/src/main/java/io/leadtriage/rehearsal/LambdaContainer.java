package io.leadtriage.rehearsal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One Lambda execution environment: a fresh JVM running the real runtime interface client (RIC) as Lambda's
 * Java managed runtime runs it ({@link LambdaRuntimeImage}: its class path, flags and JDK), the function loaded
 * by the RIC from {@code LAMBDA_TASK_ROOT} (a {@code sam build} artifact: classes at the root, jars in
 * {@code lib/}), against a {@link RuntimeApiStandIn} of its own.
 *
 * <p>The process starts from an empty environment, never this JVM's (a developer's AWS_* variables must
 * not leak in), and gets what Lambda documents for a function ("Defined runtime environment variables";
 * the split into reserved and unreserved is the runtime interface emulator's), the function's own variables,
 * and the caller's extras (the SDK's {@code AWS_ENDPOINT_URL_*} pointing at stand-ins). Credentials come from
 * a container credentials endpoint, as Lambda gives them to SnapStart functions; access-key variables are
 * never set, whatever the caller passes. Its working directory is the task root: the RIC takes the task
 * root from {@code user.dir}, as Lambda starts it in /var/task.
 *
 * <p>Lifecycle, as Lambda drives it. SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}): the RIC
 * loads the handler (init), runs the {@code beforeCheckpoint} hooks and calls {@code restore/next}
 * ({@link #awaitCheckpoint}: the snapshot point); {@link #restore()} answers it, the RIC runs the
 * {@code afterRestore} hooks and asks for the first invocation ({@link #awaitReady}). On demand: init, then
 * straight to the first invocation. Each wait is bounded and fails with what the runtime reported and the
 * tail of its logs.
 */
public final class LambdaContainer implements AutoCloseable {
    /** Lambda's value of AWS_LAMBDA_INITIALIZATION_TYPE. */
    public enum InitType {
        SNAP_START("snap-start"), ON_DEMAND("on-demand");

        public final String value;

        InitType(String value) {
            this.value = value;
        }
    }

    /**
     * Variables Lambda reserves: a function's configuration may not set them (Lambda refuses the update),
     * and the runtime gets Lambda's values. Access keys are among them; this rehearsal never sets those.
     */
    static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "TZ",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN");
    static final Set<String> ACCESS_KEY_VARIABLES = Set.of("AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
    /** Lambda's PATH for its managed runtimes. */
    static final String LAMBDA_PATH = "/usr/local/bin:/usr/bin/:/bin:/opt/bin";
    private static final int LOG_LINES_KEPT = 5000;
    private static final int LOG_LINES_IN_FAILURES = 60;
    private static final Duration STOP_LIMIT = Duration.ofSeconds(5);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Port 1 of loopback: nothing listens there, so a connection is refused at once. */
    static final String CLOSED_LOOPBACK_ENDPOINT = "http://127.0.0.1:1";

    private final Builder spec;
    private final RuntimeApiStandIn runtimeApi;
    private final Map<String, String> environment;
    private final List<String> command;
    private final Process process;
    private final Path logFile;
    private final Path classLog;
    private final Deque<String> logLines = new ArrayDeque<>();
    private final List<Thread> readers = new ArrayList<>();
    private final Writer logWriter;
    private final Thread shutdownHook;
    private volatile boolean closed;

    public static Builder builder(String functionName, Path taskRoot, String handler) {
        return new Builder(functionName, taskRoot, handler);
    }

    /** What the execution environment is made of; {@link #start()} launches it. */
    public static final class Builder {
        private final String functionName;
        private final Path taskRoot;
        private final String handler;
        private String runtime = "java21";
        private int memoryMb = 128;
        private Duration timeout = Duration.ofSeconds(3);
        private String region = "us-east-1";
        private String accountId = "123456789012";
        private String version = "1";
        private String alias;
        private InitType initType = InitType.SNAP_START;
        private Map<String, String> functionEnvironment = Map.of();
        private Map<String, String> extraEnvironment = Map.of();
        private ContainerCredentialsStandIn credentials;
        private LambdaRuntimeImage image;
        private boolean cracCompat = true;
        private boolean logClassLoading;
        private Path logDir;
        private List<String> launcher = List.of();

        private Builder(String functionName, Path taskRoot, String handler) {
            this.functionName = Objects.requireNonNull(functionName);
            this.taskRoot = Objects.requireNonNull(taskRoot);
            this.handler = Objects.requireNonNull(handler);
        }

        /** The template's Runtime (java21): AWS_EXECUTION_ENV is AWS_Lambda_ followed by it. */
        public Builder runtime(String runtime) {
            this.runtime = runtime;
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** The published version this environment runs (SnapStart applies to published versions). */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** The alias the function is invoked through, if any: it ends the invoked function ARN. */
        public Builder alias(String alias) {
            this.alias = alias;
            return this;
        }

        public Builder initType(InitType initType) {
            this.initType = initType;
            return this;
        }

        /** The function's own variables, as the deployed stack has them (the template, resolved). */
        public Builder environment(Map<String, String> functionEnvironment) {
            this.functionEnvironment = Map.copyOf(functionEnvironment);
            return this;
        }

        /**
         * Variables added for the rehearsal, e.g. the SDK's AWS_ENDPOINT_URL_DYNAMODB pointing at a stand-in:
         * they go where the function's own variables go, and may not be reserved ones either.
         */
        public Builder extraEnvironment(Map<String, String> extraEnvironment) {
            this.extraEnvironment = Map.copyOf(extraEnvironment);
            return this;
        }

        public Builder credentials(ContainerCredentialsStandIn credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder image(LambdaRuntimeImage image) {
            this.image = image;
            return this;
        }

        /**
         * Leaves out Lambda's {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}: only to show
         * that without it the RIC's checkpoint never reaches org.crac resources.
         */
        public Builder withoutLambdasCracRouting() {
            this.cracCompat = false;
            return this;
        }

        /**
         * Adds {@code -Xlog:class+load} (not one of Lambda's flags; it changes no behaviour) so that
         * {@link #loadedClasses()} tells which classes the JVM has loaded, e.g. whether priming ran.
         */
        public Builder logClassLoading() {
            this.logClassLoading = true;
            return this;
        }

        /**
         * A command the runtime's java command is run through, e.g. {@code taskset -c 0} to pin it to one core (a
         * function below 1,769 MB has less than one vCPU). Not Lambda's; it must exec java in its own process, so
         * that the process started is the runtime's.
         */
        public Builder launcher(List<String> launcher) {
            this.launcher = List.copyOf(launcher);
            return this;
        }

        /** Where the runtime's logs are written (one file per execution environment). */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        public LambdaContainer start() {
            if (credentials == null) {
                throw new IllegalStateException(functionName + ": no container credentials endpoint given");
            }
            if (image == null) {
                image = LambdaRuntimeImage.locate();
            }
            if (logDir == null) {
                logDir = image.dir().getParent().resolve("rehearsal-logs");
            }
            refuseReserved(this);
            return new LambdaContainer(this);
        }

        String invokedFunctionArn() {
            return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName
                    + (alias != null ? ":" + alias : "");
        }
    }

    private LambdaContainer(Builder spec) {
        this.spec = spec;
        this.runtimeApi = RuntimeApiStandIn.start(spec.invokedFunctionArn(), spec.timeout);
        try {
            this.environment = environment(spec, runtimeApi.address());
            Files.createDirectories(spec.logDir);
            String name = spec.functionName + "-" + SEQUENCE.incrementAndGet();
            this.logFile = spec.logDir.resolve(name + ".log");
            this.classLog = spec.logClassLoading ? spec.logDir.resolve(name + "-classes.log") : null;
            this.command = command(spec, classLog);
            this.logWriter = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command).directory(spec.taskRoot.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            runtimeApi.timeline().launched();
            this.process = builder.start();
            process.getOutputStream().close();
        } catch (IOException | RuntimeException e) {
            runtimeApi.close();
            throw new IllegalStateException(spec.functionName + ": the runtime could not be started: " + e.getMessage(), e);
        }
        readers.add(reader(process.getInputStream(), ""));
        readers.add(reader(process.getErrorStream(), "[stderr] "));
        this.shutdownHook = new Thread(this::stop, "lambda-container-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Lambda refuses a configuration whose variables include reserved keys: so does the rehearsal. */
    static void refuseReserved(Builder spec) {
        for (Map<String, String> given : List.of(spec.functionEnvironment, spec.extraEnvironment)) {
            for (String name : given.keySet()) {
                if (RESERVED.contains(name)) {
                    throw new IllegalArgumentException(spec.functionName + ": " + name + " is reserved by Lambda"
                            + " and cannot be part of a function's environment");
                }
            }
        }
    }

    /**
     * The runtime's environment: unreserved platform variables, then the function's and the caller's (which
     * may override those), then what Lambda reserves. The order is the runtime interface emulator's
     * ({@code RuntimeExecEnv}: customer, then credentials, runtime and platform variables over them).
     */
    static Map<String, String> environment(Builder spec, String runtimeApiAddress) {
        refuseReserved(spec);
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", LAMBDA_PATH);
        env.put("LANG", Locales.lambdasLang());
        env.put("LD_LIBRARY_PATH", spec.taskRoot.resolve("lib") + ":" + spec.taskRoot);
        env.putAll(spec.functionEnvironment);
        env.putAll(spec.extraEnvironment);
        // Credentials: the container credentials endpoint, as for SnapStart functions. Never access keys.
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", spec.credentials.fullUri().toString());
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", spec.credentials.authorizationToken());
        // Runtime variables.
        env.put("_HANDLER", spec.handler);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime);
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[" + (spec.initType == InitType.SNAP_START ? spec.version : "$LATEST") + "]" + randomHex(16));
        env.put("LAMBDA_TASK_ROOT", spec.taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", spec.image.dir().toString());
        // Platform variables.
        env.put("AWS_REGION", spec.region);
        env.put("AWS_DEFAULT_REGION", spec.region);
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.initType == InitType.SNAP_START ? spec.version : "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", spec.initType.value);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApiAddress);
        env.put("TZ", ":UTC");
        for (String name : ACCESS_KEY_VARIABLES) {
            if (env.containsKey(name)) {
                throw new IllegalStateException("access-key variable " + name + " in a rehearsal environment");
            }
        }
        return env;
    }

    /**
     * Lambda's command line ({@link LambdaRuntimeImage#jvmFlags}) plus two settings that keep this machine's
     * state out, each making it look as an execution environment looks to the SDK:
     * <ul>
     *   <li>{@code user.home} is an empty folder: Lambda's sandbox user has no ~/.aws, while a developer's
     *   ~/.aws/credentials would come before the container credentials in the SDK's default chain;</li>
     *   <li>the EC2 instance metadata endpoint is a closed loopback port: in Lambda it cannot be reached, and
     *   here the SDK's chain, falling back to it when container credentials are refused, must not send a
     *   request off this machine (169.254.169.254).</li>
     * </ul>
     */
    private static List<String> command(Builder spec, Path classLog) throws IOException {
        Path home = Files.createDirectories(spec.image.dir().resolve("sandbox-home"));
        List<String> command = new ArrayList<>(spec.launcher);
        command.add(spec.image.jdk().java().toString());
        command.addAll(spec.image.jvmFlags(spec.memoryMb, spec.cracCompat));
        if (classLog != null) {
            command.add("-Xlog:class+load=info:file=" + classLog);
        }
        command.add("-Duser.home=" + home);
        command.add("-Daws.ec2MetadataServiceEndpoint=" + CLOSED_LOOPBACK_ENDPOINT);
        command.add("-classpath");
        command.add(spec.image.classPathString());
        command.add(LambdaRuntimeImage.MAIN_CLASS);
        command.add(spec.handler);
        return command;
    }

    public String functionName() {
        return spec.functionName;
    }

    /** The variables the runtime's process was started with (nothing else: it started from none). */
    public Map<String, String> environment() {
        return environment;
    }

    public List<String> command() {
        return command;
    }

    public Timeline timeline() {
        return runtimeApi.timeline();
    }

    public RuntimeApiStandIn runtimeApi() {
        return runtimeApi;
    }

    public Path logFile() {
        return logFile;
    }

    /** Everything the runtime printed so far (its stdout, and stderr lines marked "[stderr] "). */
    public String logs() {
        synchronized (logLines) {
            return String.join("\n", logLines);
        }
    }

    /**
     * Waits until the runtime's logs contain {@code text} (a log line may come after the Runtime API call it
     * follows: the RIC logs an invocation's error after posting it).
     */
    public void awaitLog(String text, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!logs().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw failure("did not log \"" + text + "\" within " + limit.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for a log line");
            }
        }
    }

    /** The JVM's {@code -Xlog:class+load} file, each class with its uptime and source (needs {@link Builder#logClassLoading()}). */
    public Path classLog() {
        if (classLog == null) {
            throw new IllegalStateException(spec.functionName + " was started without logClassLoading()");
        }
        return classLog;
    }

    /** The classes the JVM has loaded so far (needs {@link Builder#logClassLoading()}). */
    public Set<String> loadedClasses() {
        if (classLog == null) {
            throw new IllegalStateException(spec.functionName + " was started without logClassLoading()");
        }
        try (java.util.stream.Stream<String> lines = Files.lines(classLog, StandardCharsets.UTF_8)) {
            // "[0.123s][info][class,load] java.lang.Object source: shared objects file"
            return lines.map(line -> line.substring(line.lastIndexOf(']') + 1).strip())
                    .map(line -> line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line)
                    .collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw failure("cannot read its class loading log " + classLog + ": " + e.getMessage());
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SnapStart: waits until init and the beforeCheckpoint hooks are done and the runtime asked
     * {@code restore/next}, where Lambda takes the snapshot.
     */
    public void awaitCheckpoint(Duration limit) {
        if (spec.initType != InitType.SNAP_START) {
            throw new IllegalStateException(spec.functionName + " runs on demand: there is no checkpoint");
        }
        await(limit, "reach the snapshot point (restore/next)", runtimeApi::checkpointReached, () -> {
            if (runtimeApi.isReady()) {
                throw failure("asked for an invocation without calling restore/next: the runtime did not run the"
                        + " SnapStart lifecycle");
            }
        });
    }

    /** SnapStart: lets the runtime go on from the snapshot point (afterRestore hooks, then invocations). */
    public void restore() {
        runtimeApi.restore();
    }

    /** Waits until init is over and the runtime asked for its first invocation. */
    public void awaitReady(Duration limit) {
        await(limit, "finish init and ask for an invocation", runtimeApi::isReady, () -> {
        });
    }

    /** SnapStart, all the way: snapshot point, restore, ready. */
    public void startAsLambdaWould(Duration limit) {
        if (spec.initType == InitType.SNAP_START) {
            awaitCheckpoint(limit);
            restore();
        }
        awaitReady(limit);
    }

    /** Invokes the function with one event and waits for its answer (a response, or the error it posted). */
    public RuntimeApiStandIn.Answer invoke(byte[] event, Duration limit) {
        Future<RuntimeApiStandIn.Answer> answer = runtimeApi.submit(event);
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return answer.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                runtimeApi.initError().ifPresent(error -> {
                    throw failure("reported an init error instead of answering: " + error);
                });
                if (!process.isAlive()) {
                    throw failure("exited with code " + process.exitValue() + " before answering the invocation");
                }
                if (System.nanoTime() > deadline) {
                    throw failure("did not answer an invocation within " + limit.toSeconds() + " s");
                }
            } catch (ExecutionException e) {
                throw failure("the invocation failed: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for an answer");
            }
        }
    }

    /** Waits for the init error the runtime must report (and fails if it becomes ready instead). */
    public RuntimeApiStandIn.ReportedError awaitInitError(Duration limit) {
        await(limit, "report an init error", () -> runtimeApi.initError().isPresent() || runtimeApi.restoreError().isPresent(), () -> {
            if (runtimeApi.isReady()) {
                throw failure("finished init and asked for an invocation: no init error was reported");
            }
        }, true);
        return runtimeApi.initError().orElseGet(() -> runtimeApi.restoreError().orElseThrow());
    }

    /** Waits for the process to end; its exit code. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure("did not exit within " + limit.toSeconds() + " s");
            }
            joinReaders();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for it to exit");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        runtimeApi.close();
        joinReaders();
        try {
            synchronized (logWriter) {
                logWriter.close();
            }
        } catch (IOException ignored) {
            // The log file is a convenience; the lines are kept in memory too.
        }
    }

    private void await(Duration limit, String what, BooleanSupplier done, Runnable check) {
        await(limit, what, done, check, false);
    }

    private void await(Duration limit, String what, BooleanSupplier done, Runnable check, boolean initErrorExpected) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            check.run();
            if (!initErrorExpected) {
                runtimeApi.initError().ifPresent(error -> {
                    throw failure("reported an init error: " + error);
                });
                runtimeApi.restoreError().ifPresent(error -> {
                    throw failure("reported a restore error: " + error);
                });
            }
            if (!process.isAlive() && !done.getAsBoolean()) {
                joinReaders();
                throw failure("exited with code " + process.exitValue() + " before it could " + what);
            }
            if (System.nanoTime() > deadline) {
                throw failure("did not " + what + " within " + limit.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for it to " + what);
            }
        }
    }

    /** A failure that says what happened, what the runtime asked of the Runtime API, and its last log lines. */
    private IllegalStateException failure(String what) {
        List<String> lines;
        synchronized (logLines) {
            lines = new ArrayList<>(logLines);
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_FAILURES), lines.size());
        return new IllegalStateException(spec.functionName + " (" + spec.initType.value + ", " + spec.image.jdk().version()
                + ") " + what + "\nRuntime API requests: " + runtimeApi.requests()
                + "\nLast " + tail.size() + " log lines (all in " + logFile + "):\n" + String.join("\n", tail));
    }

    private Thread reader(InputStream stream, String prefix) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String kept = prefix + line;
                    synchronized (logLines) {
                        if (logLines.size() == LOG_LINES_KEPT) {
                            logLines.removeFirst();
                        }
                        logLines.addLast(kept);
                    }
                    synchronized (logWriter) {
                        logWriter.write(kept);
                        logWriter.write('\n');
                        logWriter.flush();
                    }
                }
            } catch (IOException streamClosed) {
                // The process is gone.
            }
        }, "lambda-container-log");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void joinReaders() {
        for (Thread reader : readers) {
            try {
                reader.join(STOP_LIMIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Summary for reports: name, init type, JDK, timeline. */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("function", spec.functionName);
        d.put("init", spec.initType.value);
        d.put("jdk", spec.image.jdk().version());
        d.put("timeline", timeline().summary());
        return d;
    }

    /** Lambda's LANG is en_US.UTF-8; a machine without that locale gets C.UTF-8, the same charset. */
    static final class Locales {
        private static volatile String lang;

        static String lambdasLang() {
            String known = lang;
            if (known == null) {
                known = hasLocale("en_US.utf8") ? "en_US.UTF-8" : "C.UTF-8";
                lang = known;
            }
            return known;
        }

        private static boolean hasLocale(String name) {
            try {
                Process locales = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
                String all = new String(locales.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                locales.waitFor(5, TimeUnit.SECONDS);
                return all.lines().anyMatch(l -> l.strip().equalsIgnoreCase(name));
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
