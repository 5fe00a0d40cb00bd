package io.leadtriage.domain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain core stays pure: no AWS SDK, no Lambda runtime, no JSON library. It is what the handlers,
 * the local runner and the tests share, and it must stay cheap to load and easy to reason about.
 */
class DomainPurityTest {
    static final List<String> FORBIDDEN = List.of("software.amazon", "com.amazonaws", "com.fasterxml",
            "io.leadtriage.config", "io.leadtriage.adapters", "io.leadtriage.handlers");

    @Test
    void theDomainImportsNothingFromAwsOrTheAdapters() throws IOException {
        Path domain = Path.of("src/main/java/io/leadtriage/domain");
        assertThat(domain).isDirectory();
        try (Stream<Path> files = Files.walk(domain)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).hasSizeGreaterThan(10);
            for (Path source : sources) {
                List<String> imports = Files.readAllLines(source).stream()
                        .filter(line -> line.startsWith("import ")).toList();
                for (String forbidden : FORBIDDEN) {
                    assertThat(imports).as(source + " imports").noneMatch(line -> line.contains(forbidden));
                }
                assertThat(Files.readString(source)).as(source.toString()).doesNotContain("software.amazon.");
            }
        }
    }
}
