package dev.allocgate.core.workflow;

import dev.allocgate.core.env.JvmArgsFlags;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A warning for the report when fields of the JVM fingerprint that decide bytes per op (GC, object layout,
 * JDK, vendor, architecture) are unknown for the current run or its baselines, so they were not compared:
 * a run on another GC or layout would otherwise pass without a word.
 */
final class UncomparedEnvironment {

    private UncomparedEnvironment() {
    }

    /**
     * At most one warning: which fields were not compared, for how many benchmarks, why ({@code why}) and what
     * to do ({@code fix}).
     */
    static List<String> warnings(List<Measurement> current, Map<BenchmarkKey, Measurement> baselines, String why,
                                 String fix) {
        Set<String> fields = new LinkedHashSet<>();
        int affected = 0;
        int compared = 0;
        for (Measurement m : current) {
            Measurement base = baselines.get(m.key());
            if (base == null) {
                continue;
            }
            compared++;
            List<String> uncompared = JvmArgsFlags.uncompared(m.environment(), base.environment());
            if (!uncompared.isEmpty()) {
                affected++;
                fields.addAll(uncompared);
            }
        }
        if (fields.isEmpty()) {
            return List.of();
        }
        return List.of("JVM environment not compared for " + affected + " of " + compared + " benchmarks: "
                + String.join(", ", fields) + " unknown (" + why + "). A run on another JDK release or object layout than the"
                + " baselines' would pass unnoticed; " + fix + ".");
    }
}
