package io.leadtriage.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs, metrics and the JSON they are written with sit below everything else: every layer uses them, so they use
 * no layer (no handler, use case, adapter, wiring or model code), only the JDK and jackson-core.
 */
class OpsLayerTest {
    static final List<String> ALLOWED = List.of("import java.", "import static java.", "import com.fasterxml.jackson.core.",
            "import io.leadtriage.json.", "import io.leadtriage.ops.");

    @Test
    void opsAndJsonImportOnlyTheJdkJacksonCoreAndEachOther() throws IOException {
        for (String layer : List.of("ops", "json")) {
            Path folder = Path.of("src/main/java/io/leadtriage", layer);
            try (Stream<Path> files = Files.walk(folder)) {
                List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
                assertThat(sources).as(folder.toString()).isNotEmpty();
                for (Path source : sources) {
                    List<String> imports = Files.readAllLines(source).stream().filter(l -> l.startsWith("import ")).toList();
                    assertThat(imports).as(source + " imports").allMatch(i -> ALLOWED.stream().anyMatch(i::startsWith));
                    assertThat(Files.readString(source)).as(source + " names another layer in full")
                            .doesNotContainPattern("io\\.leadtriage\\.(handlers|app|adapters|wiring|config|domain)\\.");
                }
            }
        }
    }
}
