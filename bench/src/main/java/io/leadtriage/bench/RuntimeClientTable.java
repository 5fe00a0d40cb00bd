package io.leadtriage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cold-start table of {@link RuntimeClientColdStarts} as a file ({@code cold-starts.csv} beside its
 * {@code runs.csv}): each function's start to first answer through the runtime client, on two cores and, where
 * measured, on one. {@link PerformanceReport} reads it for the cost model's cold-start durations and the memory-size
 * estimate, so that they rest on the starts as Lambda runs them rather than on the in-process probe ({@code bench/run}
 * runs the starts first).
 *
 * @param rows  by function, then by cores (1 or 2)
 * @param taken when the file was written
 */
record RuntimeClientTable(Map<String, Map<Integer, Row>> rows, FileTime taken, Path file) {
    static final String FILE = "cold-starts.csv";
    private static final String HEADER = "function,cores,runs,median_total_ms,p90_total_ms";

    /** One function's starts on so many cores: init plus first invocation, median and p90. */
    record Row(String function, int cores, int runs, double medianMs, double p90Ms) {
    }

    static void write(List<Row> rows, Path file) {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        rows.forEach(r -> lines.add(String.format(Locale.ROOT, "%s,%d,%d,%.1f,%.1f", r.function(), r.cores(), r.runs(),
                r.medianMs(), r.p90Ms())));
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table a runtime-client run left in {@code dir}, if any. */
    static Optional<RuntimeClientTable> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                throw new IllegalStateException(file + " is not a runtime-client cold-start table (" + HEADER + ")");
            }
            Map<String, Map<Integer, Row>> rows = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                Row row = new Row(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]));
                rows.computeIfAbsent(row.function(), k -> new LinkedHashMap<>()).put(row.cores(), row);
            }
            return Optional.of(new RuntimeClientTable(rows, Files.getLastModifiedTime(file), file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether it has a two-core row for each of these functions: a bars-only run has FormFunction's alone. */
    boolean covers(Iterable<String> functions) {
        for (String function : functions) {
            if (!rows.getOrDefault(function, Map.of()).containsKey(2)) {
                return false;
            }
        }
        return true;
    }

    Optional<Row> row(String function, int cores) {
        return Optional.ofNullable(rows.getOrDefault(function, Map.of()).get(cores));
    }
}
