package io.leadtriage.ops;

import io.leadtriage.json.JsonTree;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Counters as CloudWatch Embedded Metric Format lines on stdout: CloudWatch turns them into metrics
 * with no API call and no extra client at cold start.
 */
public final class Metrics {
    public static final String NAMESPACE = "leadtriage";
    private static volatile PrintStream out = System.out;

    private Metrics() {
    }

    public static void count(String metric, String function) {
        out.println(JsonTree.write(Map.of(
                "_aws", Map.of("Timestamp", System.currentTimeMillis(),
                        "CloudWatchMetrics", List.of(Map.of("Namespace", NAMESPACE,
                                "Dimensions", List.of(List.of("Function")),
                                "Metrics", List.of(Map.of("Name", metric, "Unit", "Count"))))),
                "Function", function,
                metric, 1)));
    }

    public static void redirectTo(PrintStream stream) {
        out = stream;
    }
}
