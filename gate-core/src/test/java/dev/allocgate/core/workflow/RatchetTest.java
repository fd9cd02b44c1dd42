package dev.allocgate.core.workflow;

import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.baseline.UpdateSummary;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code record -Dallocgate.ratchet}: only improved entries change, every other byte stays. */
class RatchetTest {
    private static final Environment ENV = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6",
            "1.37", "G1", true, true, null, 6L << 30, "amd64", List.of());

    private static Measurement bytes(String name, double value) {
        return new Measurement(BenchmarkKey.of(name, "avgt", Map.of()), Map.of(Metric.BYTES_PER_OP,
                Sample.of(value, value, value)), 5e6, ENV);
    }

    @Test
    void onlyTheImprovedEntryIsRewritten(@TempDir Path dir) throws Exception {
        BaselineStore store = new BaselineStore(dir);
        store.update(List.of(bytes("a.B.x", 64), bytes("a.B.y", 32), bytes("a.C.z", 16), bytes("a.C.gone", 8)), n -> true);
        Path bFile = dir.resolve(BaselineStore.fileNameFor("a.B"));
        Path cFile = dir.resolve(BaselineStore.fileNameFor("a.C"));
        byte[] cBefore = Files.readAllBytes(cFile);
        BaselineSet basis = store.load();

        // x improved, y regressed, z unchanged, gone missing, n new
        List<Measurement> current = List.of(bytes("a.B.x", 24), bytes("a.B.y", 48), bytes("a.C.z", 16), bytes("a.D.n", 4));
        GateReport report = new Gate(GateSettings.defaults()).compare(current, basis.entries(), n -> true, List.of(), "t");
        List<Measurement> improved = GateWorkflow.ratcheted(report, current);
        assertEquals(List.of(bytes("a.B.x", 24)), improved);
        List<String> hint = GateWorkflow.ratchetHint(report);
        assertEquals(1, hint.size());
        assertTrue(hint.get(0).contains("1 benchmark allocates less than its baseline beyond the threshold (a.B.x [avgt])")
                && hint.get(0).contains("`mvn allocgate:record -Dallocgate.ratchet`"), hint.get(0));

        UpdateSummary update = store.update(basis, improved, n -> false);
        assertEquals(List.of(bFile), update.written());
        assertEquals(0, update.added() + update.removed());
        assertArrayEquals(cBefore, Files.readAllBytes(cFile), "the other class's file, byte for byte");
        BaselineStore expected = new BaselineStore(dir.resolveSibling(dir.getFileName() + "-expected"));
        expected.update(List.of(bytes("a.B.x", 24), basis.entries().get(bytes("a.B.y", 0).key())), n -> true);
        assertArrayEquals(Files.readAllBytes(expected.directory().resolve(bFile.getFileName())), Files.readAllBytes(bFile),
                "x tightened, y as recorded");
        assertEquals(4, store.load().entries().size(), "nothing added, nothing removed");
    }
}
