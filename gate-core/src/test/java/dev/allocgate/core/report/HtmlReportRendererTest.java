package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.Metric;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportRendererTest {

    /** The page is also well-formed XML: parse it with the JDK's parser, no network. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    static List<Element> byClass(Element root, String tag, String cls) {
        NodeList nodes = root.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void oneArticlePerBenchmarkRegressionsFirst() throws Exception {
        GateReport report = ReportFixtures.sampleReport();
        Document doc = parse(new HtmlReportRenderer().render(report, ReportFixtures.JDK17_G1));
        List<Element> articles = elements(doc, "article");
        assertEquals(report.benchmarks().size(), articles.size());
        assertEquals("REGRESSED", articles.get(0).getAttribute("data-verdict"));
        int previous = -1;
        for (Element a : articles) {
            int section = Section.of(Verdict.valueOf(a.getAttribute("data-verdict"))).ordinal();
            assertTrue(section >= previous, "section order");
            previous = section;
        }
        // the overview table has a row per benchmark in the same order, linking to the articles
        List<Element> links = new ArrayList<>();
        for (Element table : byClass(doc.getDocumentElement(), "table", "overview")) {
            links.addAll(elements(table.getOwnerDocument(), "a"));
        }
        assertEquals(report.benchmarks().size(), links.size());
        for (int i = 0; i < articles.size(); i++) {
            assertEquals("#" + articles.get(i).getAttribute("id"), links.get(i).getAttribute("href"));
        }
        assertEquals("FAIL", doc.getElementsByTagName("h1").item(0).getTextContent().trim().replace("allocgate: ", ""));
    }

    @Test
    void chartsDrawBarsIntervalsAndOneDotPerFork() throws Exception {
        GateReport report = ReportFixtures.sampleReport();
        Document doc = parse(new HtmlReportRenderer().render(report));
        for (Element article : elements(doc, "article")) {
            String name = article.getElementsByTagName("span").item(1).getTextContent();
            BenchmarkComparison b = report.benchmarks().stream()
                    .filter(x -> Cells.name(x.key(), "com.acme.bench.").equals(name)
                            && x.verdict().name().equals(article.getAttribute("data-verdict")))
                    .findFirst().orElseThrow();
            MetricComparison m = b.metric(Metric.BYTES_PER_OP);
            int forks = m == null ? 0 : (m.baselineSample() == null ? 0 : m.baselineSample().size())
                    + (m.currentSample() == null ? 0 : m.currentSample().size());
            assertEquals(forks, byClass(article, "circle", "dot").size(), "dots of " + name);
            int sides = m == null ? 0 : (m.baseline() == null ? 0 : 1) + (m.current() == null ? 0 : 1);
            assertEquals(sides, byClass(article, "rect", "bar").size(), "bars of " + name);
            assertEquals(sides, byClass(article, "g", "ci").size(), "intervals of " + name);
        }
        // bar lengths are proportional to the medians: Alloc.object went from 16 to 32 B/op
        Element object = elements(doc, "article").stream()
                .filter(a -> a.getElementsByTagName("span").item(1).getTextContent().equals("Alloc.object")).findFirst().orElseThrow();
        List<Element> bars = byClass(object, "rect", "bar");
        double baseWidth = Double.parseDouble(bars.get(0).getAttribute("width"));
        double currentWidth = Double.parseDouble(bars.get(1).getAttribute("width"));
        assertEquals(32.0 / 16.0, currentWidth / baseWidth, 0.01);
        assertTrue(bars.get(1).getAttribute("class").contains("regressed"));
    }

    @Test
    void objectsPerOpGetTheirOwnChart() throws Exception {
        GateReport report = ReportFixtures.objectsReport();
        Document doc = parse(new HtmlReportRenderer().render(report));
        int expectedCharts = report.benchmarks().stream().mapToInt(b -> b.metrics().size()).sum();
        assertEquals(expectedCharts + 1, doc.getElementsByTagName("svg").getLength(), "a chart per metric plus the icon");
        long objectCharts = elements(doc, "figcaption").stream().filter(c -> c.getTextContent().startsWith("objectsPerOp (objects/op)")).count();
        assertEquals(report.benchmarks().stream().filter(b -> b.metric(Metric.OBJECTS_PER_OP) != null).count(), objectCharts);
    }

    @Test
    void pageIsSelfContained() {
        String html = new HtmlReportRenderer().render(ReportFixtures.sampleReport(), ReportFixtures.JDK17_G1);
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        assertFalse(html.toLowerCase().contains("<script"));
        for (String external : List.of("src=", "url(", "@import", "<link", "https:")) {
            assertFalse(html.contains(external), external);
        }
        assertEquals(html.split("http:", -1).length - 1, html.split("http://www.w3.org/2000/svg", -1).length - 1,
                "the only URL is the SVG namespace name");
    }

    @Test
    void hostileNamesComeOutInert() throws Exception {
        GateReport report = HostileNames.report();
        String html = new HtmlReportRenderer().render(report);
        Document doc = parse(html); // well-formed: no name closed an element early
        for (String tag : List.of("script", "img", "iframe", "object", "b")) {
            assertEquals(0, doc.getElementsByTagName(tag).getLength(), tag + " element injected");
        }
        assertFalse(html.toLowerCase().contains("<script"));
        assertFalse(html.contains("<!--"));
        int charts = (int) report.benchmarks().stream().filter(b -> b.metric(Metric.BYTES_PER_OP) != null).count();
        assertEquals(charts + 1, doc.getElementsByTagName("svg").getLength(), "one chart per benchmark plus the icon");
        assertEquals(html.split("<svg", -1).length, html.split("</svg>", -1).length, "every svg closed once");
        Set<String> expected = new HashSet<>();
        String prefix = Cells.commonPackagePrefix(report.benchmarks().stream().map(BenchmarkComparison::key).toList());
        report.benchmarks().forEach(b -> expected.add(Text.plain(Cells.name(b.key(), prefix))));
        Set<String> shown = new HashSet<>();
        for (Element article : elements(doc, "article")) {
            Element name = byClass(article, "span", "name").get(0);
            shown.add(name.getTextContent());
            name.getTextContent().codePoints().forEach(cp -> assertFalse(Text.isUnsafe(cp)));
        }
        assertEquals(expected, shown, "names shown as text, whole");
    }
}
