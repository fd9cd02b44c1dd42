package dev.allocgate.core.workflow;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.parallel.Workers;
import dev.allocgate.core.report.ReportFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare} reads the JMH results while the baselines load: the same inputs as reading one after
 * the other, and when inputs are broken, the same error, naming the same file, in the same order.
 */
class GateWorkflowInputsTest {

    private static final String CORRUPT_CLASS = "dev.allocgate.samples.Broken";

    private final GateWorkflow workflow = new GateWorkflow(line -> { }, line -> { });

    private static Path results() throws URISyntaxException {
        return Path.of(GateWorkflowInputsTest.class.getResource("/jmh/jmh-1.37-samples.json").toURI());
    }

    /** A baseline directory whose only file is truncated. */
    private static BaselineStore corruptBaselines(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(BaselineStore.fileNameFor(CORRUPT_CLASS)),
                "{\n  \"schemaVersion\" : 1,\n  \"benchmarkClass\" : \"" + CORRUPT_CLASS + "\",\n  \"benchmarks\" : [ {");
        return new BaselineStore(dir);
    }

    @Test
    void readInputsGivesWhatReadingOneAfterTheOtherGives(@TempDir Path temp) throws Exception {
        Path results = results();
        BaselineStore store = new BaselineStore(temp.resolve("baselines"));
        List<Measurement> measured = new JmhResultReader().read(results);
        store.update(measured, name -> true);

        GateWorkflow.Inputs inputs;
        try (Workers workers = Workers.of(2)) {
            inputs = GateWorkflow.readInputs(results, BenchmarkFilter.ALL, store, workers);
        }

        assertEquals(measured, inputs.current());
        BaselineSet loaded = store.load();
        assertEquals(loaded, inputs.baselines());
        assertFalse(inputs.baselines().isEmpty());
    }

    @Test
    void aCorruptBaselineFailsCompareNamingTheFile(@TempDir Path temp) throws Exception {
        BaselineStore store = corruptBaselines(temp.resolve("baselines"));
        InvalidBaselineException expected = assertThrows(InvalidBaselineException.class, store::load);

        InvalidBaselineException e = assertThrows(InvalidBaselineException.class, () -> workflow.compare(results(), null,
                store, BenchmarkFilter.ALL, GateSettings.defaults(), temp.resolve("out")));

        assertEquals(expected.getMessage(), e.getMessage());
        assertEquals(store.directory().resolve(BaselineStore.fileNameFor(CORRUPT_CLASS)), e.file());
        for (String name : ReportFiles.NAMES) {
            assertFalse(Files.exists(temp.resolve("out").resolve(name)), "no report after a failure: " + name);
        }
    }

    @Test
    void whenBothInputsAreBrokenTheResultsErrorComesFirst(@TempDir Path temp) throws Exception {
        BaselineStore store = corruptBaselines(temp.resolve("baselines"));
        Path results = temp.resolve("jmh-result.json");
        Files.writeString(results, "[ {\"benchmark\" : ");

        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> workflow.compare(results, null,
                store, BenchmarkFilter.ALL, GateSettings.defaults(), temp.resolve("out")));

        assertTrue(e.getMessage().startsWith(results.toString()), e.getMessage());
    }

    @Test
    void resultsMatchingNoBenchmarkAreReportedBeforeACorruptBaseline(@TempDir Path temp) throws Exception {
        BaselineStore store = corruptBaselines(temp.resolve("baselines"));
        BenchmarkFilter nothing = new BenchmarkFilter(List.of("NoSuchBenchmark"), List.of());

        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> workflow.compare(results(), null,
                store, nothing, GateSettings.defaults(), temp.resolve("out")));

        assertTrue(e.getMessage().contains("no benchmark in it matches"), e.getMessage());
    }

    @Test
    void aCorruptSecondResultsFileFailsCompareNamingIt(@TempDir Path temp) throws Exception {
        Path against = temp.resolve("other.json");
        Files.writeString(against, "");

        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> workflow.compare(results(), against,
                new BaselineStore(temp.resolve("unused")), BenchmarkFilter.ALL, GateSettings.defaults(), temp.resolve("out")));

        assertEquals(against, e.file());
    }
}
