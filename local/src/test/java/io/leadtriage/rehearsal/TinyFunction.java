package io.leadtriage.rehearsal;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The machinery tests' function, laid out as {@code sam build} lays out an artifact: {@code tiny/TinyHandler}
 * (src/test/resources/rehearsal/tiny-function) compiled for release 17 into a task root under test-support/target,
 * its dependencies as jars in lib/: aws-lambda-java-core, org.crac, and the AWS SDK's credential classes
 * (taken from this module's test class path, where the functions' dependencies bring them).
 */
final class TinyFunction {
    static final String HANDLER = "tiny.TinyHandler::handleRequest";
    /** The jars the handler needs at run time: its interfaces, org.crac, and what the SDK's default credentials chain loads. */
    private static final Set<String> LIB_ARTIFACTS = Set.of(
            "com/amazonaws/aws-lambda-java-core", "org/crac/crac",
            "software/amazon/awssdk/auth", "software/amazon/awssdk/identity-spi", "software/amazon/awssdk/regions",
            "software/amazon/awssdk/utils", "software/amazon/awssdk/sdk-core", "software/amazon/awssdk/profiles",
            "software/amazon/awssdk/json-utils", "software/amazon/awssdk/third-party-jackson-core",
            "software/amazon/awssdk/annotations", "software/amazon/awssdk/http-client-spi",
            "software/amazon/awssdk/metrics-spi", "software/amazon/awssdk/endpoints-spi",
            "software/amazon/awssdk/http-auth-spi", "software/amazon/awssdk/http-auth-aws",
            "software/amazon/awssdk/http-auth", "software/amazon/awssdk/checksums",
            "software/amazon/awssdk/checksums-spi", "software/amazon/awssdk/retries-spi",
            "software/amazon/awssdk/retries", "software/amazon/awssdk/aws-core", "software/amazon/awssdk/protocol-core",
            "org/slf4j/slf4j-api", "org/reactivestreams/reactive-streams");
    private static Path taskRoot;

    private TinyFunction() {
    }

    /** The task root, built once per JVM. */
    static synchronized Path taskRoot() {
        if (taskRoot == null) {
            taskRoot = build(LambdaRuntimeImage.locate().dir().getParent().resolve("rehearsal-tiny/task"));
        }
        return taskRoot;
    }

    private static Path build(Path root) {
        SamBuild.deleteRecursively(root);
        try {
            Path lib = Files.createDirectories(root.resolve("lib"));
            List<Path> jars = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                String unix = jar.toString().replace(File.separatorChar, '/');
                if (unix.endsWith(".jar") && LIB_ARTIFACTS.stream().anyMatch(a -> unix.contains("/" + a + "/"))) {
                    jars.add(jar);
                    Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path sources = Files.createDirectories(root.getParent().resolve("src/tiny"));
            Path source = sources.resolve("TinyHandler.java");
            try (InputStream in = TinyFunction.class.getResourceAsStream("/rehearsal/tiny-function/tiny/TinyHandler.java")) {
                if (in == null) {
                    throw new IllegalStateException("the tiny function's source is missing from the test resources");
                }
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            List<String> arguments = new ArrayList<>(Arrays.asList("--release", "17", "-d", root.toString(), "-cp",
                    String.join(File.pathSeparator, jars.stream().map(Path::toString).toList())));
            arguments.add(source.toString());
            int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("the tiny function does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the tiny function under " + root, e);
        }
    }
}
