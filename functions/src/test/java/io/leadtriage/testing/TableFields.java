package io.leadtriage.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields written in one cell of a test's table, {@code name=Sam Lee; timeline=now}, as a post carries them: a table
 * of cases then reads as the posts themselves.
 */
public final class TableFields {
    private TableFields() {
    }

    /** @param pairs {@code name=value} pairs separated by {@code ;}, values stripped; null or blank for none */
    public static Map<String, String> of(String pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (pairs != null && !pairs.isBlank()) {
            for (String pair : pairs.split(";")) {
                int equals = pair.indexOf('=');
                fields.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
        return fields;
    }
}
