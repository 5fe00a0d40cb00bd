package io.leadtriage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The jars the AWS CRT HTTP client would add to the deployed artifact: aws-crt-client and what only it brings
 * (crt-core, and aws-crt with the native library), as {@code -Pbench} copies them to bench/target/crt-client
 * and names the folder in the system property {@value #PROPERTY}. The -crt cold-start modes run on the deployed
 * class path plus these.
 */
final class CrtClientJars {
    static final String PROPERTY = "leadtriage.crtClientJars";
    /** The native library Lambda's arm64 runtime (Amazon Linux, glibc) loads, where aws-crt's jar keeps it. */
    static final String LAMBDA_ARM64_LIBRARY = "linux/armv8/glibc/libaws-crt-jni.so";

    /** A native library inside a jar: its size, and its size compressed in the jar. */
    record NativeLibrary(String entry, long bytes, long compressedBytes) {
    }

    final List<Path> jars;

    private CrtClientJars(List<Path> jars) {
        this.jars = jars;
    }

    /** The jars in the folder the system property names; run through {@code -Pbench}, which copies them. */
    static CrtClientJars locate() {
        String folder = System.getProperty(PROPERTY);
        if (folder == null || folder.isBlank() || !Files.isDirectory(Path.of(folder))) {
            throw new IllegalStateException("no CRT client jars (system property " + PROPERTY + " = " + folder
                    + "): run the report with mvn -Pbench, which copies them to bench/target/crt-client");
        }
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("aws-crt-client-"))) {
                throw new IllegalStateException("no aws-crt-client jar in " + folder);
            }
            return new CrtClientJars(jars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long bytes() {
        return jars.stream().mapToLong(DeployedArtifact::size).sum();
    }

    /** The jars, largest first. */
    List<Path> bySize() {
        return jars.stream().sorted(Comparator.comparingLong(DeployedArtifact::size).reversed()).toList();
    }

    /** Every native library the jars carry, one per platform. */
    List<NativeLibrary> nativeLibraries() {
        return jars.stream().flatMap(jar -> {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                return zip.stream().filter(e -> !e.isDirectory() && isNativeLibrary(e.getName()))
                        .map(e -> new NativeLibrary(e.getName(), e.getSize(), e.getCompressedSize())).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }).toList();
    }

    private static boolean isNativeLibrary(String name) {
        return name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".dll");
    }
}
