package io.leadtriage.ops;

import io.leadtriage.json.JsonTree;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Structured JSON log lines (one object per line, as CloudWatch Logs Insights reads them). Callers pass
 * identifiers and codes only: lead ids, form ids, error codes. Never an email address or a name.
 *
 * <p>The level in effect is {@code LOG_LEVEL}'s (the template's LogLevel parameter): DEBUG, INFO, WARN or ERROR,
 * read once, when the class loads (in a function's init, before its SnapStart snapshot). Lines below it are not
 * written. Unset or blank, it is INFO; any other value is INFO too, and says so in one WARN line.
 */
public final class Log {
    /** The levels, lowest first: a line is written when its level is the one in effect or above it. */
    enum Level { DEBUG, INFO, WARN, ERROR }

    static final String SETTING = "LOG_LEVEL";
    /** How much of an unknown LOG_LEVEL value the warning quotes. */
    private static final int QUOTED = 40;
    // Before the level: reading an unknown LOG_LEVEL writes the warning here.
    private static volatile PrintStream out = System.out;
    private static volatile Level threshold = levelOf(System.getenv(SETTING));

    private Log() {
    }

    public static void debug(String message, Map<String, ?> fields) {
        write(Level.DEBUG, message, fields);
    }

    public static void info(String message, Map<String, ?> fields) {
        write(Level.INFO, message, fields);
    }

    public static void warn(String message, Map<String, ?> fields) {
        write(Level.WARN, message, fields);
    }

    public static void error(String message, Map<String, ?> fields, Throwable e) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("exception", e.getClass().getName());
        write(Level.ERROR, message, all);
    }

    private static void write(Level level, String message, Map<String, ?> fields) {
        if (level.compareTo(threshold) >= 0) {
            line(level, message, fields);
        }
    }

    private static void line(Level level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level.name());
        line.put("message", message);
        line.putAll(fields);
        out.println(JsonTree.write(line));
    }

    /** The level a LOG_LEVEL value asks for (in any case, spaces around it ignored); INFO for none or another. */
    static Level levelOf(String setting) {
        if (setting == null || setting.isBlank()) {
            return Level.INFO;
        }
        String name = setting.strip().toUpperCase(Locale.ROOT);
        for (Level level : Level.values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(SETTING, setting.length() > QUOTED ? setting.substring(0, QUOTED) + "…" : setting);
        fields.put("understood", "DEBUG, INFO, WARN, ERROR");
        line(Level.WARN, SETTING + " not understood; logging at INFO", fields);
        return Level.INFO;
    }

    /** The level in effect. */
    static Level level() {
        return threshold;
    }

    /** For tests: the level as if LOG_LEVEL were {@code setting}. */
    static void useLevel(String setting) {
        threshold = levelOf(setting);
    }

    /** For tests that read what was logged. */
    public static void redirectTo(PrintStream stream) {
        out = stream;
    }
}
