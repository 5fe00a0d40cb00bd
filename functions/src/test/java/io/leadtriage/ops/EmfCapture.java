package io.leadtriage.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link Metrics} writes while it is open, each line checked against the CloudWatch Embedded Metric Format
 * specification (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html)
 * and read back as the metric values CloudWatch would extract from it. Close it to restore stdout.
 */
public final class EmfCapture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The units CloudWatch accepts (MetricDatum's StandardUnit). */
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes",
            "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
            "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
            "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    /** One value as CloudWatch extracts it: under one dimension set, with that set's values. */
    public record Value(String namespace, String name, String unit, double value, Map<String, String> dimensions) {
    }

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private EmfCapture() {
        Metrics.redirectTo(new PrintStream(written, true, StandardCharsets.UTF_8));
    }

    public static EmfCapture open() {
        return new EmfCapture();
    }

    /** The lines written so far, every one a valid EMF document. */
    public List<JsonNode> documents() {
        String text = written.toString(StandardCharsets.UTF_8);
        List<JsonNode> documents = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                documents.add(validated(line));
            }
        }
        return documents;
    }

    /** Every value CloudWatch would extract from what was written: one per metric and dimension set. */
    public List<Value> values() {
        List<Value> values = new ArrayList<>();
        documents().forEach(document -> values.addAll(valuesOf(document)));
        return values;
    }

    /** The values of {@code metric} published under exactly {@code dimensionNames}. */
    public List<Value> values(String metric, Set<String> dimensionNames) {
        return values().stream().filter(v -> v.name().equals(metric) && v.dimensions().keySet().equals(dimensionNames))
                .toList();
    }

    public Optional<Double> max(String metric, Set<String> dimensionNames) {
        return values(metric, dimensionNames).stream().map(Value::value).max(Double::compare);
    }

    /** The values a valid document gives CloudWatch. */
    static List<Value> valuesOf(JsonNode document) {
        List<Value> values = new ArrayList<>();
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode set : directive.path("Dimensions")) {
                Map<String, String> dimensions = new LinkedHashMap<>();
                set.forEach(d -> dimensions.put(d.asText(), document.path(d.asText()).asText()));
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    JsonNode value = document.path(name);
                    List<JsonNode> all = new ArrayList<>();
                    if (value.isArray()) {
                        value.forEach(all::add);
                    } else {
                        all.add(value);
                    }
                    all.forEach(v -> values.add(new Value(directive.path("Namespace").asText(), name,
                            metric.path("Unit").asText("None"), v.asDouble(), dimensions)));
                }
            }
        }
        return values;
    }

    /**
     * Parses {@code line} and checks it as the EMF specification says: a JSON object with an {@code _aws} member whose
     * {@code Timestamp} is a number of milliseconds since the epoch and whose {@code CloudWatchMetrics} is an array of
     * directives, each with a Namespace (1 to 255 characters), Dimensions (an array of dimension sets, each an array of
     * at most 30 names, each a top-level member holding a string) and Metrics (at most 100 per document, each with a
     * Name of 1 to 1,024 characters that is a top-level member holding a number or an array of at most 100 numbers,
     * and an optional Unit CloudWatch knows).
     */
    public static JsonNode validated(String line) {
        JsonNode document;
        try {
            document = JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
        require(document.isObject(), "a JSON object", line);
        JsonNode aws = document.path("_aws");
        require(aws.isObject(), "an _aws object", line);
        require(aws.path("Timestamp").isIntegralNumber() && aws.path("Timestamp").asLong() > 1_500_000_000_000L,
                "_aws.Timestamp as epoch milliseconds", line);
        JsonNode directives = aws.path("CloudWatchMetrics");
        require(directives.isArray() && !directives.isEmpty(), "_aws.CloudWatchMetrics as a non-empty array", line);
        int metrics = 0;
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            require(directive.path("Namespace").isTextual() && !namespace.isEmpty() && namespace.length() <= 255,
                    "a Namespace of 1 to 255 characters", line);
            require(directive.path("Dimensions").isArray(), "Dimensions as an array of dimension sets", line);
            for (JsonNode set : directive.path("Dimensions")) {
                require(set.isArray() && set.size() <= Metrics.MAX_DIMENSIONS, "a dimension set of at most 30 names", line);
                Set<String> names = new HashSet<>();
                for (JsonNode name : set) {
                    require(name.isTextual() && names.add(name.asText()), "distinct dimension names", line);
                    JsonNode value = document.path(name.asText());
                    require(value.isTextual() && !value.asText().isBlank() && value.asText().length() <= 1024,
                            "dimension " + name + " as a top-level string member of 1 to 1,024 characters", line);
                }
            }
            require(directive.path("Metrics").isArray() && !directive.path("Metrics").isEmpty(), "a Metrics array", line);
            for (JsonNode metric : directive.path("Metrics")) {
                metrics++;
                String name = metric.path("Name").asText("");
                require(metric.path("Name").isTextual() && !name.isEmpty() && name.length() <= 1024,
                        "a metric Name of 1 to 1,024 characters", line);
                require(metric.path("Unit").isMissingNode() || UNITS.contains(metric.path("Unit").asText()),
                        "a Unit CloudWatch knows", line);
                JsonNode value = document.path(name);
                boolean numbers = value.isNumber()
                        || value.isArray() && value.size() <= 100 && !value.isEmpty() && allNumbers(value);
                require(numbers, "metric " + name + " as a top-level number (or array of at most 100)", line);
                require(!aws.has(name), "metric " + name + " not inside _aws", line);
            }
        }
        require(metrics <= Metrics.MAX_METRICS, "at most 100 metrics in a document", line);
        return document;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode value : array) {
            if (!value.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean holds, String what, String line) {
        if (!holds) {
            throw new AssertionError("not valid EMF: expected " + what + " in " + line);
        }
    }

    @Override
    public void close() {
        Metrics.redirectTo(System.out);
    }
}
