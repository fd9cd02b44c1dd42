package dev.allocgate.core.model;

import java.util.Arrays;

/**
 * Per-fork values of one metric for one benchmark: the fork is the unit of independent evidence.
 * Values are finite and not negative.
 */
public record Sample(double[] values) {

    public Sample {
        values = values.clone();
        if (values.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
        for (double v : values) {
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("sample value must be finite and >= 0: " + v);
            }
        }
    }

    public static Sample of(double... values) {
        return new Sample(values);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public double min() {
        double min = values[0];
        for (int i = 1; i < values.length; i++) {
            min = Math.min(min, values[i]);
        }
        return min;
    }

    public double max() {
        double max = values[0];
        for (int i = 1; i < values.length; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }

    /** The arithmetic mean of the values. */
    public double mean() {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Median of the values. */
    public double median() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2; // no overflow near Double.MAX_VALUE
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
