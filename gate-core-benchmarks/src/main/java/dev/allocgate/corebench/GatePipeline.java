package dev.allocgate.corebench;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.parallel.Workers;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.report.TextTableRenderer;
import dev.allocgate.core.workflow.GateWorkflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of an {@code allocgate:compare} (and, after JMH has run, of a {@code check}) through
 * gate-core's public API, with the same concurrency: read the results while the baselines load
 * ({@link GateWorkflow#readInputs}), compare on the workers ({@link Gate#Gate(GateSettings, Workers)}),
 * and render the report files concurrently ({@link ReportFiles#render}), then the console table, as
 * the plugin prints it after the files are written. The reports are streamed into writers that only
 * count characters, as {@code ReportFiles} streams them into files (the disk itself is left out).
 * Shared by the JMH benchmarks and {@link PeakHeap}.
 */
public final class GatePipeline {

    private GatePipeline() {
    }

    /** What one report rendered to, kept so that none of the work can be optimised away. */
    public record Rendered(long jsonChars, long markdownChars, long htmlChars, long junitXmlChars, List<String> textTable) {

        /** Total characters rendered, a cheap value that depends on every output. */
        public long totalChars() {
            return jsonChars + markdownChars + htmlChars + junitXmlChars
                    + textTable.stream().mapToLong(String::length).sum();
        }
    }

    public static List<Measurement> parse(Path results) throws InvalidResultsException {
        return new JmhResultReader().read(results);
    }

    public static BaselineSet loadBaselines(Path baselines) throws InvalidBaselineException {
        return new BaselineStore(baselines).load();
    }

    public static GateReport compare(List<Measurement> current, BaselineSet baselines, Workers workers) {
        return new Gate(GateSettings.defaults(), workers).compare(current, baselines.entries(), BenchmarkFilter.ALL,
                List.of(), "baselines/corebench");
    }

    /** The four report files, rendered concurrently, then the console table. */
    public static Rendered renderAll(GateReport report, Workers workers) {
        Map<String, CharCounter> counters = new ConcurrentHashMap<>();
        try {
            ReportFiles.render(report, null, workers, name -> counters.computeIfAbsent(name, n -> new CharCounter()));
        } catch (IOException e) {
            throw new UncheckedIOException("counting characters does not fail", e);
        }
        return new Rendered(counters.get(ReportFiles.JSON).chars, counters.get(ReportFiles.MARKDOWN).chars,
                counters.get(ReportFiles.HTML).chars, counters.get(ReportFiles.JUNIT_XML).chars,
                new TextTableRenderer().render(report));
    }

    /** Read and load, compare and render: everything gate-core does for one {@code compare}. */
    public static Rendered endToEnd(SyntheticSuite.Inputs inputs, Workers workers)
            throws InvalidResultsException, InvalidBaselineException {
        GateWorkflow.Inputs read = GateWorkflow.readInputs(inputs.results(), BenchmarkFilter.ALL,
                new BaselineStore(inputs.baselines()), workers);
        return renderAll(compare(read.current(), read.baselines(), workers), workers);
    }

    /** A writer that counts the characters written to it and keeps none. */
    private static final class CharCounter extends Writer {
        long chars;

        @Override
        public void write(char[] text, int offset, int length) {
            chars += length;
        }

        @Override
        public void write(String text, int offset, int length) {
            chars += length;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
