package io.leadtriage.local;

import io.leadtriage.ops.Metric;
import io.leadtriage.ops.Metrics;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The metrics the local run's functions emitted, as CloudWatch would have them: each metric's total (counts) or last
 * value by its dimensions, and the latest readings of speed to alert and of the outbox's oldest due item, so that a
 * developer sees them at {@code GET /_local/metrics} and on the console before deploying.
 */
final class LocalMetrics implements Consumer<Metrics.Emitted>, AutoCloseable {
    /** Readings kept of the metrics shown one by one. */
    static final int READINGS = 20;

    private final Map<String, Map<String, Aggregate>> byMetric = new TreeMap<>();
    private final Map<Metric, Deque<Reading>> readings = new LinkedHashMap<>();

    /** @param last the latest value, {@code sum} of them all, {@code max} the highest */
    record Aggregate(long count, double sum, double max, double last, Instant lastAt) {
        Aggregate plus(double value, Instant at) {
            return new Aggregate(count + 1, sum + value, Math.max(max, value), value, at);
        }
    }

    record Reading(Instant at, double value) {
    }

    private LocalMetrics() {
        readings.put(Metric.SPEED_TO_ALERT, new ArrayDeque<>());
        readings.put(Metric.OUTBOX_OLDEST_DUE_AGE, new ArrayDeque<>());
    }

    /** Listens to what the functions emit from now on, until closed. */
    static LocalMetrics listening() {
        LocalMetrics metrics = new LocalMetrics();
        Metrics.listen(metrics);
        return metrics;
    }

    @Override
    public synchronized void accept(Metrics.Emitted emitted) {
        Map<String, String> dimensions = new TreeMap<>(emitted.dimensions());
        dimensions.remove(Metrics.STACK);
        byMetric.computeIfAbsent(emitted.metric().metricName(), k -> new TreeMap<>())
                .merge(dimensions.toString(), new Aggregate(1, emitted.value(), emitted.value(), emitted.value(), emitted.at()),
                        (was, one) -> was.plus(emitted.value(), emitted.at()));
        Deque<Reading> kept = readings.get(emitted.metric());
        if (kept != null) {
            kept.addFirst(new Reading(emitted.at(), emitted.value()));
            while (kept.size() > READINGS) {
                kept.removeLast();
            }
        }
    }

    /** The latest readings of {@code metric} (speed to alert, outbox age), newest first. */
    synchronized List<Reading> latest(Metric metric) {
        return List.copyOf(readings.getOrDefault(metric, new ArrayDeque<>()));
    }

    /** Everything kept, as {@code GET /_local/metrics} answers it. */
    synchronized Map<String, Object> snapshot() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("namespace", Metrics.NAMESPACE);
        all.put("stack", Metrics.stack());
        Map<String, Object> latest = new LinkedHashMap<>();
        readings.forEach((metric, kept) -> {
            List<Map<String, Object>> list = new ArrayList<>();
            kept.forEach(r -> list.add(Map.of("at", r.at().toString(), "value", r.value())));
            latest.put(metric.metricName() + " (" + metric.unit().emfName() + ")", list);
        });
        all.put("latest", latest);
        Map<String, Object> metrics = new LinkedHashMap<>();
        byMetric.forEach((name, byDimensions) -> {
            List<Map<String, Object>> list = new ArrayList<>();
            byDimensions.forEach((dimensions, a) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("dimensions", dimensions);
                item.put("count", a.count());
                item.put("sum", a.sum());
                item.put("max", a.max());
                item.put("last", a.last());
                item.put("lastAt", a.lastAt().toString());
                list.add(item);
            });
            metrics.put(name, list);
        });
        all.put("metrics", metrics);
        return all;
    }

    @Override
    public void close() {
        Metrics.stopListening(this);
    }
}
