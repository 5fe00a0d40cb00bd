package io.leadtriage.bench;

import java.util.Arrays;

/** Order statistics for small samples: nearest rank, no interpolation, so every figure is one that was measured. */
final class Stats {
    private Stats() {
    }

    /** The value at quantile {@code q} (0 < q ≤ 1) of {@code values}, which need not be sorted. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }
}
