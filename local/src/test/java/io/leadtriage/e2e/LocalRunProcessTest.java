package io.leadtriage.e2e;

import io.leadtriage.config.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a developer sees of {@code mvn -Prun package}: the LocalRunner in its own JVM, as the run profile starts it,
 * its stdout and stderr read apart. A normal start says nothing alarming and stopping it is a success; a start that
 * cannot go on says why in a sentence, without a stack trace, and exits non-zero.
 */
class LocalRunProcessTest {
    static final Duration START = Duration.ofSeconds(90);
    @TempDir
    Path dir;

    /** The local runner as a process, its output going to files in {@link #dir}. */
    final class Run {
        final Process process;
        final Path out;
        final Path err;

        Run(Map<String, String> environment) throws IOException {
            out = Files.createTempFile(dir, "stdout", ".txt");
            err = Files.createTempFile(dir, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dsqlite4java.library.path=" + System.getProperty("sqlite4java.library.path"),
                    "-cp", System.getProperty("java.class.path"), "io.leadtriage.local.LocalRunner")
                    .directory(Path.of("..").toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("ALLOWED_ORIGINS");
            builder.environment().remove("LEADTRIAGE_MODEL_FILE");
            builder.environment().putAll(environment);
            process = builder.start();
        }

        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** Waits for the banner's last line; false if the process ended first. */
        boolean started() throws Exception {
            Instant until = Instant.now().plus(START);
            while (Instant.now().isBefore(until) && process.isAlive()) {
                if (stdout().contains("Press Ctrl-C to stop.")) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        }

        int exitCode() throws InterruptedException {
            if (!process.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the local runner did not end");
            }
            return process.exitValue();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aNormalStartIsQuietAndStoppingItIsASuccess() throws Exception {
        int port = freePort();
        Run run = new Run(Map.of("PORT", String.valueOf(port), "ALLOWED_ORIGINS", "http://localhost:8080"));
        boolean started = run.started();
        run.process.destroy(); // SIGTERM: what Maven's exec plugin sends its child when Maven is stopped, as Ctrl-C does

        assertThat(started).as("started; stderr: %s", run.stderr()).isTrue();
        assertThat(run.exitCode()).as("the exit status of a stop").isZero();
        String all = run.stdout() + run.stderr();
        assertThat(all).doesNotContain("ERROR", "SLF4J", "Exception", "CorsParams");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout()).contains("Origins:       http://localhost:" + port + ", http://127.0.0.1:" + port
                + ", http://localhost:8080").endsWith("leadtriage stopped.\n");
    }

    @Test
    void aPortInUseIsSaidInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = new Run(Map.of("PORT", String.valueOf(taken.getLocalPort())));

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.stderr().lines().toList()).containsExactly("leadtriage did not start: port "
                    + taken.getLocalPort() + " is in use: set PORT=... to run on another, e.g. PORT="
                    + (taken.getLocalPort() + 1) + " mvn -Prun package");
            assertThat(run.stdout()).isEmpty();
        }
    }

    @Test
    void aBrokenModelFileIsSaidWithItsProblemsAndNoStackTrace() throws Exception {
        Path model = dir.resolve("my-model.yaml");
        Files.writeString(model, ModelLoader.defaultText().replace("halfLife: P30D", "halfLife: P1M"));
        Run run = new Run(Map.of("PORT", String.valueOf(freePort()), "LEADTRIAGE_MODEL_FILE", model.toString()));

        assertThat(run.exitCode()).isNotZero();
        List<String> said = run.stderr().lines().toList();
        assertThat(said).isNotEmpty();
        assertThat(said.get(0)).startsWith("leadtriage did not start: ").contains(model.toString());
        assertThat(run.stderr()).contains("behaviour.halfLife").doesNotContain("\tat ", "Exception");
        assertThat(run.stdout()).doesNotContain("ERROR", "SLF4J");
    }

    @Test
    void aSettingThatIsWrongIsNamed() throws Exception {
        Run origins = new Run(Map.of("PORT", String.valueOf(freePort()), "ALLOWED_ORIGINS", "localhost:8080"));
        assertThat(origins.exitCode()).isNotZero();
        assertThat(origins.stderr().lines().toList()).hasSize(1).first().asString()
                .startsWith("leadtriage did not start: ALLOWED_ORIGINS: \"localhost:8080\" is not an origin");

        Run port = new Run(Map.of("PORT", "30OO"));
        assertThat(port.exitCode()).isNotZero();
        assertThat(port.stderr().lines().toList())
                .containsExactly("leadtriage did not start: PORT=30OO is not a port number (1-65535; 3000 when unset)");
    }
}
