package dev.allocgate.core.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one benchmark measured: per-fork samples for each metric, the number of operations per
 * measurement iteration and benchmark thread, the fewest of any iteration (to bound JMH's own
 * per-iteration allocation, which comes per thread; NaN when unknown; baselines recorded by earlier
 * versions hold all threads' operations, which bounds that share less tightly), the environment, and whether
 * bytes/op counts the benchmark's own threads only (allocgate's worker-bytes profiler, where JMH allocates far less
 * per iteration than over all threads).
 * Used for both current results and baseline entries.
 */
public record Measurement(BenchmarkKey key, Map<Metric, Sample> metrics, double opsPerIteration, Environment environment,
                          boolean benchmarkThreadBytes) {

    /** A measurement whose bytes/op, if any, counts every thread of the benchmark JVM. */
    public Measurement(BenchmarkKey key, Map<Metric, Sample> metrics, double opsPerIteration, Environment environment) {
        this(key, metrics, opsPerIteration, environment, false);
    }

    public Measurement {
        Objects.requireNonNull(key, "key");
        EnumMap<Metric, Sample> copy = new EnumMap<>(Metric.class);
        copy.putAll(metrics);
        metrics = Collections.unmodifiableMap(copy);
        environment = environment == null ? Environment.UNKNOWN : environment;
    }

    /** The same measurement in another environment. */
    public Measurement withEnvironment(Environment other) {
        return new Measurement(key, metrics, opsPerIteration, other, benchmarkThreadBytes);
    }

    /** The same measurement with other metrics. */
    public Measurement withMetrics(Map<Metric, Sample> other) {
        return new Measurement(key, other, opsPerIteration, environment, benchmarkThreadBytes);
    }

    public Optional<Sample> sample(Metric metric) {
        return Optional.ofNullable(metrics.get(metric));
    }
}
