package io.leadtriage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed code reads and writes JSON with jackson-core's streaming parser and generator only: data binding
 * is a cold-start cost, and it is meant to leave the deployed class path. The model loader (config/) is the one
 * exception while it still binds the YAML model.
 */
class StreamingJsonOnlyTest {
    static final Path MAIN = Path.of("src/main/java/io/leadtriage");
    static final Path MODEL_LOADER = MAIN.resolve("config");
    static final List<String> DATA_BINDING = List.of("com.fasterxml.jackson.databind", "ObjectMapper", "JsonNode");

    @Test
    void nothingButTheModelLoaderMentionsDataBinding() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(MODEL_LOADER)).toList();
            assertThat(sources).hasSizeGreaterThan(100);
            for (Path source : sources) {
                String text = Files.readString(source);
                for (String word : DATA_BINDING) {
                    assertThat(text).as(source + " mentions " + word).doesNotContain(word);
                }
            }
        }
    }
}
