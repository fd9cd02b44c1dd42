package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Telling JMH's per-iteration share apart from the allocation per operation, on figures shaped as a fork of
 * corpus-benchmarks' SortBenchmarks measured them (JDK 17): 105,312 B per operation, 472 B per warmup round and in a
 * run's first measured iteration, 456 B in the later ones; rounds of 11 to 21 operations, iterations of about 300.
 */
class JmhShareTest {

    private static final double PER_OP = 105_312;

    private static double[] point(double ops, double share) {
        return new double[] {ops, PER_OP * ops + share};
    }

    private static final List<double[]> ROUNDS = List.of(point(11, 472), point(21, 472), point(12, 472));
    private static final List<double[]> MEASURED = List.of(point(310, 472), point(298, 456), point(305, 456));

    @Test
    void theShareOfAnExactBenchmarkIsFoundAndTakenOut() {
        double share = JmhShare.perIteration(ROUNDS, MEASURED);
        assertEquals(468, share, 8, "472 B in five of six points, 456 in two");
        double[] net = JmhShare.netPerOperation(MEASURED, share);
        for (double v : net) {
            assertEquals(PER_OP, v, 0.06, "within 16 B over about 300 operations");
        }
        double gross = MEASURED.get(1)[1] / MEASURED.get(1)[0];
        assertTrue(gross - PER_OP > 1.5, "with the share in it, the figure reads " + gross);
    }

    @Test
    void measurementsSlowerThanTheWarmupWork()  {
        // object counting slows the measured iterations: rounds of thousands of operations, iterations of hundreds
        List<double[]> rounds = List.of(point(2579, 472), point(3858, 472), point(4919, 472));
        List<double[]> measured = List.of(point(152, 472), point(301, 456), point(280, 456));
        double share = JmhShare.perIteration(rounds, measured);
        assertEquals(466, share, 10);
    }

    @Test
    void anAllocationFreeBenchmarkNetsToZeroNeverBelow() {
        List<double[]> rounds = List.of(new double[] {50, 472}, new double[] {48, 472}, new double[] {51, 472});
        List<double[]> measured = List.of(new double[] {1000, 472}, new double[] {990, 456});
        double share = JmhShare.perIteration(rounds, measured);
        assertArrayEquals(new double[] {0, 0}, JmhShare.netPerOperation(measured, share), 0.001);
        for (double v : JmhShare.netPerOperation(measured, share)) {
            assertTrue(v >= 0);
        }
    }

    @Test
    void iterationSetUpAllocationIsPartOfTheShare() {
        // a @Setup(Level.Iteration) that allocates a 4 KB block each iteration (SnapshotBenchmarks)
        List<double[]> rounds = List.of(point(10, 472 + 4112), point(12, 472 + 4112), point(11, 472 + 4112));
        List<double[]> measured = List.of(point(200, 472 + 4112), point(205, 456 + 4112));
        assertEquals(472 + 4112, JmhShare.perIteration(rounds, measured), 10);
    }

    @Test
    void onePointOffTheLineIsLeftOut() {
        // Sort's warmup once read 11,168 B over 10 operations beyond the line: a deoptimisation's allocation
        List<double[]> rounds = List.of(point(11, 472), point(10, 11_168), point(12, 472));
        assertEquals(468, JmhShare.perIteration(rounds, MEASURED), 8);
        List<double[]> measured = List.of(point(310, 472), point(298, 456 + 9000), point(305, 456));
        assertEquals(468, JmhShare.perIteration(ROUNDS, measured), 8);
    }

    @Test
    void pointsOffTheLineLeaveTheShareUnknown() {
        // per-operation allocation that varies (a collection growing from iteration to iteration): no line
        List<double[]> rounds = List.of(point(11, 472), point(21, 472 + 5000), point(12, 472 + 2500));
        assertTrue(Double.isNaN(JmhShare.perIteration(rounds, MEASURED)));
        // measured iterations whose allocation jumps by 1 KB from one to the next
        List<double[]> jumping = new ArrayList<>();
        List.of(point(310, 472), point(298, 456), point(305, 456), point(301, 456))
                .forEach(p -> jumping.add(new double[] {p[0], p[1] + 1024 * (jumping.size() % 2)}));
        assertTrue(Double.isNaN(JmhShare.perIteration(ROUNDS, jumping)));
    }

    @Test
    void aLoadedMachinesCloserRoundsAndIterationsStillDetermineTheLine() {
        // JsonParse records=20 at load 5 (JDK 17): 20,032 B per operation; rounds of 2 to 4 thousand operations,
        // iterations of 300 to 800, ratios of 5 to 7; one round carrying 11 KB more, once (most likely the JIT
        // recompiling)
        double perOp = 20_032;
        List<double[]> rounds = List.of(new double[] {2174, 2174 * perOp + 472},
                new double[] {2733, 2733 * perOp + 616}, new double[] {4114, 4114 * perOp + 11_432});
        List<double[]> measured = List.of(new double[] {302, 302 * perOp + 472}, new double[] {387, 387 * perOp + 456},
                new double[] {377, 377 * perOp + 456});
        double share = JmhShare.perIteration(rounds, measured);
        for (double v : JmhShare.netPerOperation(measured, share)) {
            assertEquals(perOp, v, 0.5, "share " + share);
        }
        List<double[]> later = List.of(new double[] {548, 548 * perOp + 472}, new double[] {800, 800 * perOp + 456},
                new double[] {483, 483 * perOp + 456});
        List<double[]> laterRounds = List.of(new double[] {2800, 2800 * perOp + 472},
                new double[] {3199, 3199 * perOp + 616}, new double[] {3228, 3228 * perOp + 472});
        assertEquals(460, JmhShare.perIteration(laterRounds, later), 40, "a ratio of 5");
    }

    @Test
    void roundsAndIterationsOfAboutTheSameLengthLeaveTheShareUnknown() {
        List<double[]> rounds = List.of(point(4000, 472), point(4100, 472), point(3900, 472));
        List<double[]> measured = List.of(point(4096, 472), point(4200, 456));
        assertTrue(Double.isNaN(JmhShare.perIteration(rounds, measured)), "the line is not determined well enough");
    }

    @Test
    void anImplausibleShareIsNotBelieved() {
        List<double[]> rounds = List.of(point(10, 200_000), point(10, 200_000), point(10, 200_000));
        List<double[]> measured = List.of(point(300, 200_000), point(300, 200_000));
        assertTrue(Double.isNaN(JmhShare.perIteration(rounds, measured)), "more than " + JmhShare.MAX_SHARE_BYTES);
        List<double[]> negative = List.of(point(10, -1000), point(11, -1000), point(10, -1000));
        assertTrue(Double.isNaN(JmhShare.perIteration(negative, List.of(point(300, -1000)))));
        assertTrue(Double.isNaN(JmhShare.perIteration(List.of(), MEASURED)));
        assertTrue(Double.isNaN(JmhShare.perIteration(List.of(new double[] {10, Double.NaN}), MEASURED)),
                "no worker bytes in a round");
    }
}
