package io.leadtriage.wiring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No deployed class chooses a credentials provider: under SnapStart, Lambda serves credentials from the container
 * credentials endpoint and sets no access-key variables, so a forced EnvironmentVariableCredentialsProvider fails
 * every AWS call, and a static one would ship keys. The SDK's default chain finds what each environment has. (The
 * deployment rehearsal in local/ shows the forced provider failing under the real runtime client.)
 */
class CredentialsChainTest {
    static final List<String> FORCED = List.of("EnvironmentVariableCredentialsProvider", "StaticCredentialsProvider",
            "SystemPropertyCredentialsProvider", "ProfileCredentialsProvider", "AwsBasicCredentials", "AwsSessionCredentials");

    @Test
    void noDeployedClassNamesACredentialsProvider() throws IOException {
        Path classes = Path.of(CredentialsChainTest.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolveSibling("classes");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(classes)) {
            offenders = files.filter(f -> f.toString().endsWith(".class")).filter(f -> {
                try {
                    String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    return FORCED.stream().anyMatch(bytes::contains);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> classes.relativize(f).toString()).toList();
        }
        assertThat(classes.resolve("io/leadtriage/wiring/Services.class")).exists();
        assertThat(offenders).as("deployed classes that choose credentials").isEmpty();
    }
}
