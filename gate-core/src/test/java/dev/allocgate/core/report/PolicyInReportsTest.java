package dev.allocgate.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.policy.Budget;
import dev.allocgate.core.policy.Policy;
import dev.allocgate.core.policy.PolicyRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every report says which rule or budget judged a benchmark, and an informational regression does not fail in any. */
class PolicyInReportsTest {

    static GateReport report() {
        TreeMap<String, List<Budget>> budgets = new TreeMap<>();
        budgets.put("com.acme.Codec.encode", List.of(new Budget("com.acme.Codec.encode", new TreeMap<>(), "", 0, Double.NaN, 0, 0)));
        Policy policy = new Policy(List.of(PolicyRule.of(1, "com.acme.Cache.warm*", "", Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, true, false, false)), budgets);
        List<Measurement> base = List.of(ReportFixtures.m("com.acme.Cache.warmup", Map.of(), 16, 16, 16),
                ReportFixtures.m("com.acme.Codec.plain", Map.of(), 8, 8, 8));
        List<Measurement> current = List.of(ReportFixtures.m("com.acme.Cache.warmup", Map.of(), 64, 64, 64),
                ReportFixtures.m("com.acme.Codec.plain", Map.of(), 8, 8, 8),
                ReportFixtures.m("com.acme.Codec.encode", Map.of(), 24, 24, 24));
        Map<dev.allocgate.core.model.BenchmarkKey, Measurement> index = new TreeMap<>();
        base.forEach(m -> index.put(m.key(), m));
        return new Gate(GateSettings.defaults().withPolicy(policy)).compare(current, index, BenchmarkFilter.ALL, List.of(), "b");
    }

    @Test
    void everyFormatNamesTheRuleAndTheBudget() throws Exception {
        GateReport report = report();
        assertFalse(report.passed(), "encode is over its budget");
        assertEquals(1, report.failing().size());

        String console = String.join("\n", new TextTableRenderer().render(report));
        assertTrue(console.contains("REGRESSED (informational)"), console);
        assertTrue(console.contains("OVER_BUDGET"), console);
        assertTrue(console.contains("Policy (2 with a rule or budget; the others: the run's settings):"), console);
        assertTrue(console.contains("Cache.warmup: rule 1 (com.acme.Cache.warm*): informational"), console);

        String md = new MarkdownRenderer().render(report);
        assertTrue(md.contains("Over budget (1)"), md);
        assertTrue(md.contains("| Codec.encode | - | budget 0 B/op (&#64;AllocationBudget(bytesPerOp = 0) on com.acme.Codec.encode) |"), md);

        JsonNode json = new ObjectMapper().readTree(new JsonReportWriter().render(report));
        JsonNode warmup = json.get("benchmarks").findParents("benchmark").stream()
                .filter(b -> b.get("benchmark").asText().endsWith("warmup")).findFirst().orElseThrow();
        assertEquals("REGRESSED", warmup.get("verdict").asText());
        assertFalse(warmup.get("fails").asBoolean());
        assertEquals(1, warmup.get("policy").get("rule").asInt());
        assertTrue(warmup.get("policy").get("informational").asBoolean());
        JsonNode encode = json.get("benchmarks").findParents("benchmark").stream()
                .filter(b -> b.get("benchmark").asText().endsWith("encode")).findFirst().orElseThrow();
        assertEquals(0.0, encode.get("policy").get("limits").get("bytesPerOp").asDouble());
        assertEquals("default", json.get("benchmarks").findParents("benchmark").stream()
                .filter(b -> b.get("benchmark").asText().endsWith("plain")).findFirst().orElseThrow()
                .get("policy").get("source").asText());

        String html = new HtmlReportRenderer().render(report);
        assertTrue(html.contains("policy: rule 1 (com.acme.Cache.warm*): informational"), html);

        String xml = new JUnitXmlReportWriter().render(report);
        assertTrue(xml.contains("type=\"OVER_BUDGET\""), xml);
        assertTrue(xml.contains("policy: budget 0 B/op"), xml);
        assertFalse(xml.contains("type=\"REGRESSED\""), "an informational regression is no failure: " + xml);
    }
}
