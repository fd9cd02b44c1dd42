package dev.allocgate.core.baseline;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an entry cost to measure: stored coarsely with its entry, kept while it roughly holds, old files still read. */
class ForkSecondsTest {

    private static final String BENCH = "com.acme.Bench";

    @Test
    void roundsToTwoSignificantDigitsAndNeverToZero() {
        assertEquals(2.4, ForkSeconds.round(2.4499));
        assertEquals(12.0, ForkSeconds.round(12.49));
        assertEquals(0.37, ForkSeconds.round(0.3712));
        assertEquals(ForkSeconds.MIN_SECONDS, ForkSeconds.round(1e-6));
        assertThrows(IllegalArgumentException.class, () -> ForkSeconds.round(0));
        assertThrows(IllegalArgumentException.class, () -> ForkSeconds.round(Double.NaN));
    }

    @Test
    void aStoredCostStaysUntilTheNewOneIsTwiceAsLargeOrSmallOrARefreshIsAsked() {
        BenchmarkKey a = BenchmarkKey.of(BENCH + ".a", "avgt", Map.of());
        BenchmarkKey b = BenchmarkKey.of(BENCH + ".b", "avgt", Map.of());
        BenchmarkKey c = BenchmarkKey.of(BENCH + ".c", "avgt", Map.of());
        BenchmarkKey d = BenchmarkKey.of(BENCH + ".d", "avgt", Map.of());
        Map<BenchmarkKey, Double> stored = Map.of(a, 2.0, b, 2.0, c, 2.0);
        Map<BenchmarkKey, Double> measured = Map.of(a, 3.9, b, 4.3, c, 0.9, d, 1.234);
        assertEquals(Map.of(a, 2.0, b, 4.3, c, 0.9, d, 1.2), ForkSeconds.toRecord(stored, measured, false));
        assertEquals(Map.of(a, 3.9, b, 4.3, c, 0.9, d, 1.2), ForkSeconds.toRecord(stored, measured, true));
        assertEquals(Map.of(), ForkSeconds.toRecord(stored, Map.of(), false), "nothing measured: nothing to store");
    }

    @Test
    void storedWithTheEntryKeptWhenRecordedWithoutOneAndDroppedWithTheEntry(@TempDir Path dir) throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Measurement box = BaselineFixtures.bytesOnly(BENCH + ".box", "avgt", 16, 16, 16);
        Measurement plain = BaselineFixtures.bytesOnly(BENCH + ".plain", "avgt", 0, 0, 0);
        Path file = dir.resolve(BaselineFileNames.fileNameFor(BENCH));

        store.update(List.of(box, plain), name -> true);
        String old = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(old.contains("\"schemaVersion\" : 1") && !old.contains("forkSeconds"), "a file without costs: " + old);
        assertEquals(Map.of(), store.load().forkSeconds());

        UpdateSummary timed = store.update(store.load(), List.of(box, plain), Map.of(), Map.of(box.key(), 3.14159),
                name -> true);
        assertEquals(new UpdateSummary(List.of(file), List.of(), 0, 0, 0, 1), timed, "only the fork time changed");
        assertEquals("0 added, 0 updated, 0 removed, 1 fork time refreshed", timed.counts());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"schemaVersion\" : 3"), text);
        assertTrue(text.contains("\"forkSeconds\" : 3.1,"), text);
        assertEquals(Map.of(box.key(), 3.1), store.load().forkSeconds());

        // Recorded again (new values, no wall time: JMH's own forks or a results file): the cost stays.
        Measurement grown = BaselineFixtures.bytesOnly(BENCH + ".box", "avgt", 32, 32, 32);
        store.update(store.load(), List.of(grown, plain), name -> true);
        assertEquals(Map.of(box.key(), 3.1), store.load().forkSeconds());

        // The entry removed: its cost goes with it, and the file is of schema version 1 again.
        store.update(store.load(), List.of(plain), name -> true);
        assertEquals(Map.of(), store.load().forkSeconds());
        assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains("forkSeconds"));
    }

    @Test
    void aCorruptCostNamesTheFileAndTheBenchmark(@TempDir Path dir) throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Measurement box = BaselineFixtures.bytesOnly(BENCH + ".box", "avgt", 16, 16, 16);
        store.update(store.load(), List.of(box), Map.of(), Map.of(box.key(), 2.0), name -> true);
        Path file = dir.resolve(BaselineFileNames.fileNameFor(BENCH));
        Files.writeString(file, Files.readString(file).replace("\"forkSeconds\" : 2.0", "\"forkSeconds\" : -2.0"));
        InvalidBaselineException e = assertThrows(InvalidBaselineException.class, store::load);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(BENCH + ".box")
                && e.getMessage().contains("/benchmarks/0/forkSeconds"), e.getMessage());
        assertThrows(InvalidBaselineException.class, () -> store.update(List.of(box), name -> true),
                "a corrupt file is never overwritten");
    }
}
