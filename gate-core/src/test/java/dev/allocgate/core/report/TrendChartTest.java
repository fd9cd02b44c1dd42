package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.history.HistoryResult;
import dev.allocgate.core.history.HistoryRun;
import dev.allocgate.core.history.Trends;
import dev.allocgate.core.model.BenchmarkKey;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrendChartTest {
    private static final BenchmarkKey OBJECT = BenchmarkKey.of("com.acme.bench.Alloc.object", "avgt", Map.of());

    /** Runs on five days: the object benchmark at 16 B/op, then 32 B/op (regressed) on the last two. */
    static Trends trends(GateReport report) {
        List<HistoryRun> runs = new ArrayList<>();
        double[] bytes = {16, 16, 16, 32, 32};
        for (int day = 0; day < bytes.length; day++) {
            List<HistoryResult> results = new ArrayList<>();
            for (BenchmarkComparison b : report.benchmarks()) {
                results.add(b.key().equals(OBJECT)
                        ? new HistoryResult(OBJECT, bytes[day], Double.NaN, day >= 3 ? "REGRESSED" : "UNCHANGED")
                        : new HistoryResult(b.key(), 100 + day, Double.NaN, "UNCHANGED"));
            }
            runs.add(new HistoryRun(Instant.parse("2026-12-01T06:00:00Z").plusSeconds(86_400L * day),
                    "c0ffee".repeat(6) + "abcd", "jdk17", results));
        }
        runs.add(new HistoryRun(Instant.parse("2026-12-02T00:00:00Z"), "", "jdk25",
                List.of(new HistoryResult(OBJECT, 999, Double.NaN, "NEW"))));
        return Trends.of(runs, "jdk17", Trends.DEFAULT_RUNS);
    }

    @Test
    void eachBenchmarkGetsALineWithOneDotPerRunOfItsEnvironment() throws Exception {
        GateReport report = ReportFixtures.sampleReport();
        String html = new HtmlReportRenderer(trends(report)).render(report, ReportFixtures.JDK17_G1);
        var doc = HtmlReportRendererTest.parse(html);

        Element article = null;
        for (Element a : HtmlReportRendererTest.byClass(doc.getDocumentElement(), "article", "bench")) {
            if (a.getTextContent().contains("Alloc.object")) {
                article = a;
            }
        }
        assertTrue(article != null, "the object benchmark's article");
        List<Element> svgs = HtmlReportRendererTest.byClass(article, "svg", "trend");
        assertEquals(1, svgs.size(), "bytes/op only: the history has no objects/op");
        Element svg = svgs.get(0);
        assertEquals("bytesPerOp", svg.getAttribute("data-metric"));
        String[] points = ((Element) svg.getElementsByTagName("polyline").item(0)).getAttribute("points").trim().split(" ");
        assertEquals(5, points.length, "one vertex per jdk17 run; the jdk25 run is left out");
        // Higher values are drawn higher (smaller y): 16 16 16 32 32.
        double y16 = Double.parseDouble(points[0].split(",")[1]);
        double y32 = Double.parseDouble(points[4].split(",")[1]);
        assertTrue(y32 < y16, points[0] + " / " + points[4]);
        var dots = HtmlReportRendererTest.byClass(svg, "circle", "trend-dot");
        assertEquals(5, dots.size());
        assertEquals(2, HtmlReportRendererTest.byClass(svg, "circle", "regressed").size(), "the regressed runs in red");
        String lastTitle = dots.get(4).getTextContent();
        assertTrue(lastTitle.startsWith("2026-12-05T06:00:00Z c0ffeec0ffee: 32"), lastTitle);
        assertTrue(lastTitle.endsWith("REGRESSED"), lastTitle);
        assertFalse(html.contains("999"), "another environment's value is not drawn");
    }

    @Test
    void withoutHistoryThereIsNoTrend() {
        String html = new HtmlReportRenderer().render(ReportFixtures.sampleReport(), ReportFixtures.JDK17_G1);
        assertFalse(html.contains("class=\"chart trend\""));
    }
}
