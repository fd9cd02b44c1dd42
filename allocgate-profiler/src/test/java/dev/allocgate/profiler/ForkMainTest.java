package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForkMainTest {
    private static final String STUB = "dev.allocgate.samples.jmh_generated.StringBenchmarks_stringBuilder_jmhTest."
            + "stringBuilder_avgt_jmhStub(Lorg/openjdk/jmh/runner/InfraControl;)V [0x1, 0x2 - 0x3]";
    private static final String BENCHMARK = "dev.allocgate.samples.StringBenchmarks.stringBuilder";

    @Test
    void theLoopCountsAsCompiledOnlyWithAnInUseTier4Method() {
        String others = "444 4 0 java.lang.AbstractStringBuilder.ensureCapacityInternal(I)V [0x1]\n";
        assertTrue(ForkMain.stubCompiledByC2(others + "477 4 0 " + STUB + "\n", BENCHMARK, "avgt"));
        assertFalse(ForkMain.stubCompiledByC2(others + "470 3 0 " + STUB + "\n", BENCHMARK, "avgt"), "C1 only");
        assertFalse(ForkMain.stubCompiledByC2(others + "477 4 2 " + STUB + "\n", BENCHMARK, "avgt"), "not entrant");
        assertFalse(ForkMain.stubCompiledByC2(others + "477 4 0 " + STUB + "\n", BENCHMARK, "thrpt"), "another mode's loop");
        assertFalse(ForkMain.stubCompiledByC2(others, BENCHMARK, "avgt"));
    }

    @Test
    void roundsSettleWhenTheLastOnesAgree() {
        List<double[]> rounds = new ArrayList<>(List.of(new double[] {97.9, 2.8}, new double[] {64.01, 2.0},
                new double[] {64.02, 2.0}));
        assertFalse(ForkMain.settled(rounds, 3));
        rounds.add(new double[] {64.015, 2.0001});
        assertTrue(ForkMain.settled(rounds, 3));
        rounds.add(new double[] {64.0, 2.1});
        assertFalse(ForkMain.settled(rounds, 3), "objects/op moved by more than 0.02");
        assertTrue(ForkMain.settled(List.of(new double[] {0, Double.NaN}, new double[] {0.3, Double.NaN}), 2),
                "a metric that is not counted does not decide");
    }
}
