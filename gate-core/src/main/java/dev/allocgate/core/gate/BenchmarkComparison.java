package dev.allocgate.core.gate;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Metric;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict for one benchmark key, with every metric's comparison.
 *
 * @param key                      benchmark, mode and params
 * @param verdict                  the benchmark's overall verdict (the worst of its gated metrics, or
 *                                 NEW / MISSING / FAILED / ENVIRONMENT_MISMATCH)
 * @param metrics                  per-metric comparisons
 * @param environmentDifferences   how the baseline's JVM differs from the current one
 * @param note                     what happened, for FAILED and mismatches; empty otherwise
 */
public record BenchmarkComparison(
        BenchmarkKey key,
        Verdict verdict,
        Map<Metric, MetricComparison> metrics,
        List<Environment.Difference> environmentDifferences,
        String note) {

    public BenchmarkComparison {
        EnumMap<Metric, MetricComparison> copy = new EnumMap<>(Metric.class);
        copy.putAll(metrics);
        metrics = Collections.unmodifiableMap(copy);
        environmentDifferences = List.copyOf(environmentDifferences);
        note = note == null ? "" : note;
    }

    public MetricComparison metric(Metric metric) {
        return metrics.get(metric);
    }
}
