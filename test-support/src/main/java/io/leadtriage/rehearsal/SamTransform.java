package io.leadtriage.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs SAM's own transform (samtranslator, through sam_transform.py beside this class) on template.yaml: the
 * template as CloudFormation receives it, intrinsics unresolved. Needs python3 with samtranslator
 * ({@code pip install aws-sam-translator}); without them it fails saying so. The rehearsal never skips.
 */
public final class SamTransform {
    static final String SCRIPT = "sam_transform.py";
    static final Duration LIMIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SamTransform() {
    }

    /** @param python the interpreter, "python3" unless {@code -Dleadtriage.python} says otherwise */
    public static JsonNode run(Path template, String region, Map<String, String> parameterOverrides) {
        return run(System.getProperty("leadtriage.python", "python3"), template, region, parameterOverrides);
    }

    static JsonNode run(String python, Path template, String region, Map<String, String> parameterOverrides) {
        Path script = extractScript();
        try {
            ProcessBuilder builder = new ProcessBuilder(python, script.toString(), template.toString(), region,
                    JSON.writeValueAsString(parameterOverrides));
            // Nothing of a developer's AWS configuration: the transform needs none and must not read one.
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("The deployment rehearsal resolves template.yaml with SAM's own transform and"
                        + " needs `" + python + "` with samtranslator: install Python 3 and `pip install aws-sam-translator`"
                        + " (" + e.getMessage() + ")", e);
            }
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = drain(process.getInputStream());
            CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the SAM transform did not end within " + LIMIT.toSeconds() + " s");
            }
            String errors = new String(stderr.join(), StandardCharsets.UTF_8).strip();
            switch (process.exitValue()) {
                case 0 -> {
                    return JSON.readTree(stdout.join());
                }
                case 3 -> throw new IllegalStateException("The deployment rehearsal resolves template.yaml with SAM's own"
                        + " transform: install samtranslator for " + python + " (`pip install aws-sam-translator`). " + errors);
                case 1 -> throw new IllegalStateException("SAM's transform refuses " + template + ":\n" + errors);
                default -> throw new IllegalStateException("the SAM transform failed (exit " + process.exitValue() + "):\n" + errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the SAM transform's output is not JSON", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the SAM transform ran", e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Path extractScript() {
        try (InputStream in = SamTransform.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing beside " + SamTransform.class.getName());
            }
            Path file = Files.createTempFile("leadtriage-sam-transform", ".py");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SAM transform script", e);
        }
    }
}
