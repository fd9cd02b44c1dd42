package dev.allocgate.core.policy;

import dev.allocgate.core.model.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyTest {
    private static final double UNSET = Double.NaN;

    static PolicyRule rule(int n, String pattern, String params) {
        return PolicyRule.of(n, pattern, params, UNSET, UNSET, UNSET, UNSET, false, false, false);
    }

    @Test
    void firstMatchingRuleWinsAndParamsNarrowIt(@TempDir Path dir) throws Exception {
        CompiledBenchmarks c = Compiled.of(dir, Map.of("p/Codec.java", CompiledBenchmarksTest.CODEC));
        PolicyRule small = PolicyRule.of(1, "p.Codec.copy", "size=10", 5, UNSET, UNSET, UNSET, false, false, false);
        PolicyRule info = PolicyRule.of(2, "p.Codec.*", "", UNSET, 100, UNSET, UNSET, true, false, false);
        Policy policy = Policy.of(List.of(small, info), c);

        EffectivePolicy p10 = policy.resolve("p.Codec.copy", Map.of("size", "10", "mode", "fresh"));
        assertEquals(small, p10.rule());
        assertEquals(5, p10.relativePercent(Metric.BYTES_PER_OP, 1));
        assertEquals(4, p10.absolute(Metric.BYTES_PER_OP, 4), "unset parts are the run's");
        EffectivePolicy p1000 = policy.resolve("p.Codec.copy", Map.of("size", "1000", "mode", "fresh"));
        assertEquals(info, p1000.rule());
        assertTrue(p1000.informational());
        assertEquals(100, p1000.absolute(Metric.BYTES_PER_OP, 4));
        assertTrue(p1000.describe().startsWith("rule 2 (p.Codec.*): informational, threshold bytesPerOp 100 B/op; budget 16064 B/op"),
                p1000.describe());
        assertNull(Policy.of(List.of(info), c).resolve("x.Other.m", Map.of()).rule());
        assertEquals(EffectivePolicy.DEFAULT, Policy.NONE.resolve("x.Other.m", Map.of()));
    }

    @Test
    void globMatchesTheWholeNameWithStarAcrossDots() {
        PolicyRule r = rule(1, "com.acme.*Codec.enc?de", "");
        assertTrue(r.matchesName("com.acme.json.JsonCodec.encode"));
        assertFalse(r.matchesName("com.acme.json.JsonCodec.encoder"), "anchored at the end");
        assertFalse(r.matchesName("xcom.acme.JsonCodec.encode"), "anchored at the start");
        assertFalse(r.matchesName("comXacme.JsonCodec.encode"), "a dot is a dot");
        assertTrue("com.acme.a.Codec.encode".matches(r.anchoredRegex()));
    }

    @Test
    void badRulesFailBeforeAnythingRunsNamingTheRuleAndTheFix(@TempDir Path dir) throws Exception {
        CompiledBenchmarks c = Compiled.of(dir, Map.of("p/Codec.java", CompiledBenchmarksTest.CODEC));
        PolicyException e = assertThrows(PolicyException.class, () -> Policy.of(List.of(rule(1, "p.Codec.*", ""),
                rule(2, "com.acme.*", ""), rule(3, "p.Codec.copy", "sise=10"), rule(4, "p.Codec.copy", "size=11")), c));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("rule 2 (com.acme.*) matches no benchmark of the 5 compiled here"), e.getMessage());
        assertTrue(e.problems().get(1).contains("rule 3 (p.Codec.copy, sise=10) names @Param 'sise', which no @Param field declares"),
                e.getMessage());
        assertTrue(e.problems().get(2).contains("names size=11, but @Param 'size' declares only 10, 1000"), e.getMessage());

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> PolicyRule.of(5, "p.*", "", -1, UNSET, UNSET, UNSET, false, false, false));
        assertEquals("rule 5 ('p.*'): thresholdPercent must be a finite number >= 0, not -1.0", negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicyRule.of(6, " ", "", UNSET, UNSET, UNSET, UNSET, false, false, false));
        IllegalArgumentException ignoreSome = assertThrows(IllegalArgumentException.class,
                () -> PolicyRule.of(7, "p.*", "size=10", UNSET, UNSET, UNSET, UNSET, false, false, true));
        assertTrue(ignoreSome.getMessage().contains("make it informational for those values"), ignoreSome.getMessage());
    }

    @Test
    void ignoredBenchmarksAreThoseWhoseFirstMatchingRuleIgnoresThem(@TempDir Path dir) throws Exception {
        CompiledBenchmarks c = Compiled.of(dir, Map.of("p/Codec.java", CompiledBenchmarksTest.CODEC));
        Policy policy = Policy.of(List.of(PolicyRule.of(1, "p.Codec.encode", "", UNSET, UNSET, UNSET, UNSET, true, false, false),
                PolicyRule.of(2, "p.Codec.*", "", UNSET, UNSET, UNSET, UNSET, false, false, true)), c);
        assertFalse(policy.ignores("p.Codec.encode"));
        assertTrue(policy.ignores("p.Codec.copy"));
        List<String> excluded = policy.ignoredRegexes(c.benchmarks());
        assertEquals(4, excluded.size(), excluded.toString());
        assertFalse(excluded.stream().anyMatch("p.Codec.encode"::matches));
        assertTrue(excluded.stream().anyMatch("p.Codec.Inner.nested"::matches));
        assertEquals(List.of("rule 1 (p.Codec.encode): informational", "budget @AllocationBudget(bytesPerOp = 0, objectsPerOp = 0)"
                + " on p.Codec.encode", "budget @AllocationBudget(bytesPerOp = 1024) on p.Codec"), policy.explain("p.Codec.encode"));
    }
}
