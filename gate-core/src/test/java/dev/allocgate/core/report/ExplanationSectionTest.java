package dev.allocgate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.AllocationSite;
import dev.allocgate.core.profile.Explanation;
import dev.allocgate.core.profile.ProfileEntry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every report format shows why a benchmark allocates more, and none shows a section when nothing is explained. */
class ExplanationSectionTest {

    private static final String SITE = "com.acme.Codec.encode(Codec.java:42)";

    private static GateReport explained() {
        AllocationSite boxed = new AllocationSite("java.lang.Long",
                List.of("java.lang.Long.valueOf(Long.java:1211)", SITE, "com.acme.Codec.write(Codec.java:17)"));
        AllocationSite gone = new AllocationSite("byte[]", List.of("com.acme.Codec.buffer(Codec.java:60)"));
        AllocationProfile base = new AllocationProfile(List.of(new ProfileEntry(gone, 1, 32)), 0, 0);
        AllocationProfile now = new AllocationProfile(List.of(new ProfileEntry(boxed, 1, 16)), 0, 0);
        BenchmarkKey key = BenchmarkKey.of("com.acme.CodecBench.write", "avgt", Map.of("size", "<b>|x"));
        return ReportFixtures.sampleReport().withExplanations(List.of(Explanation.of(key, Optional.of(base), now)));
    }

    @Test
    void everyFormatNamesTheSiteThatGrewAndTheOneRemoved() throws Exception {
        GateReport report = explained();
        String line = "+1.00 java.lang.Long (boxing)/op (+16 B/op) new at java.lang.Long.valueOf(Long.java:1211) \u2190 "
                + SITE + " \u2190 com.acme.Codec.write(Codec.java:17)";
        List<String> console = new TextTableRenderer().render(report);
        assertTrue(console.contains("    " + line.replace("\u2190", "<-")), String.join("\n", console));
        assertTrue(console.stream().anyMatch(l -> l.contains("-1.00 byte[]/op (-32 B/op, 32 B each) removed at com.acme.Codec.buffer(Codec.java:60)")));
        String md = new MarkdownRenderer().render(report);
        assertTrue(md.contains("**What allocates more, and where**"), md);
        assertTrue(md.contains("new at java.lang.Long.valueOf(Long.java:1211) \u2190 " + SITE), md);
        assertTrue(md.contains("&lt;b&gt;\\|x"), "the param is escaped: " + md);
        String html = new HtmlReportRenderer().render(report);
        assertTrue(html.contains("<code>" + line + "</code>"), html);
        assertTrue(html.contains("size=&lt;b&gt;|x"), "the param is escaped");
        JsonNode json = new ObjectMapper().readTree(new JsonReportWriter().render(report));
        JsonNode changes = json.path("explanations").path(0).path("changes");
        assertEquals("NEW", changes.path(0).path("status").asText());
        assertEquals(16.0, changes.path(0).path("bytesPerOpDelta").asDouble());
        assertEquals(SITE, changes.path(0).path("frames").path(1).asText());
        assertEquals("REMOVED", changes.path(1).path("status").asText());
        assertEquals("<b>|x", json.path("explanations").path(0).path("params").path("size").asText());
    }

    @Test
    void unprofiledBenchmarksSayWhyOnceForAllThatShareTheReason() throws Exception {
        String why = "not profiled, as compare reads JMH results files and runs no benchmark";
        List<Explanation> missing = new java.util.ArrayList<>();
        for (int i = 0; i < ExplanationSection.MAX_NAMED + 2; i++) {
            missing.add(Explanation.missing(BenchmarkKey.of("com.acme.B.m" + (char) ('a' + i), "avgt", Map.of()), why));
        }
        missing.add(Explanation.missing(BenchmarkKey.of("com.acme.C.crashed", "avgt", Map.of()), "its profiling fork failed: boom"));
        GateReport report = ReportFixtures.sampleReport().withExplanations(missing);
        List<String> console = new TextTableRenderer().render(report);
        assertTrue(console.contains("  com.acme.B.ma [avgt], com.acme.B.mb [avgt], com.acme.B.mc [avgt], com.acme.B.md [avgt],"
                + " com.acme.B.me [avgt], com.acme.B.mf [avgt], com.acme.B.mg [avgt], com.acme.B.mh [avgt], com.acme.B.mi [avgt],"
                + " com.acme.B.mj [avgt] and 2 more: allocation sites unknown: " + why), String.join("\n", console));
        assertTrue(console.contains("  com.acme.C.crashed [avgt]: allocation sites unknown: its profiling fork failed: boom"));
        assertTrue(new MarkdownRenderer().render(report).contains("and 2 more**: allocation sites unknown: " + why));
        assertTrue(new HtmlReportRenderer().render(report).contains("allocation sites unknown: its profiling fork failed: boom</li>"));
        JsonNode json = new ObjectMapper().readTree(new JsonReportWriter().render(report));
        assertEquals(missing.size(), json.path("explanations").size(), "report.json lists every benchmark");
        JsonNode crashed = json.path("explanations").path(missing.size() - 1);
        assertFalse(crashed.path("profiled").asBoolean(true));
        assertEquals("its profiling fork failed: boom", crashed.path("missing").asText());
    }

    @Test
    void withoutExplanationsNoFormatChanges() {
        GateReport report = ReportFixtures.sampleReport();
        assertFalse(String.join("\n", new TextTableRenderer().render(report)).contains("What allocates more"));
        assertFalse(new MarkdownRenderer().render(report).contains("What allocates more"));
        assertFalse(new HtmlReportRenderer().render(report).contains("explanations"));
        assertFalse(new JsonReportWriter().render(report).contains("explanations"));
    }
}
