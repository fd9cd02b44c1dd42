package dev.allocgate.core.workflow;

import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.report.ReportFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run deletes an earlier run's reports, never the user's own files of the same names. */
class OwnReportsTest {

    @TempDir
    Path temp;

    private final GateWorkflow workflow = new GateWorkflow(line -> { }, line -> { });

    private static Path samples() throws Exception {
        return Path.of(OwnReportsTest.class.getResource("/jmh/jmh-1.37-samples.json").toURI());
    }

    private void compareWithMissingResults(Path output) {
        assertThrows(InvalidResultsException.class, () -> workflow.compare(temp.resolve("missing.json"), samples(),
                new BaselineStore(temp.resolve("unused")), BenchmarkFilter.ALL, GateSettings.defaults(), output));
    }

    @Test
    void theUsersOwnReportFilesSurviveAFailedRun() throws Exception {
        Path mine = Files.createDirectories(temp.resolve("project"));
        for (String name : ReportFiles.NAMES) {
            Files.writeString(mine.resolve(name), "the user's own " + name);
        }

        compareWithMissingResults(mine);

        for (String name : ReportFiles.NAMES) {
            assertEquals("the user's own " + name, Files.readString(mine.resolve(name)));
        }
    }

    @Test
    void anEarlierRunsReportsAreRemovedByAFailedRun() throws Exception {
        Path output = temp.resolve("out");
        workflow.compare(samples(), samples(), new BaselineStore(temp.resolve("unused")), BenchmarkFilter.ALL,
                GateSettings.defaults(), output);
        assertTrue(Files.exists(output.resolve(ReportFiles.MARKDOWN)));

        compareWithMissingResults(output);

        for (String name : ReportFiles.NAMES) {
            assertFalse(Files.exists(output.resolve(name)), name + " of the earlier run is left for CI to pick up");
        }
        assertFalse(Files.exists(output.resolve(OwnReports.MANIFEST)));
    }

    @Test
    void aReportTheUserReplacedSinceIsKept() throws Exception {
        Path output = temp.resolve("out");
        workflow.compare(samples(), samples(), new BaselineStore(temp.resolve("unused")), BenchmarkFilter.ALL,
                GateSettings.defaults(), output);
        Files.writeString(output.resolve(ReportFiles.MARKDOWN), "edited by hand");

        compareWithMissingResults(output);

        assertEquals("edited by hand", Files.readString(output.resolve(ReportFiles.MARKDOWN)));
        assertFalse(Files.exists(output.resolve(ReportFiles.JSON)));
    }
}
