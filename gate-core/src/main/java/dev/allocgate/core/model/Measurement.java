package dev.allocgate.core.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one benchmark measured: per-fork samples for each metric, the number of operations per
 * measurement iteration and benchmark thread over which JMH's own per-iteration allocation (which comes per
 * thread) spreads in the figures: the fewest over forks of each fork's median iteration where every figure is a
 * median iteration, else of the lower of that and the harmonic mean (NaN when unknown; baselines recorded by
 * earlier versions hold the fewest of any iteration, or all threads' operations, which bound that share less
 * tightly), the environment, which
 * allocation bytes/op counts ({@link BytesCounted}), and whether its metrics' samples hold a value per fork of the same
 * forks, in the same order ({@code sameForks}: the adaptive engine measures every metric in each fork; the fixed
 * engine counts objects in forks of their own). Baselines do not store it: a baseline recorded by the fixed engine with
 * as many objects forks as bytes forks reads as the same forks.
 * Used for both current results and baseline entries.
 */
public record Measurement(BenchmarkKey key, Map<Metric, Sample> metrics, double opsPerIteration, Environment environment,
                          BytesCounted bytesCounted, boolean sameForks) {

    /** Which allocation a measurement's bytes/op counts. */
    public enum BytesCounted {
        /** Every thread of the benchmark JVM, JMH's own included (JMH's GC profiler). */
        ALL_THREADS,
        /**
         * The benchmark's own threads (allocgate's worker-bytes profiler), where JMH allocates a few hundred bytes per
         * iteration and thread.
         */
        BENCHMARK_THREADS,
        /**
         * The benchmark's own threads without what they allocate per iteration whatever its length (JMH's share and
         * an iteration set-up), which every fork told apart from its warmup rounds.
         */
        BENCHMARK_THREADS_NET
    }

    /** A measurement whose bytes/op, if any, counts every thread of the benchmark JVM. */
    public Measurement(BenchmarkKey key, Map<Metric, Sample> metrics, double opsPerIteration, Environment environment) {
        this(key, metrics, opsPerIteration, environment, BytesCounted.ALL_THREADS);
    }

    /** A measurement whose metrics come from the same forks. */
    public Measurement(BenchmarkKey key, Map<Metric, Sample> metrics, double opsPerIteration, Environment environment,
                       BytesCounted bytesCounted) {
        this(key, metrics, opsPerIteration, environment, bytesCounted, true);
    }

    public Measurement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(bytesCounted, "bytesCounted");
        EnumMap<Metric, Sample> copy = new EnumMap<>(Metric.class);
        copy.putAll(metrics);
        metrics = Collections.unmodifiableMap(copy);
        environment = environment == null ? Environment.UNKNOWN : environment;
    }

    /** Whether bytes/op leaves JMH's other threads out (allocgate's worker-bytes profiler, net or not). */
    public boolean benchmarkThreadBytes() {
        return bytesCounted != BytesCounted.ALL_THREADS;
    }

    /** Whether bytes/op is net of what the benchmark threads allocate per iteration (JMH's share). */
    public boolean netBytes() {
        return bytesCounted == BytesCounted.BENCHMARK_THREADS_NET;
    }

    /** The same measurement in another environment. */
    public Measurement withEnvironment(Environment other) {
        return new Measurement(key, metrics, opsPerIteration, other, bytesCounted, sameForks);
    }

    /** The same measurement with other metrics. */
    public Measurement withMetrics(Map<Metric, Sample> other) {
        return new Measurement(key, other, opsPerIteration, environment, bytesCounted, sameForks);
    }

    /** The same measurement with other metrics, some of them measured in other forks. */
    public Measurement withMetricsOfOtherForks(Map<Metric, Sample> other) {
        return new Measurement(key, other, opsPerIteration, environment, bytesCounted, false);
    }

    public Optional<Sample> sample(Metric metric) {
        return Optional.ofNullable(metrics.get(metric));
    }
}
