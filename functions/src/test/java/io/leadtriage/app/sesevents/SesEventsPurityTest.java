package io.leadtriage.app.sesevents;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SES event model and the scanner rules stay pure, like the domain: no AWS SDK or Lambda runtime, so the
 * handler, the local runner and the tests share them as they are. Jackson is the parser's business alone.
 */
class SesEventsPurityTest {
    static final Path PACKAGE = Path.of("src/main/java/io/leadtriage/app/sesevents");

    @Test
    void nothingImportsAwsAndOnlyTheParserImportsJackson() throws IOException {
        try (Stream<Path> files = Files.list(PACKAGE)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).hasSizeGreaterThanOrEqualTo(4);
            for (Path source : sources) {
                List<String> imports = Files.readAllLines(source).stream().filter(line -> line.startsWith("import ")).toList();
                assertThat(imports).as(source + " imports")
                        .noneMatch(line -> line.contains("software.amazon") || line.contains("com.amazonaws"));
                if (!source.endsWith("SesEventParser.java")) {
                    assertThat(imports).as(source + " imports").noneMatch(line -> line.contains("com.fasterxml"));
                }
            }
        }
    }
}
