package io.leadtriage.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code sam build} for this project, command for command, so that what the rehearsal runs is the artifact SAM
 * would upload. SAM CLI's Java Maven builder (aws-lambda-builders, {@code workflows/java_maven}) runs, for a
 * function whose CodeUri holds a pom.xml:
 * <ol>
 *   <li>{@code CopySourceAction}: the CodeUri folder copied into a scratch folder (leaving out .aws-sam and
 *   .git). Here target/ is left out as well: the next command's {@code clean} deletes it anyway;</li>
 *   <li>{@code mvn clean install} in the scratch folder ({@code SubprocessMaven.build}): the tests run, and a
 *   failing test fails the build;</li>
 *   <li>{@code mvn dependency:copy-dependencies -DincludeScope=runtime -Dmdep.prependGroupId=true}
 *   ({@code copy_dependency}), into target/dependency;</li>
 *   <li>{@code JavaMavenCopyArtifactsAction}: target/classes copied to the artifact folder's root, and
 *   target/dependency to its lib/.</li>
 * </ol>
 * SAM CLI builds the functions that share a CodeUri, runtime and architecture once, and copies the artifact
 * to each one's folder ({@code DefaultBuildStrategy.build_single_function_definition}; java is not among the
 * runtimes it builds per handler). So here: one build per CodeUri, the artifact in
 * {@code local/target/.aws-sam/build/<FunctionLogicalId>/} for every function of template.yaml. Maven is the
 * {@code mvn} on the PATH, as SAM resolves it; {@code -B} only quiets its progress output.
 *
 * <p>The scratch folder sits under local/target/sam-build, away from template.yaml and events/: a test that
 * reads {@code ../template.yaml} fails here as it fails under {@code sam build}, whose scratch folder is a
 * temporary directory.
 *
 * <p>{@link #shared()} builds once per JVM and remembers the result (or the failure).
 */
public final class SamBuild {
    static final Duration INSTALL_LIMIT = Duration.ofMinutes(20);
    static final Duration COPY_LIMIT = Duration.ofMinutes(5);
    private static final int OUTPUT_LINES_IN_FAILURES = 80;
    private static final Set<String> NOT_COPIED = Set.of("target", ".aws-sam", ".git");
    private static Object memo;

    /** One CodeUri's build: where it ran, its test counts per class, and how long each command took. */
    public record CodeBuild(String codeUri, Path scratch, Map<String, SurefireCounts> testsByClass, Duration install,
                            Duration copyDependencies, Path log) {
        public SurefireCounts tests() {
            return SurefireCounts.total(testsByClass);
        }
    }

    /**
     * @param buildDir  local/target/.aws-sam/build
     * @param functions each function's artifact folder, by logical id
     * @param builds    one per CodeUri
     */
    public record Result(Path projectRoot, Path buildDir, Map<String, Path> functions, Map<String, CodeBuild> builds,
                         Duration took) {
        public Path functionDir(String logicalId) {
            Path dir = functions.get(logicalId);
            if (dir == null) {
                throw new IllegalArgumentException("sam build made no artifact for " + logicalId + ": " + functions.keySet());
            }
            return dir;
        }

        public CodeBuild buildOf(String codeUri) {
            return builds.get(codeUri);
        }
    }

    /** The system property that leaves the scratch build's tests out: for benchmarks, never for the rehearsal. */
    public static final String SKIP_TESTS = "leadtriage.samBuildSkipTests";

    private SamBuild() {
    }

    /** The build of template.yaml's functions, made on first use in this JVM; a failure is remembered too. */
    public static synchronized Result shared() {
        if (memo == null) {
            Path template = template();
            try {
                memo = run(template, template.getParent().resolve("local/target"));
            } catch (RuntimeException e) {
                memo = e;
            }
        }
        if (memo instanceof RuntimeException failure) {
            throw new IllegalStateException("sam build failed (once, in this JVM): " + failure.getMessage(), failure);
        }
        return (Result) memo;
    }

    /** Builds every function of {@code template}, scratch folders and artifacts under {@code targetDir}. */
    public static Result run(Path template, Path targetDir) {
        long start = System.nanoTime();
        Path root = template.toAbsolutePath().getParent();
        Map<String, String> codeUris = functionCodeUris(template);
        Path buildDir = targetDir.resolve(".aws-sam/build");
        deleteRecursively(buildDir);
        Map<String, Path> functions = new LinkedHashMap<>();
        Map<String, CodeBuild> builds = new LinkedHashMap<>();
        for (String codeUri : codeUris.values().stream().distinct().toList()) {
            CodeBuild build = build(root.resolve(codeUri), codeUri, targetDir.resolve("sam-build"));
            builds.put(codeUri, build);
            Path first = null;
            for (Map.Entry<String, String> function : codeUris.entrySet()) {
                if (!function.getValue().equals(codeUri)) {
                    continue;
                }
                Path artifact = buildDir.resolve(function.getKey());
                if (first == null) {
                    copyTree(build.scratch().resolve("target/classes"), artifact);
                    Path dependencies = build.scratch().resolve("target/dependency");
                    if (Files.isDirectory(dependencies)) {
                        copyTree(dependencies, artifact.resolve("lib"));
                    }
                    first = artifact;
                } else {
                    copyTree(first, artifact);
                }
                functions.put(function.getKey(), artifact);
            }
        }
        return new Result(root, buildDir, functions, builds, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Each AWS::Serverless::Function's CodeUri (its own, else the Globals'), by logical id, in template order. */
    static Map<String, String> functionCodeUris(Path template) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(template));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
        String global = root.path("Globals").path("Function").path("CodeUri").asText(null);
        Map<String, String> codeUris = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if ("AWS::Serverless::Function".equals(e.getValue().path("Type").asText())) {
                String codeUri = e.getValue().path("Properties").path("CodeUri").asText(global);
                if (codeUri == null || codeUri.isBlank()) {
                    throw new IllegalStateException(e.getKey() + " has no CodeUri (nor do the Globals)");
                }
                codeUris.put(e.getKey(), codeUri);
            }
        });
        return codeUris;
    }

    private static CodeBuild build(Path source, String codeUri, Path workDir) {
        if (!Files.isRegularFile(source.resolve("pom.xml"))) {
            throw new IllegalStateException("CodeUri " + codeUri + " has no pom.xml: not a Java Maven function");
        }
        Path scratch = workDir.resolve("scratch-" + codeUri.replaceAll("[^A-Za-z0-9._-]", "_"));
        deleteRecursively(scratch);
        copySource(source, scratch);
        Path log = workDir.resolve(codeUri.replaceAll("[^A-Za-z0-9._-]", "_") + "-maven.log");
        try {
            Files.writeString(log, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Benchmarks that only need the artifact may leave the tests out (-Dleadtriage.samBuildSkipTests=true): the
        // test classes are still compiled, since packaging trims the SDK's jars with them.
        Duration install = Boolean.getBoolean(SKIP_TESTS)
                ? maven(scratch, log, INSTALL_LIMIT, "-DskipTests", "clean", "install")
                : maven(scratch, log, INSTALL_LIMIT, "clean", "install");
        Map<String, SurefireCounts> tests = SurefireCounts.byClass(scratch.resolve("target/surefire-reports"));
        if (install == null) {
            throw new IllegalStateException("`mvn clean install` failed in the scratch copy of " + codeUri + " (" + scratch
                    + "), as it would fail under `sam build`. Tests there: " + SurefireCounts.total(tests)
                    + failingClasses(tests) + ". Last lines of Maven's output (all of it in " + log + "):\n" + tail(log));
        }
        Duration copy = maven(scratch, log, COPY_LIMIT, "dependency:copy-dependencies", "-DincludeScope=runtime",
                "-Dmdep.prependGroupId=true");
        if (copy == null) {
            throw new IllegalStateException("`mvn dependency:copy-dependencies` failed in " + scratch
                    + ". Last lines of Maven's output (all of it in " + log + "):\n" + tail(log));
        }
        return new CodeBuild(codeUri, scratch, tests, install, copy, log);
    }

    /** @return how long it took, or null when Maven failed */
    private static Duration maven(Path dir, Path log, Duration limit, String... goals) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B"));
        command.addAll(outerBuildOptions());
        command.addAll(List.of(goals));
        long start = System.nanoTime();
        try {
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            process.getOutputStream().close();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("`" + String.join(" ", command) + "` did not end within " + limit.toMinutes()
                        + " min. Last lines of its output (all of it in " + log + "):\n" + tail(log));
            }
            return process.exitValue() == 0 ? Duration.ofNanos(System.nanoTime() - start) : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `mvn` (sam build needs Maven on the PATH): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Maven ran", e);
        }
    }

    /**
     * What the outer build uses that this Maven must use too: its local repository when it is not the default
     * one (surefire passes {@code settings.localRepository}), and offline mode.
     */
    static List<String> outerBuildOptions() {
        List<String> options = new ArrayList<>();
        String repository = System.getProperty("leadtriage.mavenLocalRepository");
        Path defaultRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        if (repository != null && !repository.isBlank() && !repository.startsWith("${")
                && !Path.of(repository).toAbsolutePath().normalize().equals(defaultRepository.toAbsolutePath().normalize())) {
            options.add("-Dmaven.repo.local=" + repository);
        }
        // "offline=true|false": surefire takes only strings, and settings.offline is a boolean.
        if ("offline=true".equals(System.getProperty("leadtriage.mavenOffline"))) {
            options.add("-o");
        }
        return options;
    }

    /**
     * The reactor's own test counts for a CodeUri's module (its target/surefire-reports), counting only test
     * classes whose source is still there (a report left by a class since moved away is stale).
     */
    public static Map<String, SurefireCounts> reactorTests(Path projectRoot, String codeUri) {
        Path module = projectRoot.resolve(codeUri);
        Path sources = module.resolve("src/test/java");
        return SurefireCounts.byClass(module.resolve("target/surefire-reports"),
                name -> Files.isRegularFile(sources.resolve(name.replace('.', '/') + ".java")));
    }

    /** Whether this test run was filtered (-Dtest=...): then the reactor's modules did not run all their tests. */
    public static boolean testsFiltered() {
        String filter = System.getProperty("leadtriage.testFilter");
        return filter != null && !filter.isBlank() && !filter.startsWith("${");
    }

    static Path template() {
        String configured = System.getProperty("leadtriage.template");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("template.yaml not found from " + Path.of("").toAbsolutePath());
    }

    private static String failingClasses(Map<String, SurefireCounts> tests) {
        List<String> failing = tests.entrySet().stream().filter(e -> !e.getValue().passed()).map(Map.Entry::getKey).toList();
        return failing.isEmpty() ? "" : "; failing: " + String.join(", ", failing);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_IN_FAILURES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    private static void copySource(Path source, Path scratch) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(source) && source.relativize(dir).getNameCount() == 1
                            && NOT_COPIED.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(scratch.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, scratch.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + scratch, e);
        }
    }

    /** Copies the folder {@code from} into {@code to} (created as needed), files replaced. */
    public static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException(from + " was not produced by the build");
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
