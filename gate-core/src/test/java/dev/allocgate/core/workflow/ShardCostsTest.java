package dev.allocgate.core.workflow;

import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What sharding balances: expected forks times the recorded wall seconds of a fork, a typical fork where none is. */
class ShardCostsTest {

    private static Measurement entry(String name, double... bytes) {
        return new Measurement(BenchmarkKey.of(name, "avgt", Map.of()), Map.of(Metric.BYTES_PER_OP, Sample.of(bytes)),
                Double.NaN, Environment.UNKNOWN);
    }

    private static BaselineSet baselines(Map<String, Double> seconds) {
        Map<BenchmarkKey, Measurement> entries = new TreeMap<>();
        Map<BenchmarkKey, Path> sources = new TreeMap<>();
        for (Measurement m : List.of(entry("a.B.constant", 16, 16, 16, 16, 16), entry("a.B.varying", 10, 20, 30),
                entry("a.B.unrecorded", 0, 0, 0))) {
            entries.put(m.key(), m);
            sources.put(m.key(), Path.of("a.B.json"));
        }
        Map<BenchmarkKey, Double> forkSeconds = new TreeMap<>();
        seconds.forEach((name, s) -> forkSeconds.put(BenchmarkKey.of(name, "avgt", Map.of()), s));
        return new BaselineSet(entries, sources, true, Map.of(), forkSeconds);
    }

    @Test
    void recordedSecondsTimesExpectedForksAndTheMedianForkElsewhere() {
        BaselineSet baselines = baselines(Map.of("a.B.constant", 2.0, "a.B.varying", 4.0));
        Map<String, Integer> runs = Map.of("a.B.constant", 1, "a.B.varying", 1, "a.B.unrecorded", 1, "a.B.added", 4);
        // constant: decided at its first fork (1 x 2 s); varying: as many forks as its baseline holds (3 x 4 s);
        // unrecorded: 1 typical fork, the median recorded (3 s); added: 4 listed runs of a typical fork each.
        assertEquals(Map.of("a.B.constant", 2.0, "a.B.varying", 12.0, "a.B.unrecorded", 3.0, "a.B.added", 12.0),
                GateWorkflow.costs(baselines, GateSettings.defaults(), runs));
        // the same per baseline entry, by which a run starts its costliest benchmarks first
        assertEquals(Map.of(BenchmarkKey.of("a.B.constant", "avgt", Map.of()), 2.0,
                BenchmarkKey.of("a.B.varying", "avgt", Map.of()), 12.0,
                BenchmarkKey.of("a.B.unrecorded", "avgt", Map.of()), 3.0),
                GateWorkflow.entryCosts(baselines, GateSettings.defaults()));
    }

    @Test
    void withoutRecordedSecondsTheSuiteIsBalancedByForksAsBefore() {
        assertEquals(Map.of("a.B.constant", 1.0, "a.B.varying", 3.0, "a.B.unrecorded", 1.0, "a.B.added", 2.0),
                GateWorkflow.costs(baselines(Map.of()), GateSettings.defaults(), Map.of("a.B.added", 2)));
    }
}
