package dev.allocgate.core.run;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.profiler.ForkProtocol;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What forks could not do is said: a metric some forks lack is dropped when they are merged, and a JVM without a code
 * list cannot check C2's compilation, and a measurement the JIT kept changing or whose bytes/op kept JMH's share is
 * named.
 */
class ForkShortcomingsTest {

    private static final BenchmarkKey KEY = BenchmarkKey.of("a.B.x", "avgt", Map.of());

    private static AdaptiveRunner.ForkRun fork(int number, boolean withObjects) {
        AdaptiveRunner.ForkRun run = new AdaptiveRunner.ForkRun(null, number, Path.of("fork-" + number + ".json"), "",
                ForkProtocol.WarmupEnd.SETTLED, "");
        run.measurement = new Measurement(KEY, withObjects
                ? Map.of(Metric.BYTES_PER_OP, Sample.of(16), Metric.OBJECTS_PER_OP, Sample.of(1))
                : Map.of(Metric.BYTES_PER_OP, Sample.of(16)), 1000, Environment.UNKNOWN);
        return run;
    }

    @Test
    void aMetricOneForkLacksIsDroppedAndNamed() {
        List<AdaptiveRunner.ForkRun> forks = List.of(fork(1, true), fork(2, false), fork(3, true));

        assertFalse(AdaptiveRunner.merge(forks).sample(Metric.OBJECTS_PER_OP).isPresent());
        assertTrue(AdaptiveRunner.merge(forks).sample(Metric.BYTES_PER_OP).isPresent());
        assertEquals(List.of("a.B.x [avgt]: objects/op was measured in 2 of 3 forks only, so it was dropped for this"
                + " benchmark; the forks' output is in jmh-output.log"), AdaptiveRunner.droppedMetrics(KEY, forks));
    }

    /**
     * Bytes/op net of JMH's per-iteration share merge as net only when every fork has them, as the merged result file
     * reads; otherwise every fork's gross figure, never a mix of the two.
     */
    @Test
    void netBytesOfSomeForksMergeAsTheirGrossFigures() {
        AdaptiveRunner.ForkRun gross = fork(1, false);
        gross.measurement = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(105314.5)), 300,
                Environment.UNKNOWN, Measurement.BytesCounted.BENCHMARK_THREADS);
        AdaptiveRunner.ForkRun net = fork(2, false);
        net.measurement = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(105312)), 250,
                Environment.UNKNOWN, Measurement.BytesCounted.BENCHMARK_THREADS_NET);
        net.grossMeasurement = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(105313.8)), 250,
                Environment.UNKNOWN, Measurement.BytesCounted.BENCHMARK_THREADS);

        Measurement mixed = AdaptiveRunner.merge(List.of(gross, net));
        assertEquals(Measurement.BytesCounted.BENCHMARK_THREADS, mixed.bytesCounted());
        assertEquals(List.of(105314.5, 105313.8), toList(mixed.sample(Metric.BYTES_PER_OP).orElseThrow().values()));
        assertEquals(250, mixed.opsPerIteration());

        Measurement allNet = AdaptiveRunner.merge(List.of(net, net));
        assertEquals(Measurement.BytesCounted.BENCHMARK_THREADS_NET, allNet.bytesCounted());
        assertEquals(List.of(105312.0, 105312.0), toList(allNet.sample(Metric.BYTES_PER_OP).orElseThrow().values()));
    }

    private static List<Double> toList(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    @Test
    void aMetricNoForkMeasuredIsNotAWarning() {
        assertEquals(List.of(), AdaptiveRunner.droppedMetrics(KEY, List.of(fork(1, false), fork(2, false))));
        assertEquals(List.of(), AdaptiveRunner.droppedMetrics(KEY, List.of(fork(1, true), fork(2, true))));
    }

    @Test
    void forksThatCouldNotCheckC2AreNamed() {
        List<AdaptiveRunner.ForkRun> forks = List.of(fork(1, true), fork(2, true));
        assertEquals(List.of(), AdaptiveRunner.c2Unchecked(KEY, forks));
        forks.get(1).c2Unchecked = true;
        List<String> warnings = AdaptiveRunner.c2Unchecked(KEY, forks);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("a.B.x [avgt]: the benchmark JVM has no Compiler.codelist")
                && warnings.get(0).contains("1 of 2 fork(s) could not check that C2 had compiled"), warnings.get(0));
    }

    @Test
    void forksThatKeptJmhsShareInBytesWhileMostTookItOutAreNamedWithWhatItHides() {
        List<AdaptiveRunner.ForkRun> forks = List.of(fork(1, true), fork(2, true), fork(3, true));
        forks.get(0).gross = true;
        forks.get(1).gross = true;
        assertEquals(List.of(), AdaptiveRunner.grossBytes(KEY, forks), "no fork net: the benchmark's nature");
        forks.get(2).measurement = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(16)), 1000,
                Environment.UNKNOWN, Measurement.BytesCounted.BENCHMARK_THREADS_NET);
        assertEquals(List.of(), AdaptiveRunner.grossBytes(KEY, forks), "one net fork of three: still its nature");
        forks.get(1).gross = false;
        forks.get(1).measurement = forks.get(2).measurement;
        List<String> warnings = AdaptiveRunner.grossBytes(KEY, forks);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("a.B.x [avgt]: 1 of 3 fork(s) could not tell JMH's own allocation per"
                + " iteration apart from the benchmark's, as the others did"), warnings.get(0));
        assertTrue(warnings.get(0).contains("up to 1.0 B/op over 1000 operations per iteration")
                && warnings.get(0).endsWith("Record again on a quieter machine"), warnings.get(0));
        forks.forEach(f -> f.gross = false);
        assertEquals(List.of(), AdaptiveRunner.grossBytes(KEY, forks));
        assertTrue(ForkProtocol.Kind.GROSS.matches(ForkProtocol.Kind.GROSS.line("no exact line: rounds 10:100")));
    }

    @Test
    void forksWhoseMeasurementNeverSteadiedAreNamedAndRemeasuresAreShownInTheProgressLine() {
        List<AdaptiveRunner.ForkRun> forks = List.of(fork(1, true), fork(2, true), fork(3, true));
        assertEquals(List.of(), AdaptiveRunner.unsteady(KEY, forks));
        forks.get(2).steady = false;
        List<String> warnings = AdaptiveRunner.unsteady(KEY, forks);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("a.B.x [avgt]: in 1 of 3 fork(s) the measured iterations still"
                + " disagreed after 3 measurements"), warnings.get(0));

        assertEquals("warmup 4 rounds, 0.7 s, settled; iterations of 50 ms", AdaptiveRunner.describeWarmup(
                new ForkProtocol.Done(4, 700, ForkProtocol.WarmupEnd.SETTLED, 50, 900, false)));
        assertEquals("warmup 4 rounds, 0.7 s, settled; iterations of 50 ms; measured 2 times, as the iterations"
                + " disagreed", AdaptiveRunner.describeWarmup(new ForkProtocol.Done(4, 700, ForkProtocol.WarmupEnd.SETTLED, 50, 1100, false, 1, true)));
        assertEquals("warmup 4 rounds, 0.7 s, settled; iterations of 50 ms; measured 3 times, as the iterations"
                + " disagreed each time", AdaptiveRunner.describeWarmup(
                        new ForkProtocol.Done(4, 700, ForkProtocol.WarmupEnd.SETTLED, 50, 1300, false, 2, false)));
    }
}
