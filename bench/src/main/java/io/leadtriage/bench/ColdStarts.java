package io.leadtriage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadtriage.app.tokens.TokenPurpose;
import io.leadtriage.bench.floor.SdkFirstCallsFloor;
import io.leadtriage.local.SamTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cold starts, each in a fresh JVM running {@link ColdStartProbe} on the deployed class path with the
 * functions' JVM flags and one function's environment, against the stand-ins of a {@link BenchStack}
 * started once. Runs are interleaved (every mode once, then again), so a slow spell of the machine
 * spreads over all modes instead of landing on one; the first round warms the page cache and is dropped.
 */
final class ColdStarts {
    static final String HELLO = "hello";
    static final String SDK_ONLY = "sdk-only";
    static final String SDK_FIRST_CALLS = "sdk-first-calls";
    /** The same two with the AWS CRT HTTP client, on the deployed class path plus the CRT's jars. */
    static final String SDK_ONLY_CRT = SDK_ONLY + ColdStartProbe.CRT_SUFFIX;
    static final String SDK_FIRST_CALLS_CRT = SDK_FIRST_CALLS + ColdStartProbe.CRT_SUFFIX;
    /** Not a floor but a part of every function's init: the YAML model parsed, bound and checked. */
    static final String MODEL_ONLY = "model-only";
    static final String TASKSET = "/usr/bin/taskset";
    /** A probe that takes longer is stuck, not slow. */
    private static final long PROBE_LIMIT_SECONDS = 120;
    private static final int OUTPUT_LINES_KEPT = 40;
    /** A line of -Xlog:library with the uptime decoration: {@code [0.249s] Loaded library /tmp/x.so, handle 0x…}. */
    /** A line of -Xlog:class+load: decorations (the first one the uptime, if any), the class, its source. */
    private static final Pattern CLASS_LOAD = Pattern.compile("^(?:\\[([0-9.]+)s\\])?(?:\\[[^\\]]*\\])*\\s*(\\S+)(?: source: (.*))?$");
    private static final Pattern NATIVE_LOAD = Pattern.compile("^\\[([0-9.]+)s\\] Loaded library (.+?), handle");

    /**
     * One thing to measure.
     *
     * @param handlerClass null for the floors (and model-only)
     * @param function     the template function whose environment and memory size it gets
     * @param event        the event of one run (each run gets a fresh one: a new lead, a token of its own)
     * @param extraJars    jars the deployed class path does not have that this mode runs with (the CRT's)
     */
    record Mode(String label, String handlerClass, String function, int memoryMb, Supplier<ObjectNode> event,
                List<Path> extraJars) {
        Mode(String label, String handlerClass, String function, int memoryMb, Supplier<ObjectNode> event) {
            this(label, handlerClass, function, memoryMb, event, List.of());
        }
    }

    /** One probe run: the probe's own marks (ms since JVM start) and the wall time seen from here. */
    record Run(String label, int status, double mainMs, double readyMs, double servedMs, long classesLoaded,
               long peakRssKb, long gcCount, double wallMs) {
    }

    record Summary(String label, int runs, double medianMs, double p90Ms, double medianMainMs, double medianInitMs,
                   double medianFirstEventMs, long classesLoaded, double peakRssMb, long gcCount, double medianWallMs) {
    }

    private final BenchStack stack;
    private final DeployedArtifact artifact;
    private final Path work;
    private final String javaFlags;
    private final BenchEvents events;
    private final BenchLeads leads;
    private final List<Path> crtJars;

    /** @param crtJars what the -crt modes add to the deployed class path ({@link CrtClientJars}) */
    ColdStarts(BenchStack stack, DeployedArtifact artifact, Path work, List<Path> crtJars) {
        this.stack = stack;
        this.artifact = artifact;
        this.work = work;
        this.crtJars = List.copyOf(crtJars);
        this.javaFlags = stack.template.functions().values().iterator().next().environment()
                .getOrDefault("JAVA_TOOL_OPTIONS", "");
        this.events = new BenchEvents(stack.root.resolve("events"));
        this.leads = new BenchLeads(stack, stack.client(), events);
    }

    /**
     * The JVM flags every probe gets: the template's JAVA_TOOL_OPTIONS and the serial collector (what the
     * Lambda Java runtimes use by default).
     */
    List<String> commonFlags() {
        List<String> flags = new ArrayList<>(Arrays.asList(javaFlags.strip().split("\\s+")));
        flags.removeIf(String::isBlank);
        flags.add("-XX:+UseSerialGC");
        return flags;
    }

    /** {@link #commonFlags()} and the function's memory size as the JVM's idea of RAM, so heap sizing follows it as in Lambda. */
    List<String> jvmFlags(int memoryMb) {
        List<String> flags = commonFlags();
        flags.add("-XX:MaxRAM=" + memoryMb + "m");
        return flags;
    }

    /**
     * The floors (the two client floors also with the CRT client) and model-only, then one mode per function of
     * the template that has a handler and an event here.
     */
    List<Mode> modes() {
        Map<String, SamTemplate.FunctionDefinition> functions = stack.template.functions();
        int formMemory = functions.get("FormFunction").memorySizeMb();
        List<Mode> modes = new ArrayList<>();
        modes.add(new Mode(HELLO, null, "FormFunction", formMemory, null));
        modes.add(new Mode(SDK_ONLY, null, "FormFunction", formMemory, null));
        modes.add(new Mode(SDK_FIRST_CALLS, null, "FormFunction", formMemory, null));
        modes.add(new Mode(SDK_ONLY_CRT, null, "FormFunction", formMemory, null, crtJars));
        modes.add(new Mode(SDK_FIRST_CALLS_CRT, null, "FormFunction", formMemory, null, crtJars));
        modes.add(new Mode(MODEL_ONLY, null, "FormFunction", formMemory, null));
        Map<String, Supplier<ObjectNode>> eventOf = new LinkedHashMap<>();
        eventOf.put("FormFunction", () -> events.step1(BenchLeads.freshEmail("cold")));
        eventOf.put("SurveyFunction", () -> events.surveyAnswer(leads.token(TokenPurpose.SURVEY, leads.newLead().id())));
        eventOf.put("EventsFunction", () -> events.pageEvent(leads.newLead().formToken()));
        eventOf.put("DispositionFunction", () -> events.disposition(leads.token(TokenPurpose.DISPOSITION, leads.hotLead().id())));
        eventOf.put("UnsubscribeFunction", () -> events.unsubscribe(leads.token(TokenPurpose.UNSUBSCRIBE, leads.newLead().id())));
        eventOf.put("AdminFunction", events::adminListLeads);
        eventOf.put("DispatchFunction", () -> {
            // One tick that sends exactly one email: the welcome email of a lead that just joined nurture.
            leads.drainOutbox();
            leads.nurturedLead();
            return events.scheduled();
        });
        eventOf.put("ReviewTiersFunction", events::scheduled);
        eventOf.put("ConsoleFunction", events::consolePage);
        eventOf.put("SesEventFunction", () -> {
            BenchLeads.Lead hot = leads.hotLead();
            return events.sesClick(hot.id(), leads.sent().lastSendId());
        });
        eventOf.forEach((function, event) -> {
            SamTemplate.FunctionDefinition definition = functions.get(function);
            if (definition == null) {
                throw new IllegalStateException("template.yaml has no function " + function);
            }
            modes.add(new Mode(function, definition.handlerClass(), function, definition.memorySizeMb(), event));
        });
        List<String> unmeasured = functions.keySet().stream().filter(f -> !eventOf.containsKey(f)).toList();
        if (!unmeasured.isEmpty()) {
            throw new IllegalStateException("no cold-start event for " + unmeasured + ": add one to ColdStarts.modes()");
        }
        return modes;
    }

    /** {@code rounds} measured rounds of every mode, after one dropped round; progress goes to {@code progress}. */
    Map<String, List<Run>> measure(List<Mode> modes, int rounds, PrintStream progress) {
        return measure(List.of(), "cold starts", modes, rounds, progress);
    }

    /**
     * {@code rounds} runs of one mode with the probe pinned to one core ({@code taskset -c 0}), after one
     * dropped run: a function's CPU at 1,769 MB is one vCPU, and a cold start is CPU-bound (class loading,
     * interpreting), so this is the figure memory sizes are judged by ({@link MemorySizes}). Empty when
     * taskset is missing.
     */
    List<Run> measureOnOneCore(Mode mode, int rounds, PrintStream progress) {
        if (!Files.isExecutable(Path.of(TASKSET))) {
            progress.println("one core: " + TASKSET + " is missing (util-linux); skipped");
            return List.of();
        }
        return measure(List.of(TASKSET, "-c", "0"), mode.label() + " on one core", List.of(mode), rounds, progress)
                .get(mode.label());
    }

    /** @param launcher what each probe's java command is run through (taskset), or nothing */
    private Map<String, List<Run>> measure(List<String> launcher, String what, List<Mode> modes, int rounds,
                                           PrintStream progress) {
        Path probeClasses = probeClasses();
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        modes.forEach(m -> runs.put(m.label(), new ArrayList<>()));
        for (int round = 0; round <= rounds; round++) {
            progress.printf("%s: round %d of %d%s%n", what, round, rounds, round == 0 ? " (warm-up, dropped)" : "");
            for (Mode mode : modes) {
                Run run = probe(launcher, mode, probeClasses, List.of());
                if (round > 0) {
                    runs.get(mode.label()).add(run);
                }
            }
        }
        return runs;
    }

    static Summary summarize(String label, List<Run> runs) {
        double[] served = runs.stream().mapToDouble(Run::servedMs).toArray();
        return new Summary(label, runs.size(), Stats.median(served), Stats.quantile(served, 0.9),
                Stats.median(runs.stream().mapToDouble(Run::mainMs).toArray()),
                Stats.median(runs.stream().mapToDouble(r -> r.readyMs() - r.mainMs()).toArray()),
                Stats.median(runs.stream().mapToDouble(r -> r.servedMs() - r.readyMs()).toArray()),
                (long) Stats.median(runs.stream().mapToDouble(Run::classesLoaded).toArray()),
                Stats.median(runs.stream().mapToDouble(Run::peakRssKb).toArray()) / 1024.0,
                (long) Stats.median(runs.stream().mapToDouble(Run::gcCount).toArray()),
                Stats.median(runs.stream().mapToDouble(Run::wallMs).toArray()));
    }

    /**
     * Where the classes one cold start loads come from, from a run with {@code -Xlog:class+load}: the JDK's
     * CDS archive, the JDK's modules, each jar, and classes the JVM generates (lambdas, proxies). The log
     * is kept in bench/target/cold-start with each class's load time ({@code [0.123s]}), a timeline of the
     * cold start for whoever tunes it.
     */
    ClassOrigins classOrigins(Mode mode) {
        Path log = work.resolve("class-load-" + mode.label() + ".log");
        probe(mode, probeClasses(), List.of("-Xlog:class+load=info:file=" + log + ":uptime"));
        Map<String, Integer> byOrigin = new TreeMap<>();
        Map<String, Integer> byPackage = new TreeMap<>();
        for (LoadedClass loaded : readClassLog(log)) {
            byOrigin.merge(loaded.origin(), 1, Integer::sum);
            byPackage.merge(packagePrefix(loaded.name()), 1, Integer::sum);
        }
        return new ClassOrigins(mode.label(), byOrigin, byPackage);
    }

    /** One line of a {@code -Xlog:class+load} log: when (ms of JVM uptime, NaN without that decoration), what, whence. */
    record LoadedClass(double atMs, String name, String origin) {
    }

    /**
     * A {@code -Xlog:class+load} log, decorated with the uptime alone ({@code [0.123s] name source: …}) or with the
     * default decorations ({@code [0.123s][info][class,load] name source: …}), each class with its origin.
     */
    static List<LoadedClass> readClassLog(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.map(CLASS_LOAD::matcher).filter(Matcher::matches).map(m -> new LoadedClass(
                    m.group(1) == null ? Double.NaN : Double.parseDouble(m.group(1)) * 1000, m.group(2),
                    origin(m.group(3) == null ? "" : m.group(3)))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record ClassOrigins(String label, Map<String, Integer> byOrigin, Map<String, Integer> byPackage) {
        int total() {
            return byOrigin.values().stream().mapToInt(Integer::intValue).sum();
        }

        static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
            return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey())).limit(n).toList();
        }
    }

    /** A native library a cold start loaded from outside the JDK: when, and whether its file outlived the JVM. */
    record NativeLoad(String path, double atMs, boolean fileRemains) {
    }

    /**
     * The native libraries one cold start loads from outside the JDK, from a run with {@code -Xlog:library}
     * (kept in bench/target/cold-start): the CRT's, which it extracts from its jar at first use.
     */
    List<NativeLoad> nativeLibraries(Mode mode) {
        Path log = work.resolve("library-load-" + mode.label() + ".log");
        probe(mode, probeClasses(), List.of("-Xlog:library=info:file=" + log + ":uptime"));
        String jdk = System.getProperty("java.home");
        try (Stream<String> lines = Files.lines(log)) {
            return lines.map(NATIVE_LOAD::matcher).filter(Matcher::find)
                    .filter(m -> m.group(2).startsWith("/") && !m.group(2).startsWith(jdk))
                    .map(m -> new NativeLoad(m.group(2), Double.parseDouble(m.group(1)) * 1000,
                            Files.exists(Path.of(m.group(2)))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where a class came from, from its {@code source:}: the JDK (its CDS archive or its modules), a jar (the Lambda
     * runtime's class path, or the artifact's lib/, or the deployed class path of the in-process probe), a task root
     * or classes folder, or the JVM itself (lambdas, proxies, method handles: no file).
     */
    static String origin(String source) {
        if (source.startsWith("shared objects file")) {
            return "JDK, from the CDS archive";
        }
        if (source.startsWith("jrt:/")) {
            return "JDK, from its modules (not in the CDS archive)";
        }
        if (source.endsWith(".jar")) {
            String jar = source.substring(source.lastIndexOf('/') + 1);
            if (source.contains("/lambda-runtime/")) {
                return "runtime: " + jar;
            }
            return source.contains("/.aws-sam/build/") || source.contains("/floors/") ? "lib/" + jar : jar;
        }
        if (source.contains("functions/target/classes")) {
            return "functions/target/classes";
        }
        if (source.contains("cold-start/probe")) {
            return "the probe itself";
        }
        if (source.contains("/.aws-sam/build/") || source.contains("/floors/")) {
            // The artifact's root: the functions' classes, and a floor's own class (beside them, or alone for hello).
            return "task root (classes at the artifact's root)";
        }
        return "generated by the JVM (lambdas, proxies, method handles)";
    }

    /** The first four segments of a package (software.amazon.awssdk.services), or three for shorter names. */
    private static String packagePrefix(String className) {
        String[] parts = className.split("\\.");
        int segments = Math.min(parts.length - 1, 4);
        return segments <= 0 ? "(default package)" : String.join(".", Arrays.copyOf(parts, segments));
    }

    /**
     * The probe's own class files and the SDK floor it shares its first calls with ({@link SdkFirstCallsFloor}),
     * copied alone to a directory of their own: the rest of the local module (DynamoDB Local, the runner) stays off
     * the probe's class path.
     */
    private Path probeClasses() {
        Path dir = work.resolve("probe");
        copyClassFiles(ColdStartProbe.class, dir);
        copyClassFiles(SdkFirstCallsFloor.class, dir);
        return dir;
    }

    /**
     * The class files of {@code type} (itself and its nested classes) copied under {@code dir} at their package's
     * path: a class path, or a task root, with that class and nothing else of this module.
     */
    static void copyClassFiles(Class<?> type, Path dir) {
        try {
            Path compiled = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            String packagePath = type.getPackageName().replace('.', '/');
            Path target = Files.createDirectories(dir.resolve(packagePath));
            try (Stream<Path> files = Files.list(compiled.resolve(packagePath))) {
                for (Path file : files.filter(f -> f.getFileName().toString().equals(type.getSimpleName() + ".class")
                        || f.getFileName().toString().startsWith(type.getSimpleName() + "$")).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Run probe(Mode mode, Path probeClasses, List<String> extraFlags) {
        return probe(List.of(), mode, probeClasses, extraFlags);
    }

    /** @param launcher what the probe's java command is run through (taskset), or nothing */
    private Run probe(List<String> launcher, Mode mode, Path probeClasses, List<String> extraFlags) {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags(mode.memoryMb()));
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(probeClasses + java.io.File.pathSeparator + artifact.with(mode.extraJars()).classPath());
        command.add(ColdStartProbe.class.getName());
        command.add(mode.label());
        if (mode.handlerClass() != null) {
            command.add(mode.handlerClass());
            command.add(writeEvent(mode).toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only what Lambda would set: the function's variables, nothing of this shell (no AWS_* of the developer).
        builder.environment().clear();
        builder.environment().putAll(stack.environment(mode.function()));
        if (mode.handlerClass() == null) {
            // The floors build the clients alone and read no secret (ColdStartProbe passes no secret source): a
            // secret's ARN left in their environment would be one nothing can read.
            BenchStack.SECRET_VARIABLES.forEach(builder.environment()::remove);
        }
        Path stderr = work.resolve("probe-stderr.txt");
        builder.redirectError(stderr.toFile());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the probe JVM", e);
        }
        String probeLine = null;
        long lineAt = 0;
        Deque<String> output = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("{\"probe\"")) {
                    probeLine = line;
                    lineAt = System.nanoTime();
                }
                if (output.size() == OUTPUT_LINES_KEPT) {
                    output.removeFirst();
                }
                output.addLast(line);
            }
            if (!process.waitFor(PROBE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(mode.label() + ": the probe did not end within " + PROBE_LIMIT_SECONDS + " s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0 || probeLine == null) {
            throw new IllegalStateException(mode.label() + ": the probe failed (exit " + process.exitValue() + ").\n"
                    + String.join("\n", output) + "\n" + readQuietly(stderr));
        }
        return parse(mode, probeLine, (lineAt - start) / 1e6);
    }

    private Run parse(Mode mode, String line, double wallMs) {
        try {
            JsonNode probe = BenchEvents.JSON.readTree(line);
            Run run = new Run(mode.label(), probe.path("status").asInt(), probe.path("mainMs").asDouble(),
                    probe.path("readyMs").asDouble(), probe.path("servedMs").asDouble(),
                    probe.path("classesLoaded").asLong(), probe.path("peakRssKb").asLong(), probe.path("gcCount").asLong(),
                    wallMs);
            int expected = expectedStatus(mode.label());
            if (run.status() != expected) {
                throw new IllegalStateException(mode.label() + ": the event was not served as expected (status "
                        + run.status() + ", expected " + expected + ")");
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("the probe printed " + line, e);
        }
    }

    /** What each function answers its event with when it did the work (0: not an HTTP function). */
    private static int expectedStatus(String label) {
        return switch (label) {
            case "FormFunction" -> 201;
            case "SurveyFunction", "DispositionFunction", "UnsubscribeFunction", "AdminFunction", "ConsoleFunction" -> 200;
            case "EventsFunction" -> 202;
            default -> 0;
        };
    }

    private Path writeEvent(Mode mode) {
        try {
            Path file = work.resolve("event-" + mode.label() + ".json");
            Files.writeString(file, mode.event().get().toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static List<Summary> summaries(Map<String, List<Run>> runs) {
        return runs.entrySet().stream().map(e -> summarize(e.getKey(), e.getValue())).collect(Collectors.toList());
    }
}
