package dev.allocgate.core.gate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the gate decided in one run, the single source for every output format.
 *
 * @param passed      whether the gate passed
 * @param benchmarks  per-benchmark verdicts, sorted by key
 * @param warnings    things the user should know that did not fail the gate
 * @param settings    the settings the verdicts were made with
 * @param baselineSource where the baseline came from (a directory or a JMH file), for the reader
 */
public record GateReport(boolean passed, List<BenchmarkComparison> benchmarks, List<String> warnings,
                         GateSettings settings, String baselineSource) {

    public GateReport {
        benchmarks = List.copyOf(benchmarks);
        warnings = List.copyOf(warnings);
    }

    /** The benchmarks whose verdict fails the gate under these settings. */
    public List<BenchmarkComparison> failing() {
        return benchmarks.stream().filter(settings::fails).toList();
    }

    /** How many benchmarks got each verdict, in verdict order. */
    public Map<Verdict, Long> counts() {
        Map<Verdict, Long> counts = new TreeMap<>();
        for (BenchmarkComparison b : benchmarks) {
            counts.merge(b.verdict(), 1L, Long::sum);
        }
        return counts;
    }
}
