package dev.allocgate.core.workflow;

import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A warning for the report when a gated metric is in the baselines but this run did not measure it: the
 * gate shows it as "not measured in this run" and decides on the other metrics, which must not go unnoticed.
 */
final class LostMetrics {

    private static final int NAMED = 3;

    private LostMetrics() {
    }

    static List<String> warnings(List<Measurement> current, Map<BenchmarkKey, Measurement> baselines, GateSettings settings) {
        List<String> out = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            if (!settings.isGated(metric)) {
                continue;
            }
            List<String> lost = new ArrayList<>();
            for (Measurement m : current) {
                Measurement base = baselines.get(m.key());
                if (base != null && base.sample(metric).isPresent() && m.sample(metric).isEmpty()) {
                    lost.add(m.key().toString());
                }
            }
            if (!lost.isEmpty()) {
                out.add(metric.unit() + " is gated and in the baselines of " + lost.size() + " benchmark(s) this run did"
                        + " not measure it for (" + String.join(", ", lost.subList(0, Math.min(NAMED, lost.size())))
                        + (lost.size() > NAMED ? ", …" : "") + "): they were judged without it. Measure it"
                        + (metric == Metric.OBJECTS_PER_OP ? " (allocgate.objects=true, on a platform with allocgate's"
                        + " native agent; for compare, results of a run with allocgate's objects/op profiler)" : "")
                        + ", or record the baselines again without it.");
            }
        }
        return out;
    }
}
