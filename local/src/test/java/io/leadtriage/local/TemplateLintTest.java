package io.leadtriage.local;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** template.yaml passes cfn-lint (with the SAM transform): what `sam deploy` would reject, caught here. */
class TemplateLintTest {

    @Test
    void templatePassesCfnLint() throws Exception {
        Path template = SamTemplate.locate();
        Assumptions.assumeTrue(onPath("cfn-lint"),
                "cfn-lint is not installed here: template.yaml was not linted (pip install cfn-lint to lint it)");

        Process lint = new ProcessBuilder("cfn-lint", template.toString()).redirectErrorStream(true).start();
        boolean done = lint.waitFor(120, TimeUnit.SECONDS);
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            lint.destroyForcibly();
        }

        assertThat(done).as("cfn-lint finished within 2 minutes").isTrue();
        assertThat(lint.exitValue()).as("cfn-lint findings:\n" + output).isZero();
    }

    private static boolean onPath(String command) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
