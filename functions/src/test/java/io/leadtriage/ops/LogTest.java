package io.leadtriage.ops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Log lines keep their shape, and LOG_LEVEL decides which are written. */
class LogTest {
    static final Pattern LEVEL = Pattern.compile("\"level\":\"([A-Z]+)\"");
    static final String TIME = "\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\"";

    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    Log.Level before;

    @BeforeEach
    void capture() {
        before = Log.level();
        Log.redirectTo(new PrintStream(written, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Log.useLevel(before.name());
        Log.redirectTo(System.out);
    }

    List<String> lines() {
        String text = written.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    static List<String> levels(List<String> lines) {
        List<String> levels = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LEVEL.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            levels.add(m.group(1));
        }
        return levels;
    }

    static void oneOfEach() {
        Log.debug("debug line", Map.of());
        Log.info("info line", Map.of());
        Log.warn("warn line", Map.of());
        Log.error("error line", Map.of(), new IllegalStateException("not logged"));
    }

    @Test
    void aLineIsOneJsonObjectOfTimeLevelMessageAndTheFieldsInTheirOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("formId", "get-started");
        fields.put("score", 42);
        fields.put("turnedHot", true);
        Log.info("form submitted", fields);
        Log.error("model version not taken", Map.of("version", 1234L), new IllegalStateException("not in the line"));

        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).matches("\\{" + TIME + ",\"level\":\"INFO\",\"message\":\"form submitted\","
                + "\"formId\":\"get-started\",\"score\":42,\"turnedHot\":true}");
        assertThat(lines().get(1)).matches("\\{" + TIME + ",\"level\":\"ERROR\",\"message\":\"model version not taken\","
                + "\"version\":1234,\"exception\":\"java.lang.IllegalStateException\"}");
    }

    @ParameterizedTest(name = "LOG_LEVEL={0}")
    @CsvSource({
            "DEBUG, DEBUG INFO WARN ERROR",
            "INFO, INFO WARN ERROR",
            "WARN, WARN ERROR",
            "ERROR, ERROR",
            "debug, DEBUG INFO WARN ERROR",
            "' Warn ', WARN ERROR",
    })
    void eachLevelWritesItsLinesAndThoseAboveIt(String setting, String expected) {
        Log.useLevel(setting);
        oneOfEach();
        assertThat(levels(lines())).containsExactly(expected.split(" "));
    }

    @Test
    void noLevelIsInfoAndSaysNothing() {
        Log.useLevel(null);
        assertThat(Log.level()).isEqualTo(Log.Level.INFO);
        Log.useLevel("  ");
        assertThat(Log.level()).isEqualTo(Log.Level.INFO);
        assertThat(lines()).isEmpty();
    }

    @Test
    void anUnknownLevelIsInfoWithOneWarningLine() {
        Log.useLevel("VERBOSE");
        assertThat(Log.level()).isEqualTo(Log.Level.INFO);
        oneOfEach();
        assertThat(levels(lines())).containsExactly("WARN", "INFO", "WARN", "ERROR");
        assertThat(lines().get(0)).matches("\\{" + TIME + ",\"level\":\"WARN\",\"message\":\"LOG_LEVEL not understood;"
                + " logging at INFO\",\"LOG_LEVEL\":\"VERBOSE\",\"understood\":\"DEBUG, INFO, WARN, ERROR\"}");

        written.reset();
        Log.useLevel("x".repeat(500));
        assertThat(lines()).hasSize(1);
        assertThat(lines().get(0)).contains("\"LOG_LEVEL\":\"" + "x".repeat(40) + "…\"").hasSizeLessThan(250);
    }

    /**
     * The level comes from the environment, once, when Log loads: a JVM started with LOG_LEVEL as Lambda starts a
     * function writes what that level lets through.
     */
    @ParameterizedTest(name = "LOG_LEVEL={0}")
    @CsvSource({
            "WARN, WARN ERROR",
            "TRACE, WARN INFO WARN ERROR",
            "'', INFO WARN ERROR",
    })
    void theLevelIsTheEnvironmentsReadWhenLogLoads(String setting, String expected) throws IOException, InterruptedException {
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LogLevelProbe.class.getName());
        java.environment().put(Log.SETTING, setting);
        java.redirectErrorStream(true);
        Process probe = java.start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(levels(List.of(output.strip().split("\n")))).as(output).containsExactly(expected.split(" "));
    }

    /** Logs one line at each level, as a function would. */
    static final class LogLevelProbe {
        public static void main(String[] args) {
            oneOfEach();
        }
    }
}
