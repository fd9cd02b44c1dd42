package dev.allocgate.core.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one benchmark measured: per-fork samples for each metric, the estimated number of
 * operations per measurement iteration (to bound JMH's own per-iteration allocation; NaN when
 * unknown) and the environment. Used for both current results and baseline entries.
 */
public record Measurement(BenchmarkKey key, Map<Metric, Sample> metrics, double opsPerIteration, Environment environment) {

    public Measurement {
        Objects.requireNonNull(key, "key");
        EnumMap<Metric, Sample> copy = new EnumMap<>(Metric.class);
        copy.putAll(metrics);
        metrics = Collections.unmodifiableMap(copy);
        environment = environment == null ? Environment.UNKNOWN : environment;
    }

    public Optional<Sample> sample(Metric metric) {
        return Optional.ofNullable(metrics.get(metric));
    }
}
