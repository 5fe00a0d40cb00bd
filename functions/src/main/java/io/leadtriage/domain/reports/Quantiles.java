package io.leadtriage.domain.reports;

import java.util.List;

/** The two summary statistics the reports use, on values already sorted ascending. */
final class Quantiles {
    private Quantiles() {
    }

    /**
     * Nearest-rank percentile: the smallest value with at least {@code percent}% of the values at or below
     * it, i.e. the value at 1-based rank ⌈percent/100 × n⌉. Always one of the observed values, so a p95
     * speed to alert is a real alert's delay, never an interpolation between two.
     */
    static <T> T nearestRank(List<T> sorted, int percent) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        int n = sorted.size();
        // Integer ceiling: a floating-point 0.95 × 20 must not round up to rank 20.
        int rank = (percent * n + 99) / 100;
        return sorted.get(rank - 1);
    }

    /** The middle value; for an even count, the mean of the two middle values. */
    static double median(double[] sorted) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
