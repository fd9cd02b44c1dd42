package dev.allocgate.core.gate;

import dev.allocgate.core.profile.Explanation;
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
 * @param explanations   allocation profiles of benchmarks whose allocation changed (what grew, where), sorted by key
 * @param baselineMeasured whether the baseline side was measured in this run (a base-vs-PR check against a git
 *                         revision) rather than read from recorded baselines: then there is nothing to record
 */
public record GateReport(boolean passed, List<BenchmarkComparison> benchmarks, List<String> warnings,
                         GateSettings settings, String baselineSource, List<Explanation> explanations,
                         boolean baselineMeasured) {

    public GateReport {
        benchmarks = List.copyOf(benchmarks);
        warnings = List.copyOf(warnings);
        explanations = explanations.stream().sorted(java.util.Comparator.comparing(Explanation::key)).toList();
    }

    /** A report against recorded baselines. */
    public GateReport(boolean passed, List<BenchmarkComparison> benchmarks, List<String> warnings,
                      GateSettings settings, String baselineSource, List<Explanation> explanations) {
        this(passed, benchmarks, warnings, settings, baselineSource, explanations, false);
    }

    /** A report without explanations. */
    public GateReport(boolean passed, List<BenchmarkComparison> benchmarks, List<String> warnings,
                      GateSettings settings, String baselineSource) {
        this(passed, benchmarks, warnings, settings, baselineSource, List.of());
    }

    /** This report with {@code added} explanations. */
    public GateReport withExplanations(List<Explanation> added) {
        List<Explanation> all = new java.util.ArrayList<>(explanations);
        all.addAll(added);
        return new GateReport(passed, benchmarks, warnings, settings, baselineSource, all, baselineMeasured);
    }

    /** This report with its baseline side measured in this run, named {@code source}. */
    public GateReport withMeasuredBaseline(String source) {
        return new GateReport(passed, benchmarks, warnings, settings, source, explanations, true);
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
