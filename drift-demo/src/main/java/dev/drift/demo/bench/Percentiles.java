package dev.drift.demo.bench;

import java.util.Arrays;

/** Percentiles of a set of latency samples, in milliseconds. */
record Percentiles(int count, double p50, double p99, double max) {

    static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, millis(sorted, 0.50), millis(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
