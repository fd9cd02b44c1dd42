package dev.allocgate.core.model;

import java.util.Optional;

/** A measured quantity per benchmark, with the key used in reports and baselines. */
public enum Metric {
    /** Bytes allocated per operation, from JMH's {@code gc.alloc.rate.norm}. */
    BYTES_PER_OP("bytesPerOp", "B/op", 0.05),
    /** Objects allocated per operation after JIT (escape analysis), counted by allocgate's JVMTI agent. */
    OBJECTS_PER_OP("objectsPerOp", "objects/op", 0.01),
    /** Allocation rate, from JMH's {@code gc.alloc.rate}; moves with speed too, so informational by default. */
    ALLOC_RATE("allocRateMBps", "MB/s", 0);

    private static final Metric[] VALUES = values();

    private final String key;
    private final String unit;
    private final double noiseFloor;

    Metric(String key, String unit, double noiseFloor) {
        this.key = key;
        this.unit = unit;
        this.noiseFloor = noiseFloor;
    }

    /**
     * The measurement noise of a per-operation value, in its unit: fork values that spread less than this (plus a
     * relative share) count as one constant value in the gate, and the reports show a value smaller than this as
     * {@code 0} (an allocation-free benchmark reads a few millionths of a byte: one object per million operations).
     * 0 for a metric without such a floor. The one home of this fact; report.json keeps the exact numbers.
     */
    public double noiseFloor() {
        return noiseFloor;
    }

    /** Whether the reports show {@code value} as 0: its magnitude is below {@link #noiseFloor()}. */
    public boolean readsZero(double value) {
        return Math.abs(value) < noiseFloor;
    }

    /** Name used in report.json and baseline files, e.g. {@code bytesPerOp}. */
    public String key() {
        return key;
    }

    /** Unit shown next to values, e.g. {@code B/op}. */
    public String unit() {
        return unit;
    }

    public static Optional<Metric> fromKey(String key) {
        for (Metric m : VALUES) { // called per metric of every baseline entry: no copy of values()
            if (m.key.equals(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
