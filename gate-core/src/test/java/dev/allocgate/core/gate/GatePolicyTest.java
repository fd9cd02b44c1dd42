package dev.allocgate.core.gate;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.policy.Budget;
import dev.allocgate.core.policy.Policy;
import dev.allocgate.core.policy.PolicyRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.allocgate.core.gate.GateTest.compare;
import static dev.allocgate.core.gate.GateTest.index;
import static dev.allocgate.core.gate.GateTest.m;
import static dev.allocgate.core.gate.GateTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatePolicyTest {
    private static final double UNSET = Double.NaN;

    static GateSettings withBudget(String benchmark, double bytes) {
        TreeMap<String, List<Budget>> budgets = new TreeMap<>();
        budgets.put(benchmark, List.of(new Budget(benchmark, new TreeMap<>(), "", bytes, UNSET, 0, 0)));
        return GateSettings.defaults().withPolicy(new Policy(List.of(), budgets));
    }

    static GateSettings withRules(PolicyRule... rules) {
        return GateSettings.defaults().withPolicy(new Policy(List.of(rules), new TreeMap<>()));
    }

    @Test
    void aBudgetFailsANewBenchmarkWithoutAnyBaseline() {
        GateReport r = compare(withBudget("a.B.x", 0), List.of(m("a.B.x", 24, 24, 24)), Map.of());
        BenchmarkComparison b = only(r);
        assertEquals(Verdict.OVER_BUDGET, b.verdict());
        assertEquals(Verdict.OVER_BUDGET, b.metric(Metric.BYTES_PER_OP).verdict());
        assertTrue(b.note().startsWith("bytesPerOp 24.00 B/op is over its budget of 0 B/op"), b.note());
        assertFalse(r.passed());
        assertEquals("budget", b.policy().source());
    }

    @Test
    void anAllocationFreeBudgetHoldsOnNoise() {
        GateReport r = compare(withBudget("a.B.x", 0), List.of(m("a.B.x", 1e-5, 2e-5, 0)), Map.of());
        assertEquals(Verdict.NEW, only(r).verdict());
        assertTrue(r.passed());
    }

    @Test
    void aBudgetWinsOverAnUnchangedBaselineAndLeavesOthersAlone() {
        GateReport r = compare(withBudget("a.B.x", 16), List.of(m("a.B.x", 32, 32, 32), m("a.B.y", 32, 32, 32)),
                index(m("a.B.x", 32, 32, 32), m("a.B.y", 32, 32, 32)));
        assertEquals(Verdict.OVER_BUDGET, r.benchmarks().get(0).verdict());
        assertEquals(Verdict.UNCHANGED, r.benchmarks().get(1).verdict());
        assertEquals(1, r.failing().size());
    }

    @Test
    void aBudgetOnObjectsThisRunDidNotCountIsAWarningNotAPass() {
        TreeMap<String, List<Budget>> budgets = new TreeMap<>();
        budgets.put("a.B.x", List.of(new Budget("a.B.x", new TreeMap<>(), "", UNSET, 0, 0, 0)));
        GateReport r = compare(GateSettings.defaults().withPolicy(new Policy(List.of(), budgets)),
                List.of(m("a.B.x", 8, 8, 8)), Map.of());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("its budget on objectsPerOp was not checked")), r.warnings().toString());
    }

    @Test
    void anInformationalBenchmarkRegressesWithoutFailing() {
        GateSettings settings = withRules(PolicyRule.of(1, "a.B.warm*", "", UNSET, UNSET, UNSET, UNSET, true, false, false));
        GateReport r = compare(settings, List.of(m("a.B.warmup", 64, 64, 64), m("a.B.hot", 16, 16, 16)),
                index(m("a.B.warmup", 16, 16, 16), m("a.B.hot", 16, 16, 16)));
        BenchmarkComparison warm = r.benchmarks().stream().filter(b -> b.key().benchmark().equals("a.B.warmup")).findFirst().orElseThrow();
        assertEquals(Verdict.REGRESSED, warm.verdict(), "reported as it is");
        assertTrue(warm.policy().informational());
        assertFalse(settings.fails(warm));
        assertTrue(r.passed());
        assertTrue(r.failing().isEmpty());
        assertEquals(List.of("a.B.warmup [avgt] REGRESSED, but it is informational (rule 1 (a.B.warm*)): reported, never failing"),
                r.warnings());
    }

    @Test
    void aRuleThresholdReplacesTheRunsForItsBenchmarksOnly() {
        GateSettings settings = withRules(PolicyRule.of(1, "a.B.parse", "", 50, UNSET, UNSET, UNSET, false, false, false));
        GateReport r = compare(settings, List.of(m("a.B.parse", 120, 120, 120), m("a.B.other", 120, 120, 120)),
                index(m("a.B.parse", 100, 100, 100), m("a.B.other", 100, 100, 100)));
        assertEquals(Verdict.REGRESSED, r.benchmarks().get(0).verdict(), "a.B.other: the run's 1 %");
        assertEquals(Verdict.UNCHANGED, r.benchmarks().get(1).verdict(), "a.B.parse: 20 % is within the rule's 50 %");
        assertEquals(50.0, r.benchmarks().get(1).metric(Metric.BYTES_PER_OP).allowedChange(), 0.01, "50 % of 100 B, plus JMH's own allocation per operation");
    }

    @Test
    void aBenchmarkThatMayBeRemovedIsRemovedNotMissing() {
        GateSettings settings = withRules(PolicyRule.of(1, "a.B.old*", "", UNSET, UNSET, UNSET, UNSET, false, true, false));
        GateReport r = compare(settings, List.of(m("a.B.x", 8, 8, 8)), index(m("a.B.x", 8, 8, 8), m("a.B.oldOne", 8, 8, 8)));
        assertEquals(Verdict.REMOVED, r.benchmarks().get(0).verdict());
        assertTrue(r.passed());
    }

    @Test
    void rulesMatchParamsToo() {
        GateSettings settings = withRules(PolicyRule.of(1, "a.B.x", "size=1000", UNSET, UNSET, UNSET, UNSET, true, false, false));
        Measurement big = new Measurement(BenchmarkKey.of("a.B.x", "avgt", Map.of("size", "1000")),
                Map.of(Metric.BYTES_PER_OP, Sample.of(64, 64, 64)), 5_000_000, m("a.B.x", 1).environment());
        Measurement small = new Measurement(BenchmarkKey.of("a.B.x", "avgt", Map.of("size", "10")),
                Map.of(Metric.BYTES_PER_OP, Sample.of(64, 64, 64)), 5_000_000, m("a.B.x", 1).environment());
        Measurement bigBase = new Measurement(big.key(), Map.of(Metric.BYTES_PER_OP, Sample.of(16, 16, 16)), 5_000_000, big.environment());
        Measurement smallBase = new Measurement(small.key(), Map.of(Metric.BYTES_PER_OP, Sample.of(16, 16, 16)), 5_000_000, big.environment());
        GateReport r = compare(settings, List.of(big, small), index(bigBase, smallBase));
        assertEquals(1, r.failing().size());
        assertEquals("10", r.failing().get(0).key().params().get("size"));
    }
}
