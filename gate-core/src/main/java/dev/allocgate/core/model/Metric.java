package dev.allocgate.core.model;

import java.util.Optional;

/** A measured quantity per benchmark, with the key used in reports and baselines. */
public enum Metric {
    /** Bytes allocated per operation, from JMH's {@code gc.alloc.rate.norm}. */
    BYTES_PER_OP("bytesPerOp", "B/op"),
    /** Objects allocated per operation after JIT (escape analysis), counted by allocgate's JVMTI agent. */
    OBJECTS_PER_OP("objectsPerOp", "objects/op"),
    /** Allocation rate, from JMH's {@code gc.alloc.rate}; moves with speed too, so informational by default. */
    ALLOC_RATE("allocRateMBps", "MB/s");

    private static final Metric[] VALUES = values();

    private final String key;
    private final String unit;

    Metric(String key, String unit) {
        this.key = key;
        this.unit = unit;
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
