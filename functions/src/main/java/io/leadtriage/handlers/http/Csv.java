package io.leadtriage.handlers.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV as RFC 4180 writes it (CRLF line ends, a field quoted when it holds a comma, quote or line break), for the
 * reports and the leads export. A field a visitor typed may start with {@code = + - @}: a spreadsheet would run it as a
 * formula, so such a field is written after an apostrophe.
 */
public final class Csv {
    private Csv() {
    }

    public static String of(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    /**
     * A JSON-shaped answer as a table: one row per element of its list {@code rowsKey} (the whole answer as one row when
     * it has none), nested objects flattened to dotted columns ({@code byTier.hot}); other lists are left out.
     */
    public static String ofAnswer(Map<String, Object> answer, String rowsKey) {
        List<Map<String, String>> rows = new ArrayList<>();
        Object listed = answer.get(rowsKey);
        if (listed instanceof List<?> list) {
            for (Object row : list) {
                rows.add(flat(row, ""));
            }
        } else {
            rows.add(flat(answer, ""));
        }
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        List<String> header = List.copyOf(columns);
        return of(header, rows.stream().map(row -> header.stream().map(c -> row.getOrDefault(c, "")).toList()).toList());
    }

    private static Map<String, String> flat(Object value, String prefix) {
        Map<String, String> cells = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> cells.putAll(flat(v, prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k)));
        } else if (!(value instanceof List<?>)) {
            cells.put(prefix, value == null ? "" : String.valueOf(value));
        }
        return cells;
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+(E-?[0-9]+)?")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
