package dev.allocgate.core.gate;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.policy.EffectivePolicy;

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
 * @param policy                   the rule and budget this benchmark was judged by
 */
public record BenchmarkComparison(
        BenchmarkKey key,
        Verdict verdict,
        Map<Metric, MetricComparison> metrics,
        List<Environment.Difference> environmentDifferences,
        String note,
        EffectivePolicy policy) {

    /** A comparison judged by the run's settings alone. */
    public BenchmarkComparison(BenchmarkKey key, Verdict verdict, Map<Metric, MetricComparison> metrics,
                               List<Environment.Difference> environmentDifferences, String note) {
        this(key, verdict, metrics, environmentDifferences, note, EffectivePolicy.DEFAULT);
    }

    public BenchmarkComparison {
        policy = policy == null ? EffectivePolicy.DEFAULT : policy;
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
