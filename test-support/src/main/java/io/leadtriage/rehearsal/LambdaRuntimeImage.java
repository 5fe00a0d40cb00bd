package io.leadtriage.rehearsal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What Lambda's Java managed runtime brings to an execution environment, here: the JDK that runs it, the
 * runtime class path ({@code /var/runtime/lib} in Lambda: the runtime interface client and what it depends
 * on, never the function's code), the RIC's native client library, and the JVM flags the managed runtime
 * starts the JVM with.
 *
 * <p>The class path is {@code test-support/target/lambda-runtime/lib}, which test-support/pom.xml fills with the RIC
 * 2.10.1 and exactly the dependencies its pom declares. The function is not on it: the RIC builds its own
 * class loader over {@code LAMBDA_TASK_ROOT} and {@code LAMBDA_TASK_ROOT/lib/*.jar} (its
 * {@code CustomerClassLoader}), as in Lambda.
 */
public final class LambdaRuntimeImage {
    /** The RIC's entry point: Lambda's bootstrap runs {@code java ... AWSLambda <handler>}. */
    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Where the RIC loads its native client from when set (JniHelper); else it unpacks it to a fixed /tmp file. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /**
     * org.crac's Core picks its implementation from this system property before trying javax.crac and
     * jdk.crac; Lambda's managed runtime sets it to the RIC's own CRaC package, which is how resources a
     * function registers through org.crac reach the RIC's checkpoint and restore calls (see {@link #jvmFlags}).
     */
    public static final String CRAC_COMPAT_FLAG = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";
    /** The Java feature version the template's Runtime names (java21). */
    static final int LAMBDA_JAVA = 21;

    /** The JDK the runtime runs on, and why that one. */
    public record Jdk(Path home, int feature, String version, String why) {
        public Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    private final Path dir;
    private final List<Path> classPath;
    private final Path jniLibrary;
    private final Jdk jdk;

    private LambdaRuntimeImage(Path dir, List<Path> classPath, Path jniLibrary, Jdk jdk) {
        this.dir = dir;
        this.classPath = List.copyOf(classPath);
        this.jniLibrary = jniLibrary;
        this.jdk = jdk;
    }

    /**
     * The runtime folder the build prepared ({@code leadtriage.lambdaRuntime}, else test-support/target/lambda-runtime
     * found from the working directory), with the native library for this machine unpacked into it.
     */
    public static LambdaRuntimeImage locate() {
        Path dir = runtimeDir();
        Path lib = dir.resolve("lib");
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("Lambda's runtime class path is missing at " + lib + ": build local/ once"
                    + " (`mvn -pl local -am process-test-resources` copies the RIC and its dependencies there)", e);
        }
        Path ric = jars.stream().filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no runtime interface client jar in " + lib));
        // Lambda's own order (its bootstrap's -classpath): core, the RIC, serialization; then what the RIC added since.
        jars.sort(Comparator.comparing((Path j) -> order(j.getFileName().toString())).thenComparing(Path::toString));
        return new LambdaRuntimeImage(dir, jars, unpackJni(ric, dir.resolve("jni")), chooseJdk());
    }

    private static int order(String jar) {
        if (jar.startsWith("aws-lambda-java-core-")) {
            return 0;
        }
        if (jar.startsWith("aws-lambda-java-runtime-interface-client-")) {
            return 1;
        }
        if (jar.startsWith("aws-lambda-java-serialization-")) {
            return 2;
        }
        return 3;
    }

    public Path dir() {
        return dir;
    }

    public List<Path> classPath() {
        return classPath;
    }

    public Path jniLibrary() {
        return jniLibrary;
    }

    public Jdk jdk() {
        return jdk;
    }

    /** The RIC jar's version, from its file name. */
    public String ricVersion() {
        String name = classPath.stream().map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("aws-lambda-java-runtime-interface-client-")).findFirst().orElseThrow();
        return name.substring("aws-lambda-java-runtime-interface-client-".length(), name.length() - ".jar".length());
    }

    /**
     * The JVM flags of Lambda's Java managed runtime, from its bootstrap's command line as observed in a java17
     * execution environment (published dumps of {@code /proc/self/cmdline}; AWS documents the C1-only default
     * for java17 in "Customize Java runtime startup behavior"; java21's may differ in details nobody outside
     * AWS can read), for a function of {@code memoryMb}:
     * <ul>
     *   <li>{@code -XX:MaxHeapSize}: 85 % of the memory size (445645k at 512 MB in the observed command line);</li>
     *   <li>{@code -XX:+UseSerialGC}, {@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1};</li>
     *   <li>{@code --add-opens=java.base/java.io=ALL-UNNAMED} (the RIC's telemetry log file descriptor);</li>
     *   <li>{@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}: routes org.crac to the RIC's CRaC
     *   implementation, without which a function's org.crac resources are never called on a JDK without CRaC;</li>
     *   <li>{@code -Djava.net.preferIPv4Stack=true}, {@code -XX:+ErrorFileToStderr};</li>
     *   <li>{@code -D...NativeClient.JNI=}: the native client library, unpacked beforehand as Lambda ships it.</li>
     * </ul>
     * Added here: {@code -XX:MaxRAM} = the memory size, standing in for the execution environment's memory
     * limit that the JVM's container support reads in Lambda. Left out: Lambda's Log4j hot-patch agent
     * ({@code -javaagent:/var/runtime/lib/Log4jHotPatch.jar}, not published) and its class data sharing
     * archive ({@code -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa}; the JDK's default
     * archive is used instead).
     *
     * @param cracCompat false only to show what happens without Lambda's org.crac routing (a test does)
     */
    public List<String> jvmFlags(int memoryMb, boolean cracCompat) {
        List<String> flags = new ArrayList<>();
        flags.add("-XX:MaxHeapSize=" + Math.round(memoryMb * 1024 * 0.85) + "k");
        flags.add("-XX:MaxRAM=" + memoryMb + "m");
        flags.add("-XX:+UseSerialGC");
        flags.add("-XX:+TieredCompilation");
        flags.add("-XX:TieredStopAtLevel=1");
        flags.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        if (cracCompat) {
            flags.add(CRAC_COMPAT_FLAG);
        }
        flags.add("-Djava.net.preferIPv4Stack=true");
        flags.add("-XX:+ErrorFileToStderr");
        flags.add("-D" + JNI_PROPERTY + "=" + jniLibrary);
        return flags;
    }

    /** The {@code -classpath} value. */
    public String classPathString() {
        return classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static Path runtimeDir() {
        String configured = System.getProperty("leadtriage.lambdaRuntime");
        if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-support/target/lambda-runtime");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            candidate = dir.resolve("target/lambda-runtime");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Lambda's runtime folder (test-support/target/lambda-runtime) is missing: build"
                + " test-support/ once (`mvn -pl test-support process-test-resources`)");
    }

    /**
     * The RIC's native client for this machine (its jar carries linux x86_64 and aarch64, glibc and musl builds),
     * unpacked once into {@code jni/} as Lambda ships it in /var/runtime/lib/jni. Left to itself the RIC would
     * unpack it to one fixed file, /tmp/.libaws-lambda-jni.so, shared by every JVM of the machine.
     */
    private static Path unpackJni(Path ricJar, Path jniDir) {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the RIC has no native client for " + System.getProperty("os.arch"));
        };
        boolean musl = Files.exists(Path.of("/lib/ld-musl-x86_64.so.1")) || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
        String name = "libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + arch + ".so";
        Path target = jniDir.resolve(name);
        try (ZipFile jar = new ZipFile(ricJar.toFile())) {
            ZipEntry entry = jar.getEntry("jni/" + name);
            if (entry == null) {
                throw new IllegalStateException(ricJar + " has no jni/" + name);
            }
            if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
                return target;
            }
            Files.createDirectories(jniDir);
            Path part = Files.createTempFile(jniDir, name, ".part");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the RIC's native client from " + ricJar, e);
        }
    }

    /**
     * The JDK to run the runtime on. The template says java21 (Amazon Corretto 21 in Lambda); the functions are
     * compiled for release 17. In order: {@code -Dleadtriage.rehearsal.javaHome=...} if given; else a JDK 21
     * if this machine has one under /usr/lib/jvm (the template's version exactly); else the JDK running the
     * tests (on this project's machines OpenJDK 17: the version the classes target and the one CI always has).
     * A newer JDK (this machine also has Temurin 25) is not taken by default: it would run the artifact on a
     * Java that Lambda's java21 is not, and the RIC's sun.misc.Unsafe use warns on 24 and later. The choice is
     * printed with every rehearsal.
     */
    static Jdk chooseJdk() {
        String configured = System.getProperty("leadtriage.rehearsal.javaHome");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            String version = releaseVersion(home).orElseThrow(() -> new IllegalStateException(
                    "leadtriage.rehearsal.javaHome=" + configured + " is not a JDK (no release file)"));
            return new Jdk(home, feature(version), version, "set by -Dleadtriage.rehearsal.javaHome");
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                Optional<Jdk> java21 = homes.sorted().flatMap(home -> releaseVersion(home).stream()
                                .filter(v -> feature(v) == LAMBDA_JAVA && Files.isExecutable(home.resolve("bin/java")))
                                .map(v -> new Jdk(home, LAMBDA_JAVA, v, "the template's java21")))
                        .findFirst();
                if (java21.isPresent()) {
                    return java21.get();
                }
            } catch (IOException e) {
                // No list of JDKs: the running one below.
            }
        }
        Path home = Path.of(System.getProperty("java.home"));
        String version = System.getProperty("java.version");
        return new Jdk(home, Runtime.version().feature(), version, "no JDK 21 on this machine: the JDK running the tests"
                + " (the functions' classes target release 17; Lambda would run them on Corretto 21)");
    }

    private static Optional<String> releaseVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = properties.getProperty("JAVA_VERSION");
        return version == null ? Optional.empty() : Optional.of(version.replace("\"", "").strip());
    }

    private static int feature(String version) {
        String first = version.split("[.+\\-]")[0];
        try {
            return Integer.parseInt(first.toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
