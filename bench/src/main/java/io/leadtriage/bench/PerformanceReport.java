package io.leadtriage.bench;

import io.leadtriage.local.SamTemplate;
import io.leadtriage.ops.Log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The performance figures of issue 9, measured on this machine and printed on System.out (progress goes
 * to System.err): in-process cold starts per function against the floors (a diagnostic: the cold-start figures are
 * {@link RuntimeClientColdStarts}', through Lambda's runtime client), classes and memory, the url-connection
 * HTTP client against the AWS CRT one, the deployed artifact and its dependency tree, DynamoDB and SES use per operation, and the monthly cost model.
 * {@code bench/run} runs it (and the JMH warm-path benchmark); alone:
 * {@code mvn -q -DskipTests -Pbench -Dbench=PerformanceReport -pl bench -am package}. {@code BENCH_RUNS} sets the cold-start rounds
 * (default 10).
 */
public final class PerformanceReport {
    static final int DEFAULT_ROUNDS = 10;
    static final int MAX_ROUNDS = 100;
    private static final Pattern BANNED_IN_TREE = Pattern.compile("netty|apache", Pattern.CASE_INSENSITIVE);

    private PerformanceReport() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = rounds(System.getenv("BENCH_RUNS"));
        PrintStream out = System.out;
        Path root = SamTemplate.locate().getParent();
        Path work = root.resolve("bench/target/cold-start");
        Files.createDirectories(work);
        // The handlers log a JSON line per request; here they would bury the report.
        Log.redirectTo(new PrintStream(OutputStream.nullOutputStream()));

        out.printf("leadtriage performance report, %s, on %s%n%n", LocalDate.now(ZoneOffset.UTC), machine());
        System.err.println("resolving the deployed class path (mvn dependency:build-classpath on functions/pom.xml)");
        DeployedArtifact artifact = DeployedArtifact.resolve(root);
        CrtClientJars crt = CrtClientJars.locate();
        // BENCH_ONLY=probe: the in-process probe's table and class origins alone, for a quick round while tuning.
        boolean coldStartsOnly = "probe".equals(System.getenv("BENCH_ONLY"));
        try (BenchStack stack = BenchStack.start()) {
            UnitCosts.Result unitCosts = null;
            if (!coldStartsOnly) {
                System.err.println("unit costs: " + UnitCosts.WARM_UP_ROUNDS + " warm-up and " + UnitCosts.MEASURED_ROUNDS
                        + " measured rounds of every operation");
                unitCosts = UnitCosts.measure(stack);
            }

            ColdStarts coldStarts = new ColdStarts(stack, artifact, work, crt.jars);
            List<ColdStarts.Mode> modes = coldStarts.modes();
            String loadBefore = loadAverage();
            List<ColdStarts.Summary> summaries = ColdStarts.summaries(coldStarts.measure(modes, rounds, System.err));
            String loadAfter = loadAverage();
            System.err.println("class origins: one more run of FormFunction and sdk-first-calls with -Xlog:class+load");
            List<ColdStarts.ClassOrigins> origins = modes.stream()
                    .filter(m -> m.label().equals("FormFunction") || m.label().equals(ColdStarts.SDK_FIRST_CALLS))
                    .map(coldStarts::classOrigins).toList();
            ColdStarts.Mode form = modes.stream().filter(m -> m.label().equals("FormFunction")).findFirst().orElseThrow();
            List<ColdStarts.Run> oneCore = coldStarts.measureOnOneCore(form, rounds, System.err);
            System.err.println("native libraries: one more run of sdk-first-calls-crt with -Xlog:library");
            List<ColdStarts.NativeLoad> crtLibraries = coldStarts.nativeLibraries(modes.stream()
                    .filter(m -> m.label().equals(ColdStarts.SDK_FIRST_CALLS_CRT)).findFirst().orElseThrow());

            printColdStarts(out, summaries, rounds, coldStarts, stack);
            // Other work on the machine lengthens cold starts; the load says how quiet it was.
            out.printf("  load average (1, 5, 15 min) before the cold starts: %s; after: %s%n", loadBefore, loadAfter);
            printHttpClients(out, summaries, crt, artifact, work, crtLibraries);
            // The cold starts the memory sizes and the cost model rest on: the runtime client's (bench/run measures them
            // first), where a run of it covered every function; else the probe's, said so.
            java.util.Optional<RuntimeClientTable> ric = RuntimeClientTable.read(
                    root.resolve("bench/target/runtime-client-cold-starts"))
                    .filter(t -> t.covers(stack.template.functions().keySet()));
            double warmMs = unitCosts == null ? Double.NaN : unitCosts.costs().stream()
                    .filter(c -> c.operation() == UnitCosts.Operation.NEW_LEAD).findFirst().orElseThrow().warmMillis();
            if (ric.isPresent() && ric.get().row(form.label(), 1).isPresent()) {
                out.printf("%nMemory sizes from the starts through the runtime client (%s, written %s):", ric.get().file(),
                        ric.get().taken());
                MemorySizes.print(out, form.label(), form.memoryMb(), summary(ric.get().row(form.label(), 1).orElseThrow()),
                        summary(ric.get().row(form.label(), 2).orElseThrow()), warmMs);
            } else if (!oneCore.isEmpty()) {
                out.printf("%nMemory sizes from the in-process probe (no runtime-client table with every function and"
                        + " FormFunction on one core in bench/target/runtime-client-cold-starts):");
                MemorySizes.print(out, form.label(), form.memoryMb(), ColdStarts.summarize(form.label(), oneCore),
                        find(summaries, form.label()), warmMs);
            }
            origins.forEach(o -> printClassOrigins(out, o));
            if (coldStartsOnly) {
                return;
            }
            printArtifact(out, artifact, work);
            printDependencyProof(out, artifact);

            out.printf("%nDynamoDB and SES per operation (real handlers, DynamoDB Local and the SES emulator on loopback;"
                    + " units are means of %d runs after %d warm-up runs, as DynamoDB Local reports them for the table"
                    + " and its indexes; warm ms is the median handler time here):%n",
                    UnitCosts.MEASURED_ROUNDS, UnitCosts.WARM_UP_ROUNDS);
            UnitCosts.print(unitCosts, out);

            Map<String, Integer> memory = new LinkedHashMap<>();
            stack.template.functions().forEach((name, f) -> memory.put(name, f.memorySizeMb()));
            Map<String, Double> coldMs = new LinkedHashMap<>();
            if (ric.isPresent()) {
                ric.get().rows().forEach((function, byCores) -> coldMs.put(function, byCores.get(2).medianMs()));
            } else {
                summaries.forEach(s -> coldMs.put(s.label(), s.medianMs()));
            }
            out.printf("%nCost model (cold-start durations: %s)%n", ric.map(t -> "the starts through the runtime client, "
                    + t.file() + ", written " + t.taken()).orElse("the in-process probe's; no runtime-client table with"
                    + " every function in bench/target/runtime-client-cold-starts"));
            new CostModel(unitCosts, memory, coldMs, BenchStack.SECRET_KEYS.size(), stack.secretsReadAtInit()).print(out);
        }
    }

    /** A runtime-client row as the memory-size estimate takes it: only its count, median and p90 are read there. */
    private static ColdStarts.Summary summary(RuntimeClientTable.Row row) {
        return new ColdStarts.Summary(row.function(), row.runs(), row.medianMs(), row.p90Ms(), Double.NaN, Double.NaN,
                Double.NaN, 0, Double.NaN, 0, Double.NaN);
    }

    private static void printColdStarts(PrintStream out, List<ColdStarts.Summary> summaries, int rounds,
                                        ColdStarts coldStarts, BenchStack stack) {
        ColdStarts.Summary hello = find(summaries, ColdStarts.HELLO);
        ColdStarts.Summary sdk = find(summaries, ColdStarts.SDK_ONLY);
        // A diagnostic, not the cold-start figure: Lambda's runtime client (its own class loader, the Runtime API's
        // round trips, the managed runtime's flags) is not in it. RuntimeClientColdStarts measures the starts as Lambda
        // runs them; this in-process probe stays for what it alone isolates (the CRT comparison, model-only, peak
        // RSS), and feeds the memory-size estimates and the cost model only when no runtime-client table is there.
        out.printf("Diagnostic, in-process probe (not the cold-start figure: the starts through the runtime client, from"
                        + " RuntimeClientColdStarts, are).%n");
        out.printf("Cold starts: ms from JVM start to the first event served, %d fresh JVMs per mode (after 1 dropped)."
                        + "%nJVM flags: %s -XX:MaxRAM=<the function's MemorySize>. Class path: the deployed one (the -crt"
                        + " modes: plus the CRT client's jars).%n",
                rounds, String.join(" ", coldStarts.commonFlags()));
        out.printf("%-20s %6s %8s %8s %7s %9s %8s %8s %9s %8s %8s %4s %8s%n", "mode", "memory", "median", "p90",
                "x hello", "x sdk-only", "to main", "init", "1st event", "classes", "peak RSS", "GCs", "wall");
        for (ColdStarts.Summary s : summaries) {
            int memory = stack.template.functions().containsKey(s.label())
                    ? stack.template.functions().get(s.label()).memorySizeMb()
                    : stack.template.functions().get("FormFunction").memorySizeMb();
            out.printf(Locale.ROOT, "%-20s %4d MB %8.1f %8.1f %7.2f %9.2f %8.1f %8.1f %9.1f %8d %5.1f MB %4d %8.1f%n",
                    s.label(), memory, s.medianMs(), s.p90Ms(), s.medianMs() / hello.medianMs(), s.medianMs() / sdk.medianMs(),
                    s.medianMainMs(), s.medianInitMs(), s.medianFirstEventMs(), s.classesLoaded(), s.peakRssMb(),
                    s.gcCount(), s.medianWallMs());
        }
        out.println("  to main: JVM start to main(); init: main() to handler constructed (for the floors and"
                + " model-only: clients built, model loaded); 1st event: the event's bytes through the handler's"
                + " stream method (read, handled against DynamoDB Local and the SES emulator on loopback, the answer"
                + " written); wall: process start to the"
                + " probe's line, seen from outside (adds process creation and the JVM's own startup before its"
                + " clock starts). Medians, except p90.");
        out.println("  A function's init includes reading the secrets it is given (their ARNs in its environment) from"
                + " moto's Secrets Manager on loopback, as deployed through the SDK; the floors and model-only read none.");
    }

    /**
     * url-connection, what the functions ship, against the AWS CRT client: the same two clients with the same
     * settings, measured in the same rounds; what the CRT's jars would add to the artifact; what it does on disk.
     */
    private static void printHttpClients(PrintStream out, List<ColdStarts.Summary> summaries, CrtClientJars crt,
                                         DeployedArtifact artifact, Path work, List<ColdStarts.NativeLoad> crtLibraries) {
        out.printf("%nHTTP client: url-connection (what the functions ship) against the AWS CRT client, the same two clients"
                + " built with the same settings, in the same rounds (the sdk-only and sdk-first-calls rows above):%n");
        out.printf("  %-28s %14s %10s %10s%n", "", "url-connection", "aws-crt", "crt - url");
        for (String mode : List.of(ColdStarts.SDK_ONLY, ColdStarts.SDK_FIRST_CALLS)) {
            ColdStarts.Summary url = find(summaries, mode);
            ColdStarts.Summary crtMode = find(summaries, mode + ColdStartProbe.CRT_SUFFIX);
            compare(out, mode + ": median ms", 1, url.medianMs(), crtMode.medianMs());
            compare(out, mode + ": p90 ms", 1, url.p90Ms(), crtMode.p90Ms());
            compare(out, mode + ": classes", 0, url.classesLoaded(), crtMode.classesLoaded());
            compare(out, mode + ": peak RSS MB", 1, url.peakRssMb(), crtMode.peakRssMb());
        }

        long shippedZip = artifact.zippedBytes(work.resolve("deployment-package.zip"));
        long crtZip = artifact.with(crt.jars).zippedBytes(work.resolve("deployment-package-crt.zip"));
        List<CrtClientJars.NativeLibrary> libraries = crt.nativeLibraries();
        out.printf("  the CRT's jars would add %s to the deployed artifact (%s); the deployment zip goes from %s to %s"
                        + " (Lambda's limit: 50 MB zipped)%n", mb(crt.bytes()),
                String.join(", ", crt.bySize().stream().map(j -> j.getFileName() + " " + mb(DeployedArtifact.size(j))).toList()),
                mb(shippedZip), mb(crtZip));
        out.printf("  aws-crt carries native libraries for %d platforms, %s unpacked; %s%n", libraries.size(),
                mb(libraries.stream().mapToLong(CrtClientJars.NativeLibrary::bytes).sum()),
                libraries.stream().filter(l -> l.entry().equals(CrtClientJars.LAMBDA_ARM64_LIBRARY)).findFirst()
                        .map(l -> "the one Lambda's arm64 runtime loads, " + l.entry() + ", is " + mb(l.bytes())
                                + " (" + mb(l.compressedBytes()) + " compressed in the jar)")
                        .orElse("none for Lambda's arm64 runtime (" + CrtClientJars.LAMBDA_ARM64_LIBRARY + ")"));
        if (crtLibraries.isEmpty()) {
            out.printf("  the CRT loaded no native library from outside the JDK in a %s cold start%n", ColdStarts.SDK_FIRST_CALLS_CRT);
        }
        for (ColdStarts.NativeLoad load : crtLibraries) {
            out.printf(Locale.ROOT, "  at first use the CRT extracts its native library for the machine from its jar to"
                            + " java.io.tmpdir and loads it: %s, at %.0f ms after JVM start; %s%n", load.path(), load.atMs(),
                    load.fileRemains() ? "the file is left there after the JVM exits"
                            : "it deletes the file once loaded, so every cold start writes it again (on Lambda, to the"
                            + " function's /tmp)");
        }
        out.printf("  loopback is plain HTTP: the TLS that both clients set up in AWS at their first call (the JDK's"
                + " for url-connection, s2n in the CRT's native library) is not part of this comparison%n");
    }

    private static void compare(PrintStream out, String what, int decimals, double url, double crt) {
        String f = "." + decimals + "f";
        out.printf(Locale.ROOT, "  %-28s %14" + f + " %10" + f + " %+10" + f + "%n", what, url, crt, crt - url);
    }

    private static void printClassOrigins(PrintStream out, ColdStarts.ClassOrigins origins) {
        out.printf("%nClasses one %s cold start loads: %d, by origin:%n", origins.label(), origins.total());
        ColdStarts.ClassOrigins.top(origins.byOrigin(), 12)
                .forEach(e -> out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
        out.printf("by package (first four segments), the largest:%n");
        ColdStarts.ClassOrigins.top(origins.byPackage(), 12)
                .forEach(e -> out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
    }

    private static void printArtifact(PrintStream out, DeployedArtifact artifact, Path work) {
        long classes = artifact.classesBytes();
        long jars = artifact.jarsBytes();
        long zipped = artifact.zippedBytes(work.resolve("deployment-package.zip"));
        out.printf("%nDeployed artifact (what sam build ships: functions/target/classes + %d runtime dependency jars):%n",
                artifact.jars.size());
        out.printf("  %s unzipped (classes %s + jars %s), %s as a deployment zip (Lambda limits: 250 MB unzipped,"
                + " 50 MB zipped upload)%n", mb(classes + jars), mb(classes), mb(jars), mb(zipped));
        out.printf("  largest jars:%n");
        for (Path jar : artifact.largestJars(6)) {
            out.printf("    %9s  %s%n", mb(DeployedArtifact.size(jar)), jar.getFileName());
        }
    }

    private static void printDependencyProof(PrintStream out, DeployedArtifact artifact) {
        List<String> tree = artifact.dependencyTree();
        List<String> matches = tree.stream().filter(line -> BANNED_IN_TREE.matcher(line).find()).toList();
        out.printf("%nNo Netty or Apache HTTP client ships:%n  $ %s | grep -Ei 'netty|apache'%n",
                DeployedArtifact.dependencyTreeCommand());
        if (matches.isEmpty()) {
            out.printf("  (no line matches; the runtime tree lists %d artifacts, kept in"
                    + " functions/target/runtime-dependency-tree.txt)%n", tree.size() - 1);
        } else {
            matches.forEach(m -> out.printf("  %s%n", m));
        }
        List<String> banned = artifact.bannedClientClasses();
        out.printf("  jar contents: %s%n", banned.isEmpty()
                ? "no class under io/netty/, org/apache/http/ or org/apache/hc/ in the " + artifact.jars.size()
                + " shipped jars (" + artifact.classEntries() + " class files)"
                : "FOUND " + banned);
    }

    private static ColdStarts.Summary find(List<ColdStarts.Summary> summaries, String label) {
        return summaries.stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow();
    }

    static int rounds(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_ROUNDS;
        }
        int rounds = Integer.parseInt(configured.strip());
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException("BENCH_RUNS must be 1 to " + MAX_ROUNDS + ", not " + rounds);
        }
        return rounds;
    }

    /** /proc/loadavg's first three fields, or "unknown" off Linux. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException ignored) {
            // Not Linux: the CPU's name is only informative.
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s %s, Java %s (%s)", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.version(), System.getProperty("java.vm.name"));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
}
