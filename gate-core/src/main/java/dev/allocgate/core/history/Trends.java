package dev.allocgate.core.history;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.stats.Summary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each benchmark's values over the last runs of one environment, oldest first: what report.html draws. Runs of other
 * environments are left out (their bytes/op are not comparable).
 *
 * @param environment the environment whose runs these are
 * @param runs        how many runs of that environment the points come from
 * @param points      per benchmark key, one point per run that had the key
 */
public record Trends(String environment, int runs, Map<BenchmarkKey, List<Point>> points) {
    /** No history: report.html draws no trend. */
    public static final Trends NONE = new Trends("", 0, Map.of());
    /** How many of the latest runs a trend shows. */
    public static final int DEFAULT_RUNS = 60;

    public Trends {
        points = Map.copyOf(points);
    }

    /** One run's values of one benchmark. */
    public record Point(Instant date, String commit, double bytesPerOp, double objectsPerOp, String verdict) {
    }

    /** The trend of {@code key}, oldest first; empty without history. */
    public List<Point> of(BenchmarkKey key) {
        return points.getOrDefault(key, List.of());
    }

    /** The last {@code lastRuns} runs of {@code environment} in {@code runs}, oldest first. */
    public static Trends of(List<HistoryRun> runs, String environment, int lastRuns) {
        List<HistoryRun> mine = runs.stream().filter(r -> r.environment().equals(environment)).toList();
        mine = mine.subList(Math.max(0, mine.size() - lastRuns), mine.size());
        Map<BenchmarkKey, List<Point>> points = new HashMap<>();
        for (HistoryRun run : mine) {
            for (HistoryResult r : run.results()) {
                points.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(new Point(run.date(), run.commit(), r.bytesPerOp(), r.objectsPerOp(), r.verdict()));
            }
        }
        points.replaceAll((k, v) -> List.copyOf(v));
        return new Trends(environment, mine.size(), points);
    }

    /** The history entry of a gate run: each benchmark's current median per metric and its verdict. */
    public static HistoryRun run(GateReport report, Instant date, String commit, String environment) {
        List<HistoryResult> results = new ArrayList<>();
        for (BenchmarkComparison b : report.benchmarks()) {
            results.add(new HistoryResult(b.key(), current(b, Metric.BYTES_PER_OP), current(b, Metric.OBJECTS_PER_OP),
                    b.verdict().name()));
        }
        return new HistoryRun(date, commit, environment, results);
    }

    private static double current(BenchmarkComparison b, Metric metric) {
        MetricComparison m = b.metric(metric);
        Summary current = m == null ? null : m.current();
        return current == null ? Double.NaN : current.center();
    }
}
