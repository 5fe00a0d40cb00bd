package io.leadtriage.ops;

import io.leadtriage.json.JsonTree;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Metrics as CloudWatch Embedded Metric Format documents on stdout, one a line: CloudWatch Logs turns them into
 * metrics with no API call and no extra client at cold start. Each document names the namespace, the metric with its
 * unit and its dimension sets ({@link Metric}), carries each dimension's value as a top-level string member and the
 * value under the metric's name:
 * <pre>{"_aws":{"Timestamp":…,"CloudWatchMetrics":[{"Namespace":"leadtriage","Dimensions":[["Stack"],["Stack","Kind"]],
 *  "Metrics":[{"Name":"EmailsSent","Unit":"Count"}]}]},"Stack":"leadtriage-prod","Kind":"sales_alert","EmailsSent":1}</pre>
 * Every metric carries the {@code Stack} dimension, from {@code STACK_NAME} (the template sets it to the stack's
 * name; {@code local} when unset), so two stacks in one account never mix.
 */
public final class Metrics {
    public static final String NAMESPACE = "leadtriage";
    public static final String STACK = "Stack";
    static final String STACK_SETTING = "STACK_NAME";
    /** EMF's limits: dimensions in one dimension set, metrics in one document. */
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_METRICS = 100;
    /** CloudWatch's limit on a dimension value. */
    static final int MAX_DIMENSION_VALUE = 1024;

    private static volatile String stack = stackOf(System.getenv(STACK_SETTING));
    private static volatile PrintStream out = System.out;
    private static final List<Consumer<Emitted>> LISTENERS = new CopyOnWriteArrayList<>();

    /** One value of one metric, with its dimensions' values (Stack included), as emitted. */
    public record Emitted(Metric metric, double value, Map<String, String> dimensions, Instant at) {
    }

    private Metrics() {
    }

    /** One occurrence of a count, with values for the metric's dimensions other than Stack (name, value, …). */
    public static void count(Metric metric, String... dimensions) {
        record(metric, 1, dimensions);
    }

    /** One value of {@code metric}, with values for its dimensions other than Stack as name, value, … pairs. */
    public static void record(Metric metric, double value, String... dimensions) {
        if (dimensions.length % 2 != 0) {
            throw new IllegalArgumentException("dimensions come as name, value pairs");
        }
        Map<String, String> named = new LinkedHashMap<>();
        named.put(STACK, stack);
        for (int i = 0; i < dimensions.length; i += 2) {
            named.put(dimensions[i], boundedValue(dimensions[i + 1]));
        }
        Emitted emitted = new Emitted(metric, value, Map.copyOf(named), Instant.now());
        out.println(JsonTree.write(document(emitted.at(), emitted.dimensions(), List.of(emitted))));
        LISTENERS.forEach(listener -> listener.accept(emitted));
    }

    /**
     * The EMF document of {@code values}, all with the same dimension values: each metric is published under each of
     * its dimension sets.
     *
     * @throws IllegalArgumentException when a value is not finite, a dimension a metric names has no value (or one
     *                                  not named by any), or the document would pass EMF's limits
     */
    static Map<String, Object> document(Instant at, Map<String, String> dimensions, List<Emitted> values) {
        if (values.isEmpty() || values.size() > MAX_METRICS) {
            throw new IllegalArgumentException("an EMF document holds 1 to " + MAX_METRICS + " metrics");
        }
        List<List<String>> sets = new ArrayList<>();
        List<Map<String, Object>> definitions = new ArrayList<>();
        Map<String, Object> members = new LinkedHashMap<>();
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Emitted value : values) {
            Metric metric = value.metric();
            if (!Double.isFinite(value.value())) {
                throw new IllegalArgumentException(metric.metricName() + " is not a finite number: " + value.value());
            }
            if (!dimensions.keySet().containsAll(metric.dimensions())) {
                throw new IllegalArgumentException(metric.metricName() + " needs values for " + metric.dimensions()
                        + ", given " + dimensions.keySet());
            }
            for (List<String> set : metric.dimensionSets()) {
                if (set.size() > MAX_DIMENSIONS) {
                    throw new IllegalArgumentException(metric.metricName() + ": more than " + MAX_DIMENSIONS + " dimensions");
                }
                if (!sets.contains(set)) {
                    sets.add(set);
                }
            }
            named.addAll(metric.dimensions());
            definitions.add(Map.of("Name", metric.metricName(), "Unit", metric.unit().emfName()));
            if (members.put(metric.metricName(), number(value.value())) != null) {
                throw new IllegalArgumentException(metric.metricName() + " twice in one document");
            }
        }
        if (!named.containsAll(dimensions.keySet())) {
            throw new IllegalArgumentException("dimensions no metric names: " + dimensions.keySet());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", Map.of("Timestamp", at.toEpochMilli(), "CloudWatchMetrics",
                List.of(Map.of("Namespace", NAMESPACE, "Dimensions", sets, "Metrics", definitions))));
        document.putAll(dimensions);
        document.putAll(members);
        return document;
    }

    private static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }

    /** A dimension value CloudWatch takes: not blank, at most 1,024 characters. */
    static String boundedValue(String value) {
        if (value == null || value.isBlank()) {
            return "none";
        }
        return value.length() > MAX_DIMENSION_VALUE ? value.substring(0, MAX_DIMENSION_VALUE) : value;
    }

    static String stackOf(String setting) {
        return setting == null || setting.isBlank() ? "local" : setting.strip();
    }

    /** The Stack dimension's value in effect. */
    public static String stack() {
        return stack;
    }

    /** For tests: the Stack dimension as if STACK_NAME were {@code setting}. */
    static void useStack(String setting) {
        stack = stackOf(setting);
    }

    /** Calls {@code listener} with each value emitted from now on (the local run keeps the last ones to show). */
    public static void listen(Consumer<Emitted> listener) {
        LISTENERS.add(listener);
    }

    public static void stopListening(Consumer<Emitted> listener) {
        LISTENERS.remove(listener);
    }

    /** For tests that read what was emitted, and the local run. */
    public static void redirectTo(PrintStream stream) {
        out = stream;
    }
}
