package dev.allocgate.core.policy;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules from a JSON file: the pom's {@code <rules>} with the same fields and the same validation. */
class RulesFileTest {
    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("rules.json"), json);
    }

    private String problem(String json) throws IOException {
        Path f = file(json);
        PolicyException e = assertThrows(PolicyException.class, () -> RulesFile.read(f));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("rules file " + f), e.getMessage());
        return e.problems().get(0).substring(("rules file " + f).length());
    }

    private static void has(String actual, String part) {
        assertTrue(actual.contains(part), "'" + part + "' in: " + actual);
    }

    private static void hasStart(String actual, String start) {
        assertTrue(actual.startsWith(start), "'" + start + "' at the start of: " + actual);
    }

    @Test
    void aGoodFileGivesTheRulesInOrder() throws Exception {
        List<PolicyRule> rules = RulesFile.read(file("""
                {"rules": [
                  {"pattern": "*.WarmupBenchmarks.*", "informational": true},
                  {"pattern": "com.acme.parser.*", "params": "size=10", "thresholdPercent": 2, "thresholdObjects": 1.5},
                  {"pattern": "com.acme.old.*", "mayBeRemoved": true},
                  {"pattern": "com.acme.slow.*", "ignore": true}
                ]}
                """));
        assertEquals(4, rules.size());
        assertEquals(1, rules.get(0).number());
        assertTrue(rules.get(0).informational());
        assertEquals(Map.of("size", "10"), rules.get(1).params());
        assertEquals(2.0, rules.get(1).thresholds().get(Metric.BYTES_PER_OP).relativePercent());
        assertTrue(Double.isNaN(rules.get(1).thresholds().get(Metric.BYTES_PER_OP).absolute()));
        assertEquals(1.5, rules.get(1).thresholds().get(Metric.OBJECTS_PER_OP).absolute());
        assertTrue(rules.get(2).mayBeRemoved() && rules.get(3).ignore());
        assertEquals("rule 2 (com.acme.parser.*, size=10)", rules.get(1).label());
        // Checked against the benchmarks of a results file as the pom's rules are against the compiled ones.
        CompiledBenchmarks measured = CompiledBenchmarks.measured(List.of(BenchmarkKey.of("com.acme.parser.P.parse", "avgt",
                Map.of("size", "10"))), "in results.json");
        PolicyException e = assertThrows(PolicyException.class, () -> Policy.of(rules, measured));
        assertTrue(e.problems().get(0).startsWith("rule 1 (*.WarmupBenchmarks.*) matches no benchmark of the 1 in"
                + " results.json (for example com.acme.parser.P.parse)"), e.getMessage());
        assertFalse(Policy.of(rules.subList(1, 2), measured).isEmpty());
    }

    @Test
    void anEmptyListIsNoRules() throws Exception {
        assertEquals(List.of(), RulesFile.read(file("{\"rules\": []}")));
    }

    @Test
    void everyMistakeNamesTheFileAndTheRule() throws Exception {
        assertEquals(": rule 2 ('b.*'): thresholdBytes must be a finite number >= 0, not -1.0",
                problem("{\"rules\": [{\"pattern\": \"a.*\"}, {\"pattern\": \"b.*\", \"thresholdBytes\": -1}]}"));
        assertEquals(": rule 1 has no pattern: give it a pattern, a glob over the full benchmark name, for example"
                + " com.acme.codec.*", problem("{\"rules\": [{\"informational\": true}]}"));
        hasStart(problem("{\"rules\": [{\"pattern\": \"a.*\", \"thresholdByte\": 1}]}"), ": rule 1: unknown field 'thresholdByte' (a rule has pattern, params, thresholdPercent,");
        hasStart(problem("{\"rules\": [{\"pattern\": \"a.*\", \"thresholdPercent\": \"two\"}]}"), ": rule 1, field 'thresholdPercent': ");
        has(problem("{\"rules\": [{\"pattern\": \"a.*\", \"params\": \"size\"}]}"), "rule 1 ('a.*') params: 'size' is not name=value");
        has(problem("{\"rules\": [{\"pattern\": \"a.*\", \"pattern\": \"b.*\"}]}"), "Duplicate field 'pattern'");
        has(problem("{\"rule\": []}"), "unknown field 'rule'");
        has(problem("{}"), "has no \"rules\" list");
        has(problem("{\"rules\": [}"), "line 1, column");
        has(problem("{\"rules\": []} trailing"), "line 1");
        Path missing = dir.resolve("none.json");
        PolicyException e = assertThrows(PolicyException.class, () -> RulesFile.read(missing));
        assertEquals(List.of("rules file " + missing + " does not exist"), e.problems());
    }

    @Test
    void allInvalidRulesAreListedAtOnce() throws Exception {
        Path f = file("{\"rules\": [{\"pattern\": \"a.*\", \"thresholdPercent\": -2}, {\"pattern\": \"b.*\"},"
                + " {\"pattern\": \"c.*\", \"ignore\": true, \"params\": \"size=1\"}]}");
        PolicyException e = assertThrows(PolicyException.class, () -> RulesFile.read(f));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("rule 1 ('a.*'): thresholdPercent"), e.getMessage());
        assertTrue(e.problems().get(1).contains("rule 3 ('c.*') ignores benchmarks only for some @Param values"), e.getMessage());
    }
}
