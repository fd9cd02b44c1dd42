package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Measurement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An absurd value (a corrupt or hostile results file's 1e300 B/op) reads in scientific notation, not in 301 digits. */
class AbsurdValuesTest {

    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{20,}");

    private static GateReport report() {
        List<Measurement> base = List.of(ReportFixtures.withObjects("com.acme.bench.Huge.grew",
                new double[] {16, 16, 16}, new double[] {1, 1, 1}));
        List<Measurement> current = List.of(ReportFixtures.withObjects("com.acme.bench.Huge.grew",
                new double[] {1e300, 1e300, 1e300}, new double[] {1, 1, 1}));
        return ReportFixtures.compare(base, current, List.of());
    }

    @Test
    void everyHumanFormatShowsTheValueInScientificNotation() {
        String console = String.join("\n", new TextTableRenderer().render(report(), "report.md", false));
        String md = new MarkdownRenderer().render(report());
        String html = new HtmlReportRenderer().render(report());
        for (String text : List.of(console, md, html)) {
            assertFalse(LONG_DIGITS.matcher(text).find(), text);
            assertTrue(text.contains("1.000e+300"), text);
        }
        assertTrue(console.contains("(+6.250e+300%)"), console);
    }

    @Test
    void ordinaryLargeValuesStayWholeNumbers() {
        assertTrue(Cells.number(123_456_789.0).equals("123456789"), Cells.number(123_456_789.0));
        assertTrue(Cells.number(1e13).equals("1.000e+13"), Cells.number(1e13));
    }
}
