package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportFilesTest {

    @Test
    void writesEveryFormat(@TempDir Path dir) throws Exception {
        GateReport report = ReportFixtures.sampleReport();
        Path out = dir.resolve("target/allocgate");
        List<Path> files = ReportFiles.write(report, out);
        assertEquals(List.of(out.resolve("report.json"), out.resolve("report.md"), out.resolve("report.html"),
                out.resolve("TEST-allocgate.xml")), files);
        assertEquals(new JsonReportWriter().render(report), Files.readString(files.get(0)));
        assertEquals(new MarkdownRenderer().render(report), Files.readString(files.get(1)));
        assertEquals(new HtmlReportRenderer().render(report), Files.readString(files.get(2)));
        assertEquals(new JUnitXmlReportWriter().render(report), Files.readString(files.get(3)));

        List<Path> again = ReportFiles.write(report, out, ReportFixtures.JDK17_G1);
        assertEquals(files, again);
        assertEquals(new MarkdownRenderer().render(report, MarkdownOptions.unlimited().withEnvironment(ReportFixtures.JDK17_G1)),
                Files.readString(again.get(1)));
        assertEquals(new HtmlReportRenderer().render(report, ReportFixtures.JDK17_G1), Files.readString(again.get(2)));
    }

    @Test
    void everyFileIsItsFormatsOutput(@TempDir Path dir) throws Exception {
        GateReport report = ReportFixtures.objectsReport();
        assertEquals(ReportFiles.FORMATS.size(), Set.copyOf(ReportFiles.NAMES).size(), "one file per format");
        List<Path> files = ReportFiles.write(report, dir, ReportFixtures.JDK17_G1);
        for (int i = 0; i < files.size(); i++) {
            ReportFormat format = ReportFiles.FORMATS.get(i);
            StringWriter out = new StringWriter();
            format.write(report, ReportFixtures.JDK17_G1, out);
            assertEquals(format.fileName(), files.get(i).getFileName().toString());
            assertEquals(out.toString(), Files.readString(files.get(i)), format.fileName());
        }
    }
}
