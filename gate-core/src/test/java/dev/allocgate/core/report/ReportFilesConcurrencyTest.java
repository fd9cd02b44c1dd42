package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.parallel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The report formats rendered at the same time: the same bytes, and a failing file reported as itself. */
class ReportFilesConcurrencyTest {

    @Test
    void concurrentFilesHaveTheBytesOfFilesWrittenOneAfterAnother(@TempDir Path dir) throws IOException {
        GateReport report = ReportFixtures.bigReport(3_000);
        Path sequential = dir.resolve("sequential");
        Path concurrent = dir.resolve("concurrent");
        try (Workers one = Workers.sequential(); Workers four = Workers.of(4)) {
            ReportFiles.write(report, sequential, ReportFixtures.JDK17_G1, one);
            ReportFiles.write(report, concurrent, ReportFixtures.JDK17_G1, four);
        }
        for (String name : ReportFiles.NAMES) {
            assertArrayEquals(Files.readAllBytes(sequential.resolve(name)), Files.readAllBytes(concurrent.resolve(name)), name);
        }
        assertEquals(new HtmlReportRenderer().render(report, ReportFixtures.JDK17_G1),
                Files.readString(concurrent.resolve(ReportFiles.HTML)));
        assertEquals(new JsonReportWriter().render(report), Files.readString(concurrent.resolve(ReportFiles.JSON)));
    }

    @Test
    void aFileThatCannotBeWrittenFailsAsItselfAndTheOthersAreStillClosed() {
        GateReport report = ReportFixtures.sampleReport();
        Set<String> closed = ConcurrentHashMap.newKeySet();
        ReportFiles.Destination html = name -> name.equals(ReportFiles.HTML)
                ? new FailingWriter("no space left on device: " + name, closed, name) : new ClosingWriter(closed, name);
        try (Workers workers = Workers.of(4)) {
            IOException e = assertThrows(IOException.class, () -> ReportFiles.render(report, null, workers, html));
            assertEquals("no space left on device: report.html", e.getMessage());
        }
        assertEquals(Set.copyOf(ReportFiles.NAMES), closed, "every writer closed, the failing one too");
    }

    @Test
    void whenSeveralFilesFailTheFirstInFileOrderIsReported() {
        GateReport report = ReportFixtures.sampleReport();
        Set<String> closed = ConcurrentHashMap.newKeySet();
        for (Workers workers : List.of(Workers.of(4), Workers.sequential())) {
            try (workers) {
                IOException e = assertThrows(IOException.class, () -> ReportFiles.render(report, null, workers,
                        name -> name.equals(ReportFiles.JSON) || name.equals(ReportFiles.JUNIT_XML)
                                ? new FailingWriter("cannot write " + name, closed, name) : new ClosingWriter(closed, name)));
                assertEquals("cannot write report.json", e.getMessage(), workers.parallelism() + " threads");
            }
        }
    }

    @Test
    void renderingIntoWritersGivesTheFilesContent(@TempDir Path dir) throws IOException {
        GateReport report = ReportFixtures.objectsReport();
        Map<String, StringWriter> rendered = new ConcurrentHashMap<>();
        try (Workers workers = Workers.forProcessors()) {
            ReportFiles.render(report, ReportFixtures.JDK17_G1, workers, name -> rendered.computeIfAbsent(name, n -> new StringWriter()));
            ReportFiles.write(report, dir, ReportFixtures.JDK17_G1, workers);
        }
        for (String name : ReportFiles.NAMES) {
            assertEquals(Files.readString(dir.resolve(name)), rendered.get(name).toString(), name);
        }
    }

    private static class ClosingWriter extends Writer {
        private final Set<String> closed;
        private final String name;

        ClosingWriter(Set<String> closed, String name) {
            this.closed = closed;
            this.name = name;
        }

        @Override
        public void write(char[] text, int offset, int length) throws IOException {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed.add(name);
        }
    }

    private static final class FailingWriter extends ClosingWriter {
        private final String message;

        FailingWriter(String message, Set<String> closed, String name) {
            super(closed, name);
            this.message = message;
        }

        @Override
        public void write(char[] text, int offset, int length) throws IOException {
            throw new IOException(message);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            throw new IOException(message);
        }
    }
}
