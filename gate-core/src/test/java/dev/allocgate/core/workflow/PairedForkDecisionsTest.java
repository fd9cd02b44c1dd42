package dev.allocgate.core.workflow;

import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.run.AdaptiveRunner.Decision;
import dev.allocgate.core.run.ForkPlan;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How many forks each side of a base-vs-PR check gets, with the default plan. */
class PairedForkDecisionsTest {
    private static final ForkPlan PLAN = ForkPlan.defaults();
    private static final BenchmarkKey KEY = BenchmarkKey.of("a.B.c", "avgt", new java.util.TreeMap<>());

    private static Measurement forks(double bytes, double objects, int n) {
        double[] b = new double[n];
        double[] o = new double[n];
        Arrays.fill(b, bytes);
        Arrays.fill(o, objects);
        Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
        metrics.put(Metric.BYTES_PER_OP, Sample.of(b));
        metrics.put(Metric.OBJECTS_PER_OP, Sample.of(o));
        return new Measurement(KEY, metrics, 100_000, Environment.UNKNOWN);
    }

    private static Decision decide(Measurement base, Measurement current) {
        return new PairedForkDecisions(new Gate(GateSettings.defaults()), PLAN, 2).decide(base, current);
    }

    @Test
    void agreeingSidesGetAsManyForksAsARecordedBaselineAndACheckTogether() {
        assertEquals(3, PairedForkDecisions.agreeingForks(PLAN)); // (5 + 1) / 2
        Decision first = decide(forks(32, 1, 1), forks(32, 1, 1));
        assertEquals(2, first.moreForks(), first.reason());
        assertEquals(0, decide(forks(32, 1, 3), forks(32, 1, 3)).moreForks());
    }

    @Test
    void aChangeOfAConstantAllocationIsConfirmedOnBothSides() {
        Decision d = decide(forks(0, 0, 3), forks(16, 1, 3));
        assertEquals(PLAN.confirmForks() - 3, d.moreForks(), d.reason());
        assertTrue(d.reason().contains("confirming"), d.reason());
        assertEquals(0, decide(forks(0, 0, 8), forks(16, 1, 8)).moreForks(), "confirmed in 8 forks of each side");
    }

    @Test
    void neitherSideGetsMoreThanMaxForks() {
        Decision d = decide(forks(0, 0, PLAN.maxForks()), forks(16, 1, PLAN.maxForks()));
        assertEquals(0, d.moreForks(), d.reason());
    }
}
