package dev.allocgate.core.baseline;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.allocgate.core.baseline.BaselineFixtures.FOO;
import static dev.allocgate.core.baseline.BaselineFixtures.bytesOnly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineStoreTest {

    private static final String BAR = "dev.allocgate.samples.bar";

    @TempDir
    Path dir;

    @Test
    void missingDirectoryLoadsAsEmptyAndSaysSo() throws Exception {
        BaselineSet set = new BaselineStore(dir.resolve("absent")).load();
        assertTrue(set.isEmpty());
        assertFalse(set.directoryExists());

        BaselineSet empty = new BaselineStore(dir).load();
        assertTrue(empty.isEmpty());
        assertTrue(empty.directoryExists());
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsFoundBeforeAnythingRuns() throws Exception {
        new BaselineStore(dir.resolve("new/deeper")).requireWritable(); // created on the first write
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
        BaselineDirectoryNotWritableException underFile = assertThrows(BaselineDirectoryNotWritableException.class,
                () -> new BaselineStore(file.resolve("baselines")).requireWritable());
        assertEquals("cannot write baselines in " + file.resolve("baselines") + ": its parent " + file
                + " is not a directory", underFile.getMessage());

        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(readOnly), "root writes anywhere");
        BaselineDirectoryNotWritableException denied = assertThrows(BaselineDirectoryNotWritableException.class,
                () -> new BaselineStore(readOnly).requireWritable());
        assertTrue(denied.getMessage().endsWith("the directory does not allow creating files (read-only?)"),
                denied.getMessage());
    }

    @Test
    void writesTheGoldenFileWhateverTheInputOrder() throws Exception {
        List<Measurement> entries = new ArrayList<>(BaselineFixtures.goldenFooEntries());
        byte[] golden = BaselineFixtures.resource("golden-foo.json");
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(entries, random);
            Path target = dir.resolve("round" + round);
            new BaselineStore(target).update(entries, name -> true);
            Path file = target.resolve(BaselineStore.fileNameFor(FOO));
            assertEquals(new String(golden, StandardCharsets.UTF_8), Files.readString(file));
            assertArrayEquals(golden, Files.readAllBytes(file), "byte-identical, including LF and trailing newline");
        }
    }

    @Test
    void roundTripGivesBackTheMeasurementsAsRounded() throws Exception {
        Measurement exact = new Measurement(BenchmarkKey.of(BAR + ".exact", "avgt", Map.of("n", "1", "a/b~c", "x")),
                Map.of(Metric.BYTES_PER_OP, Sample.of(16, 24.5, 0.0001), Metric.ALLOC_RATE, Sample.of(1500.125)),
                64.0, BaselineFixtures.fullEnvironment(), Measurement.BytesCounted.BENCHMARK_THREADS);
        Measurement unknownEnv = bytesOnly(FOO + ".plain", "ss", 0, 0);
        BaselineStore store = new BaselineStore(dir);
        store.update(List.of(exact, unknownEnv), name -> true);

        BaselineSet loaded = store.load();
        assertEquals(Map.of(exact.key(), exact, unknownEnv.key(), unknownEnv), loaded.entries());
        assertEquals(dir.resolve(BaselineStore.fileNameFor(BAR)), loaded.sources().get(exact.key()));
        assertEquals(dir.resolve(BaselineStore.fileNameFor(FOO)), loaded.sources().get(unknownEnv.key()));

        // Values with more decimals come back rounded, exactly as canonical() predicts.
        List<Measurement> golden = BaselineFixtures.goldenFooEntries();
        BaselineStore other = new BaselineStore(dir.resolve("other"));
        other.update(golden, name -> true);
        Map<BenchmarkKey, Measurement> expected = new TreeMap<>();
        golden.forEach(m -> expected.put(m.key(), BaselineWriter.canonical(m)));
        assertEquals(expected, other.load().entries());
    }

    @Test
    void roundsHalfEvenToFourDecimalsWithoutExponents() {
        // Oracle: the decimal expansion of the nearest double, rounded by hand.
        assertEquals("0.3333", BaselineWriter.plainDecimal(1.0 / 3));
        assertEquals("0.0001", BaselineWriter.plainDecimal(1e-4));
        assertEquals("0.0", BaselineWriter.plainDecimal(4e-5));
        assertEquals("0.0", BaselineWriter.plainDecimal(-0.0));
        assertEquals("2.0", BaselineWriter.plainDecimal(2.00005)); // tie, to even
        assertEquals("2.0002", BaselineWriter.plainDecimal(2.00015)); // tie, to even
        assertEquals("12345678.1235", BaselineWriter.plainDecimal(12345678.123456));
        assertEquals("100000000000000000000.0", BaselineWriter.plainDecimal(1e20));
        assertEquals("16.0", BaselineWriter.plainDecimal(16));
    }

    @Test
    void rewritingTheSameDataChangesNoFile() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        UpdateSummary first = store.update(BaselineFixtures.goldenFooEntries(), name -> true);
        assertEquals(1, first.written().size());
        assertEquals(4, first.added());
        byte[] before = Files.readAllBytes(first.written().get(0));

        UpdateSummary again = store.update(BaselineFixtures.goldenFooEntries(), name -> true);
        assertEquals(new UpdateSummary(List.of(), List.of(), 0, 0, 0), again);
        UpdateSummary reloaded = store.update(store.load().entries().values(), name -> true);
        assertEquals(new UpdateSummary(List.of(), List.of(), 0, 0, 0), reloaded);
        assertArrayEquals(before, Files.readAllBytes(first.written().get(0)));
    }

    @Test
    void updateReplacesSelectedKeepsOthersRemovesVanishedAndDeletesEmptyFiles() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Measurement fooA = bytesOnly(FOO + ".a", "avgt", 8, 8, 8);
        Measurement fooB = bytesOnly(FOO + ".b", "avgt", 16, 16, 16);
        Measurement fooC = bytesOnly(FOO + ".c", "avgt", 24, 24, 24);
        Measurement barX = bytesOnly(BAR + ".x", "avgt", 32, 32, 32);
        Measurement bazY = bytesOnly("dev.allocgate.samples.baz.y", "avgt", 1, 1, 1);
        store.update(List.of(fooA, fooB, fooC, barX, bazY), name -> true);
        Path fooFile = dir.resolve(BaselineStore.fileNameFor(FOO));
        Path barFile = dir.resolve(BaselineStore.fileNameFor(BAR));
        Path bazFile = dir.resolve(BaselineStore.fileNameFor("dev.allocgate.samples.baz"));
        byte[] bazBefore = Files.readAllBytes(bazFile);

        // This run covered Foo.a, Foo.b, Foo.d and all of bar: a changed, b unchanged, d new, bar.x gone.
        Measurement fooA2 = bytesOnly(FOO + ".a", "avgt", 9, 9, 9);
        Measurement fooD = bytesOnly(FOO + ".d", "avgt", 40, 40);
        UpdateSummary summary = store.update(List.of(fooA2, fooB, fooD),
                name -> name.startsWith(FOO + ".a") || name.startsWith(FOO + ".b") || name.startsWith(FOO + ".d")
                        || name.startsWith(BAR + "."));

        assertEquals(List.of(fooFile), summary.written());
        assertEquals(List.of(barFile), summary.deleted());
        assertEquals(1, summary.added());
        assertEquals(1, summary.updated());
        assertEquals(1, summary.removed());
        assertFalse(Files.exists(barFile));
        assertArrayEquals(bazBefore, Files.readAllBytes(bazFile), "an untouched class file is not rewritten");

        Map<BenchmarkKey, Measurement> expected = new TreeMap<>();
        for (Measurement m : List.of(fooA2, fooB, fooC, fooD, bazY)) {
            expected.put(m.key(), m);
        }
        assertEquals(expected, store.load().entries());
    }

    @Test
    void unselectedEntriesSurviveEvenWhenTheRunHasNothing() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Measurement fooA = bytesOnly(FOO + ".a", "avgt", 8);
        store.update(List.of(fooA), name -> true);
        UpdateSummary summary = store.update(List.of(), name -> false);
        assertFalse(summary.changedFiles());
        assertEquals(Map.of(fooA.key(), fooA), store.load().entries());
    }

    @Test
    void aMeasurementThatCannotBeStoredLeavesEveryFileUntouched() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        store.update(List.of(bytesOnly(FOO + ".a", "avgt", 8), bytesOnly(BAR + ".x", "avgt", 1)), name -> true);
        Map<Path, byte[]> before = snapshot();

        Measurement fine = bytesOnly(FOO + ".a", "avgt", 99);
        Measurement broken = new Measurement(BenchmarkKey.of(BAR + ".x", "avgt", Map.of()),
                Map.of(Metric.BYTES_PER_OP, Sample.of(2)), Double.POSITIVE_INFINITY, Environment.UNKNOWN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.update(List.of(fine, broken), name -> true));
        assertTrue(e.getMessage().contains(BAR + ".x"), e.getMessage());
        assertSameFiles(before, snapshot());
    }

    @Test
    void aDirectoryWhereABaselineMustGoFailsAndLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        store.update(List.of(bytesOnly(FOO + ".a", "avgt", 8)), name -> true);
        // A non-empty directory where bar's file must go: the rename onto it fails.
        Path blocker = dir.resolve(BaselineStore.fileNameFor(BAR));
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("keep"), "x");
        Map<Path, byte[]> before = snapshot();

        // The directory is an unreadable baseline entry: the update fails before it writes anything.
        InvalidBaselineException e = assertThrows(InvalidBaselineException.class,
                () -> store.update(List.of(bytesOnly(BAR + ".x", "avgt", 1)), name -> true));
        assertEquals(blocker, e.file());
        assertSameFiles(before, snapshot());
    }

    @Test
    void aCorruptBaselineIsNeverOverwritten() throws Exception {
        Path file = dir.resolve(BaselineStore.fileNameFor(FOO));
        Files.writeString(file, "{\"schemaVersion\" : 1, \"benchmarkClass\" : ");
        InvalidBaselineException e = assertThrows(InvalidBaselineException.class,
                () -> new BaselineStore(dir).update(List.of(bytesOnly(FOO + ".a", "avgt", 8)), name -> true));
        assertEquals(file, e.file());
        assertEquals("{\"schemaVersion\" : 1, \"benchmarkClass\" : ", Files.readString(file));
    }

    @Test
    void rejectsTwoMeasurementsWithTheSameKey() {
        BaselineStore store = new BaselineStore(dir);
        assertThrows(IllegalArgumentException.class, () -> store.update(
                List.of(bytesOnly(FOO + ".a", "avgt", 8), bytesOnly(FOO + ".a", "avgt", 9)), name -> true));
    }

    @Test
    void ignoresOtherFilesAndLeftoverTemporaryFiles() throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Measurement m = bytesOnly(FOO + ".a", "avgt", 8);
        store.update(List.of(m), name -> true);
        Files.writeString(dir.resolve("README.md"), "# baselines");
        Files.writeString(dir.resolve("." + BaselineStore.fileNameFor(FOO) + ".0123456789ab" + AtomicFiles.TEMP_SUFFIX), "{");
        Files.createDirectories(dir.resolve("nested")); // a directory named *.json is an error: BaselineDirectoryEntriesTest
        assertEquals(Map.of(m.key(), m), store.load().entries());
    }

    private Map<Path, byte[]> snapshot() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            Map<Path, byte[]> out = new TreeMap<>();
            for (Path p : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                out.put(dir.relativize(p), Files.readAllBytes(p));
            }
            return out;
        }
    }

    private static void assertSameFiles(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "no file created or deleted, no temporary file left");
        before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path + " unchanged"));
    }
}
