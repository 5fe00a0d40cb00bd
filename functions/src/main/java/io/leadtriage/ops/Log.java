package io.leadtriage.ops;

import io.leadtriage.json.JsonTree;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured JSON log lines (one object per line, as CloudWatch Logs Insights reads them). Callers pass
 * identifiers and codes only: lead ids, form ids, error codes. Never an email address or a name.
 */
public final class Log {
    private static volatile PrintStream out = System.out;

    private Log() {
    }

    public static void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    public static void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields);
    }

    public static void error(String message, Map<String, ?> fields, Throwable e) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("exception", e.getClass().getName());
        write("ERROR", message, all);
    }

    private static void write(String level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.putAll(fields);
        out.println(JsonTree.write(line));
    }

    /** For tests that read what was logged. */
    public static void redirectTo(PrintStream stream) {
        out = stream;
    }
}
