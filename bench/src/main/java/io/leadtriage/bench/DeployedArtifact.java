package io.leadtriage.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * What {@code sam build} ships for the functions: functions/target/classes plus the functions' runtime
 * dependencies (no test jars, nothing of the local module), found by asking Maven for the functions'
 * runtime class path, with the jars the functions' build trims taken trimmed. The cold-start probes run on exactly
 * this class path.
 */
final class DeployedArtifact {
    /** Pinned so that the class path and the tree do not depend on which plugin version Maven picks. */
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    private static final long MAVEN_LIMIT_MINUTES = 10;
    /** Packages of the HTTP clients the functions must not ship (Netty, Apache HttpClient 4 and 5). */
    private static final List<String> BANNED_PACKAGES = List.of("io/netty/", "org/apache/http/", "org/apache/hc/");

    final Path root;
    final Path classes;
    final List<Path> jars;

    private DeployedArtifact(Path root, Path classes, List<Path> jars) {
        this.root = root;
        this.classes = classes;
        this.jars = jars;
    }

    static DeployedArtifact resolve(Path root) {
        Path classes = root.resolve("functions/target/classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("build the functions first: " + classes + " is missing");
        }
        Path listing = root.resolve("functions/target/runtime-classpath.txt");
        maven(root, DEPENDENCY_PLUGIN + ":build-classpath", "-DincludeScope=runtime", "-Dmdep.outputFile=" + listing);
        try {
            Path lib = root.resolve("functions/target/dependency");
            List<Path> jars = new ArrayList<>(Stream.of(Files.readString(listing).strip().split(File.pathSeparator))
                    .filter(s -> !s.isBlank()).map(s -> shipped(lib, Path.of(s))).toList());
            jars.addAll(trimmedOnly(lib, jars));
            return new DeployedArtifact(root, classes, List.copyOf(jars));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The jar as lib/ holds it: the functions' build writes the SDK's service jars (and the Lambda events) trimmed to
     * target/dependency, named as SAM's copy names them ({@code <groupId>.<file>}, functions/pom.xml), and SAM's copy
     * leaves their full jars out.
     */
    private static Path shipped(Path lib, Path jar) {
        if (!Files.isDirectory(lib)) {
            return jar;
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().endsWith("." + jar.getFileName())).findFirst().orElse(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The trimmed jars the listing leaves out: functions/pom.xml's dependency configuration excludes the full jars
     * TrimmedJars replaces (so that SAM's copy leaves them out of lib/), and build-classpath reads the same
     * configuration, so those jars reach the class path from target/dependency alone.
     */
    private static List<Path> trimmedOnly(Path lib, List<Path> listed) {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && !listed.contains(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This artifact with more jars in lib/: what it would be if the functions shipped them too. */
    DeployedArtifact with(List<Path> moreJars) {
        List<Path> all = new ArrayList<>(jars);
        all.addAll(moreJars);
        return new DeployedArtifact(root, classes, List.copyOf(all));
    }

    String classPath() {
        List<String> entries = new ArrayList<>();
        entries.add(classes.toString());
        jars.forEach(j -> entries.add(j.toString()));
        return String.join(File.pathSeparator, entries);
    }

    long classesBytes() {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(Files::isRegularFile).mapToLong(DeployedArtifact::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long jarsBytes() {
        return jars.stream().mapToLong(DeployedArtifact::size).sum();
    }

    List<Path> largestJars(int count) {
        return jars.stream().sorted(Comparator.comparingLong(DeployedArtifact::size).reversed()).limit(count).toList();
    }

    /**
     * The deployment package as sam build lays it out (classes at the root, dependency jars in lib/),
     * zipped with the default compression: the size Lambda counts against its 50 MB (zipped) limit.
     */
    long zippedBytes(Path zip) {
        try {
            Files.createDirectories(zip.getParent());
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    add(out, classes.relativize(file).toString().replace(File.separatorChar, '/'), file);
                }
                for (Path jar : jars) {
                    add(out, "lib/" + jar.getFileName(), jar);
                }
            }
            return Files.size(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Classes of a banned HTTP client found in any shipped jar, as "jar: first entry"; empty is the proof. */
    List<String> bannedClientClasses() {
        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().map(ZipEntry::getName)
                        .filter(name -> BANNED_PACKAGES.stream().anyMatch(name::startsWith))
                        .findFirst().ifPresent(name -> found.add(jar.getFileName() + ": " + name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }
        return found;
    }

    int classEntries() {
        int count = 0;
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                count += (int) zip.stream().filter(e -> e.getName().endsWith(".class")).count();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }
        return count;
    }

    /** {@code mvn dependency:tree} of the functions, runtime scope (what ships), line by line. */
    List<String> dependencyTree() {
        Path out = root.resolve("functions/target/runtime-dependency-tree.txt");
        maven(root, DEPENDENCY_PLUGIN + ":tree", "-Dscope=runtime", "-DoutputFile=" + out);
        try {
            return Files.readAllLines(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command a reader can run for the same tree. */
    static String dependencyTreeCommand() {
        return "mvn -f functions/pom.xml " + DEPENDENCY_PLUGIN + ":tree -Dscope=runtime";
    }

    private static void add(ZipOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        Files.copy(file, out);
        out.closeEntry();
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs Maven on the functions' pom alone, as sam build does; its output is shown only if it fails. */
    private static void maven(Path root, String... goalAndProperties) {
        List<String> command = new ArrayList<>(List.of("mvn", "-q", "-B", "-f", root.resolve("functions/pom.xml").toString()));
        command.addAll(List.of(goalAndProperties));
        try {
            Path log = Files.createTempFile("leadtriage-bench-mvn", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(MAVEN_LIMIT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took over " + MAVEN_LIMIT_MINUTES + " minutes");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run mvn (is it on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Maven ran", e);
        }
    }
}
