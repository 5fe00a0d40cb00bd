package io.leadtriage.app.email;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The composers are pure: the handlers, the dispatcher and the local mail catcher all call them directly. */
class EmailPurityTest {
    static final List<String> FORBIDDEN = List.of("software.amazon", "com.amazonaws", "io.leadtriage.adapters",
            "io.leadtriage.handlers", "io.leadtriage.wiring");

    @Test
    void theEmailPackageImportsNothingFromAwsOrTheAdapters() throws IOException {
        Path email = Path.of("src/main/java/io/leadtriage/app/email");
        try (Stream<Path> files = Files.list(email)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).isNotEmpty();
            for (Path source : sources) {
                assertThat(Files.readAllLines(source)).as(source.toString())
                        .filteredOn(line -> line.startsWith("import "))
                        .noneMatch(line -> FORBIDDEN.stream().anyMatch(line::contains));
            }
        }
    }
}
