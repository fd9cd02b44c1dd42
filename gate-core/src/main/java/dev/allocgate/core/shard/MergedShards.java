package dev.allocgate.core.shard;

import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.gate.FailedBenchmark;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.profile.Explanation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shards of one run, joined: the whole suite's measurements, failures and warnings, as one unsharded run
 * would have them, after checking that every shard is there exactly once and that all of them split the same suite.
 *
 * @param directories  the shards' output directories, in shard order
 * @param suite        every benchmark name
 * @param looks        the looks of the sequential design the shards ran
 * @param measurements every shard's measurements
 * @param failures     every shard's failures
 * @param warnings     the shards' run warnings, each once, in shard order
 * @param explanations every shard's explanations of the benchmarks it found regressed
 */
public record MergedShards(List<Path> directories, SortedSet<String> suite, int looks, List<Measurement> measurements,
                           List<FailedBenchmark> failures, List<String> warnings, List<Explanation> explanations) {

    /**
     * Reads {@link ShardResults#FILE} from each directory and joins them.
     *
     * @throws InvalidResultsException  if a shard file is missing or unreadable
     * @throws IllegalArgumentException if a shard is missing or given twice, or the shards split different suites
     */
    public static MergedShards read(List<Path> directories) throws InvalidResultsException {
        if (directories.isEmpty()) {
            throw new IllegalArgumentException("allocgate.shards names no directory: give the output directories of"
                    + " every shard, comma-separated (-Dallocgate.shards=shard-1,shard-2,...)");
        }
        Map<Integer, Path> byIndex = new TreeMap<>();
        Map<Integer, ShardResults> results = new TreeMap<>();
        ShardResults first = null;
        Path firstDir = null;
        for (Path dir : directories) {
            ShardResults r = ShardResults.read(dir);
            if (first == null) {
                first = r;
                firstDir = dir;
            } else if (r.shard().count() != first.shard().count()) {
                throw new IllegalArgumentException("the shards disagree on their number: " + firstDir + " holds shard "
                        + first.shard() + ", " + dir + " holds shard " + r.shard() + "; give the shards of one run");
            } else if (!r.suite().equals(first.suite()) || r.looks() != first.looks()) {
                throw new IllegalArgumentException("the shards in " + firstDir + " and " + dir + " split different"
                        + " suites (different benchmarks or settings): give the shards of one run, built from one commit");
            }
            Path twice = byIndex.putIfAbsent(r.shard().index(), dir);
            if (twice != null) {
                throw new IllegalArgumentException("shard " + r.shard() + " is given twice: " + twice + " and " + dir
                        + "; give each shard's output directory once");
            }
            results.put(r.shard().index(), r);
        }
        int count = first.shard().count();
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing from allocgate.shards (given: " + byIndex + "):"
                    + " every shard's output directory is needed, or the verdict would leave its benchmarks out");
        }
        SortedSet<String> covered = new TreeSet<>();
        List<Measurement> measurements = new ArrayList<>();
        List<FailedBenchmark> failures = new ArrayList<>();
        LinkedHashSet<String> warnings = new LinkedHashSet<>();
        List<Explanation> explanations = new ArrayList<>();
        for (ShardResults r : results.values()) {
            for (String name : r.selected()) {
                if (!covered.add(name)) {
                    throw new IllegalArgumentException(name + " was run by two shards; the shards were not split by one rule");
                }
            }
            measurements.addAll(r.measurements());
            failures.addAll(r.failures());
            warnings.addAll(r.warnings());
            explanations.addAll(r.explanations());
        }
        if (!covered.equals(first.suite())) {
            SortedSet<String> left = new TreeSet<>(first.suite());
            left.removeAll(covered);
            throw new IllegalArgumentException("no shard ran " + left + "; the shards were not split by one rule");
        }
        return new MergedShards(List.copyOf(byIndex.values()), first.suite(), first.looks(), measurements, failures,
                List.copyOf(warnings), List.copyOf(explanations));
    }
}
