package io.leadtriage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed code reads and writes JSON with jackson-core's streaming parser and generator only, and the model
 * with SnakeYAML's composer: data binding is a cold-start cost of several hundred classes. The pom keeps
 * jackson-databind to test scope (the enforcer refuses it in compile and runtime scope); this keeps the sources
 * from even naming it, so nobody is tempted to bring it back for "just one" reader.
 */
class StreamingJsonOnlyTest {
    static final Path MAIN = Path.of("src/main/java/io/leadtriage");
    static final List<String> DATA_BINDING = List.of("com.fasterxml.jackson.databind", "com.fasterxml.jackson.dataformat", "ObjectMapper", "JsonNode");

    @Test
    void noDeployedSourceMentionsDataBinding() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
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
