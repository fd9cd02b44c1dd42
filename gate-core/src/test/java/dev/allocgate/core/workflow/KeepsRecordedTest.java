package dev.allocgate.core.workflow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which recorded baseline entry {@code record} keeps. */
class KeepsRecordedTest {
    private static final BenchmarkKey KEY = BenchmarkKey.of("a.B.c", "avgt", Map.of());
    private static final Gate GATE = new Gate(GateSettings.defaults());

    private static Measurement bytes(double... values) {
        return new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(values)), 1e6, Environment.UNKNOWN);
    }

    private static boolean keeps(Measurement old, Measurement recorded) {
        BenchmarkComparison c = GATE.compare(List.of(recorded), Map.of(KEY, old), n -> true, List.of(), "t").benchmarks().get(0);
        return GateWorkflow.keepsRecorded(GATE, old, recorded, c);
    }

    @Test
    void anUnchangedEntryKeepsItsForks() {
        assertTrue(keeps(bytes(16, 16, 16, 16, 16), bytes(16, 16, 16, 16, 16)));
    }

    @Test
    void bytesNetOfJmhsShareReplaceAnEntryThatHoldsTheShare() {
        Measurement gross = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(105313.3, 105313.2, 105313.4)), 250,
                Environment.UNKNOWN, Measurement.BytesCounted.BENCHMARK_THREADS);
        Measurement net = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(105312, 105312, 105312)), 250,
                Environment.UNKNOWN, Measurement.BytesCounted.BENCHMARK_THREADS_NET);
        assertFalse(keeps(gross, net), "the net figures are recorded although they compare UNCHANGED");
        assertTrue(keeps(net, gross), "a net entry is not given up for gross figures that compare UNCHANGED");
        assertTrue(keeps(net, net));
    }

    @Test
    void aTwoLevelEntryIsNotReplacedByForksThatAllHitOneOfItsLevels() {
        Measurement old = bytes(160, 160, 184, 160, 160, 184, 160, 160, 160, 184, 160, 160, 160, 160, 184, 160);
        Measurement allLow = bytes(160, 160, 160, 160, 160, 160, 160, 160, 160, 160, 160, 160, 160, 160, 160, 160);
        assertTrue(keeps(old, allLow));
        assertFalse(keeps(old, bytes(200, 200, 200, 200, 200)), "a constant outside the old levels is a change");
    }

    @Test
    void aConstantEntryIsReplacedByForksThatShowAnotherLevel() {
        // The new forks' mean is lower, so they compare UNCHANGED, but they show the level the old five missed.
        Measurement old = bytes(184, 184, 184, 184, 184);
        assertFalse(keeps(old, bytes(160, 184, 160, 184, 160, 160, 184, 160, 160, 160, 184, 160, 160, 184, 160, 160)));
    }
}
