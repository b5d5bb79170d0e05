package dev.drift.demo.bench;

import java.util.List;

/**
 * Whether a measure stays flat as work is done: the least-squares slope of samples taken along the
 * way, in the measure's unit per {@code per} units of work.
 */
final class Trend {
    private Trend() {
    }

    /** One measure (for example MB) after {@code at} units of work (for example events). */
    record Sample(long at, double value) {
    }

    /**
     * The least-squares slope over the samples taken at or after half the last sample's work,
     * scaled to {@code per} units of work: after warm-up, growth per unit of work is leakage.
     *
     * @throws IllegalArgumentException with fewer than two such samples at distinct points
     */
    static double secondHalfSlope(List<Sample> samples, long per) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        long last = samples.stream().mapToLong(Sample::at).max().orElseThrow();
        return slope(samples.stream().filter(s -> s.at() * 2 >= last).toList(), per);
    }

    /** The least-squares slope of all samples, per {@code per} units of work. */
    static double slope(List<Sample> samples, long per) {
        if (per <= 0) {
            throw new IllegalArgumentException("per must be positive: " + per);
        }
        int n = samples.size();
        double meanX = samples.stream().mapToDouble(Sample::at).average().orElse(0);
        double meanY = samples.stream().mapToDouble(Sample::value).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (Sample s : samples) {
            sxy += (s.at() - meanX) * (s.value() - meanY);
            sxx += (s.at() - meanX) * (s.at() - meanX);
        }
        if (n < 2 || sxx == 0) {
            throw new IllegalArgumentException("a slope needs two samples at distinct points, got " + samples);
        }
        return sxy / sxx * per;
    }
}
