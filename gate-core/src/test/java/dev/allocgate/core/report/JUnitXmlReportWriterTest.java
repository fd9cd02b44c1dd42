package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JUnitXmlReportWriterTest {

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static Element testcase(Document doc, String classname, String name) {
        List<Element> found = HtmlReportRendererTest.elements(doc, "testcase").stream()
                .filter(e -> e.getAttribute("classname").equals(classname) && e.getAttribute("name").equals(name)).toList();
        assertEquals(1, found.size(), classname + " " + name);
        return found.get(0);
    }

    private static Element child(Element e, String tag) {
        return e.getElementsByTagName(tag).getLength() == 0 ? null : (Element) e.getElementsByTagName(tag).item(0);
    }

    @Test
    void matchesGoldenFile() throws Exception {
        ReportFixtures.assertGolden("TEST-allocgate.xml", new JUnitXmlReportWriter().render(ReportFixtures.sampleReport()));
    }

    @Test
    void countsMatchTheVerdicts() throws Exception {
        GateReport report = ReportFixtures.sampleReport();
        Document doc = parse(new JUnitXmlReportWriter().render(report));
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("allocgate", suite.getAttribute("name"));
        // one gated metric (bytesPerOp): one test case per benchmark
        int tests = report.benchmarks().size();
        long errors = report.benchmarks().stream().filter(b -> b.verdict() == Verdict.FAILED).count();
        long failures = report.benchmarks().stream().filter(b -> b.verdict() != Verdict.FAILED && report.settings().fails(b.verdict())).count();
        long skipped = report.benchmarks().stream().filter(b -> !report.settings().fails(b.verdict())
                && (b.verdict() == Verdict.NEW || b.verdict() == Verdict.INCONCLUSIVE)).count();
        assertEquals(String.valueOf(tests), suite.getAttribute("tests"));
        assertEquals(String.valueOf(failures), suite.getAttribute("failures"));
        assertEquals(String.valueOf(errors), suite.getAttribute("errors"));
        assertEquals(String.valueOf(skipped), suite.getAttribute("skipped"));
        assertEquals(tests, doc.getElementsByTagName("testcase").getLength());
        assertEquals(failures, doc.getElementsByTagName("failure").getLength());
        assertEquals(errors, doc.getElementsByTagName("error").getLength());
        assertEquals(skipped, doc.getElementsByTagName("skipped").getLength());
    }

    @Test
    void regressionIsAFailureWithOldAndNewValue() throws Exception {
        Document doc = parse(new JUnitXmlReportWriter().render(ReportFixtures.sampleReport()));
        Element failure = child(testcase(doc, "com.acme.bench.Alloc", "object bytesPerOp"), "failure");
        assertEquals("bytesPerOp 16.0 -> 32.0 B/op (+100.0%)", failure.getAttribute("message"));
        assertEquals("REGRESSED", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("current: 32.0 B/op [32.0, 32.0], forks 32.0 32.0 32.0 32.0 32.0"), failure.getTextContent());
        Element crash = child(testcase(doc, "com.acme.bench.Alloc", "crash bytesPerOp"), "error");
        assertTrue(crash.getAttribute("message").contains("java.lang.IllegalStateException: boom"));
        assertEquals("FAILED", crash.getAttribute("type"));
        Element params = testcase(doc, "com.acme.bench.Sizes", "array[size=16] bytesPerOp");
        assertEquals(null, child(params, "failure"));
        assertTrue(child(params, "system-out").getTextContent().contains("UNCHANGED"));
        assertTrue(child(testcase(doc, "com.acme.bench.Alloc", "added bytesPerOp"), "skipped").getAttribute("message").startsWith("new benchmark"));
        assertTrue(child(testcase(doc, "com.acme.bench.Alloc", "gone bytesPerOp"), "failure").getAttribute("message").startsWith("in the baselines"));
    }

    @Test
    void oneCasePerGatedMetricAndModeOnlyWhenNeeded() throws Exception {
        Measurement avgt = new Measurement(BenchmarkKey.of("a.B.c", "avgt", Map.of()),
                Map.of(Metric.BYTES_PER_OP, Sample.of(16, 16, 16), Metric.ALLOC_RATE, Sample.of(900, 950, 1000)), 1e6, ReportFixtures.JDK17_G1);
        Measurement thrpt = new Measurement(BenchmarkKey.of("a.B.c", "thrpt", Map.of()),
                Map.of(Metric.BYTES_PER_OP, Sample.of(16, 16, 16)), 1e6, ReportFixtures.JDK17_G1);
        GateSettings both = new GateSettings(0.05, Map.of(), EnumSet.of(Metric.BYTES_PER_OP, Metric.ALLOC_RATE), Map.of(),
                GateSettings.defaults().environmentPolicy(), true, true, false, false);
        Document doc = parse(new JUnitXmlReportWriter().render(ReportFixtures.compare(both, List.of(avgt, thrpt), List.of(avgt, thrpt), List.of())));
        Set<String> names = new HashSet<>();
        HtmlReportRendererTest.elements(doc, "testcase").forEach(e -> names.add(e.getAttribute("name")));
        assertEquals(Set.of("c (avgt) bytesPerOp", "c (avgt) allocRateMBps", "c (thrpt) bytesPerOp", "c (thrpt) allocRateMBps"), names);
        // thrpt has no allocation rate: that case is skipped, not failed
        assertTrue(child(testcase(doc, "a.B", "c (thrpt) allocRateMBps"), "skipped") != null);
    }

    @Test
    void objectsPerOpHaveTheirOwnCases() throws Exception {
        Document doc = parse(new JUnitXmlReportWriter().render(ReportFixtures.objectsReport()));
        Element split = testcase(doc, "com.acme.bench.Parse", "split objectsPerOp");
        assertEquals("objectsPerOp 2.0 -> 3.0 objects/op (+50.0%)", child(split, "failure").getAttribute("message"));
        assertEquals(null, child(testcase(doc, "com.acme.bench.Parse", "split bytesPerOp"), "failure"));
        // legacy has no object count on either side: nothing to judge
        assertTrue(child(testcase(doc, "com.acme.bench.Parse", "legacy objectsPerOp"), "skipped") != null);
        // without any object counts in the report, no objectsPerOp cases at all
        Document bytesOnly = parse(new JUnitXmlReportWriter().render(ReportFixtures.sampleReport()));
        assertTrue(HtmlReportRendererTest.elements(bytesOnly, "testcase").stream().noneMatch(e -> e.getAttribute("name").endsWith("objectsPerOp")));
    }

    @Test
    void hostileNamesGiveValidXml() throws Exception {
        GateReport report = HostileNames.report();
        String xml = new JUnitXmlReportWriter().render(report);
        xml.codePoints().forEach(cp -> assertTrue(cp == '\n' || !Text.isUnsafe(cp), "U+" + Integer.toHexString(cp)));
        Document doc = parse(xml);
        Set<String> names = new HashSet<>();
        HtmlReportRendererTest.elements(doc, "testcase").forEach(e -> names.add(e.getAttribute("name")));
        for (BenchmarkComparison b : report.benchmarks()) {
            String expected = Text.plain(b.key().method()) + "[" + Text.plain(b.key().paramsLabel()) + "] bytesPerOp";
            if (b.verdict() == Verdict.FAILED) {
                expected = Text.plain(b.key().method()) + " bytesPerOp";
            }
            assertTrue(names.contains(expected), "test case named " + expected);
        }
        assertEquals(report.benchmarks().size(), doc.getElementsByTagName("testcase").getLength());
    }
}
