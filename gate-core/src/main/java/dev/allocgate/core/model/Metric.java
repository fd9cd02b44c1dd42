package dev.allocgate.core.model;

import dev.allocgate.profiler.ForkProtocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A measured quantity per benchmark, and everything allocgate knows about it, in one place: its key in reports
 * and baselines, unit and label, the JMH result names it is read from, its noise floor, whether forks give it as an
 * exact value, its default threshold, whether it is gated by default, JMH's own share per iteration, and how to
 * measure it. A new metric is one more constant here (and the reading of its JMH result).
 */
public enum Metric {
    /** Bytes allocated per operation, from JMH's {@code gc.alloc.rate.norm} or allocgate's worker-bytes profiler. */
    BYTES_PER_OP("bytesPerOp", "B/op", "Bytes allocated per operation",
            "gc.alloc.rate.norm", ForkProtocol.WORKER_BYTES_NORM,
            0.05, Assumption.EXACT, true, 1.0, 4.0, 8192,
            "run JMH with -prof gc"),
    /**
     * Objects allocated per operation after JIT (escape analysis), counted by allocgate's JVMTI agent. An increase
     * counts beyond max(1 %, 0.5 objects) by default: one more object per operation is a regression below 100
     * objects/op, while a benchmark at about 510 objects/op whose forks differ by one or two objects (5.1 objects
     * allowed) is not, the same 1 % that bytes/op allows. JMH allocates 14 objects per iteration on each benchmark
     * thread (up to about 22 where threads wait at its barriers), which the counter sees; the bound, 32, is per thread,
     * about as far above that as bytes/op's 1,024 B is above JMH's 768 B (64 let a +1 object change of a benchmark at
     * 99 operations per iteration pass: 0.5 + 64/99 allowed).
     */
    OBJECTS_PER_OP("objectsPerOp", "objects/op", "objects allocated per operation",
            null, ForkProtocol.OBJECTS_NORM,
            0.01, Assumption.EXACT, true, 1.0, 0.5, 32,
            "measure it with allocgate.objects=true on a platform with allocgate's native agent"
                    + " (for compare: results of a run with allocgate's objects/op profiler), or set"
                    + " -Dallocgate.objects=false to gate on bytes/op alone"),
    /** Allocation rate, from JMH's {@code gc.alloc.rate}; moves with speed too, so informational by default. */
    ALLOC_RATE("allocRateMBps", "MB/s", "allocRateMBps",
            "gc.alloc.rate", null,
            0, Assumption.STATISTICAL, false, 25.0, 100.0, 0,
            "run JMH with -prof gc, or set -Dallocgate.gateAllocRate=false");

    /** JMH before 1.37 prefixes profiler metrics with a middle dot ({@code ·gc.alloc.rate.norm}). */
    public static final String JMH_OLD_PREFIX = "\u00b7";

    /** How a metric's fork values behave, which decides how the gate may compare them. */
    public enum Assumption {
        /**
         * A count per operation: forks of unchanged code give the same value (or a few exact levels), so values that
         * agree within the noise floor are one value and are compared directly, without a p-value.
         */
        EXACT,
        /** A quantity that moves with timing (a rate): no absolute noise floor, compared by statistics. */
        STATISTICAL
    }

    private static final Metric[] VALUES = values();
    private static final List<Metric> EXACT = Arrays.stream(VALUES).filter(m -> m.assumption == Assumption.EXACT).toList();

    private final String key;
    private final String unit;
    private final String label;
    private final String gcProfilerName;
    private final String allocgateProfilerName;
    private final double noiseFloor;
    private final Assumption assumption;
    private final boolean gatedByDefault;
    private final double defaultThresholdPercent;
    private final double defaultThresholdAbsolute;
    private final double jmhOwnPerIteration;
    private final String howToMeasure;

    Metric(String key, String unit, String label, String gcProfilerName, String allocgateProfilerName, double noiseFloor,
           Assumption assumption, boolean gatedByDefault, double defaultThresholdPercent, double defaultThresholdAbsolute,
           double jmhOwnPerIteration, String howToMeasure) {
        this.key = key;
        this.unit = unit;
        this.label = label;
        this.gcProfilerName = gcProfilerName;
        this.allocgateProfilerName = allocgateProfilerName;
        this.noiseFloor = noiseFloor;
        this.assumption = assumption;
        this.gatedByDefault = gatedByDefault;
        this.defaultThresholdPercent = defaultThresholdPercent;
        this.defaultThresholdAbsolute = defaultThresholdAbsolute;
        this.jmhOwnPerIteration = jmhOwnPerIteration;
        this.howToMeasure = howToMeasure;
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

    /** What report.md's heading calls the metric, e.g. {@code Bytes allocated per operation}. */
    public String label() {
        return label;
    }

    /** The secondary metric JMH's GC profiler ({@code -prof gc}) writes for it, JMH 1.37 spelling; null for none. */
    public String gcProfilerName() {
        return gcProfilerName;
    }

    /** The secondary metric allocgate's own profilers write for it ({@link ForkProtocol}); null for none. */
    public String allocgateProfilerName() {
        return allocgateProfilerName;
    }

    /** How fork values of this metric behave. */
    public Assumption assumption() {
        return assumption;
    }

    /** Whether a regression of this metric fails the build unless configured otherwise. */
    public boolean gatedByDefault() {
        return gatedByDefault;
    }

    /** The default practical threshold's relative part, in percent of the baseline. */
    public double defaultThresholdPercent() {
        return defaultThresholdPercent;
    }

    /** The default practical threshold's absolute part, in the metric's unit. */
    public double defaultThresholdAbsolute() {
        return defaultThresholdAbsolute;
    }

    /**
     * Default bound on what JMH itself adds per measurement iteration to this metric (spread over the iteration's
     * operations); 0 for a metric without one. Bytes: JMH's own allocation across its threads, about 5.7 KB on JDK 17
     * and 6.9 KB on JDK 25.
     */
    public double jmhOwnPerIteration() {
        return jmhOwnPerIteration;
    }

    /** What to do when a run lacks this metric, in the user's terms. */
    public String howToMeasure() {
        return howToMeasure;
    }

    /** The metrics with {@link Assumption#EXACT} values, in declaration order. */
    public static List<Metric> exact() {
        return EXACT;
    }

    /** The spellings of a JMH secondary metric: JMH 1.37's, then the one before 1.37 ({@link #JMH_OLD_PREFIX}). */
    public static List<String> jmhSpellings(String name) {
        return List.of(name, JMH_OLD_PREFIX + name);
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
