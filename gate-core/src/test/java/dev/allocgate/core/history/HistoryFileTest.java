package dev.allocgate.core.history;

import dev.allocgate.core.model.BenchmarkKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryFileTest {

    static HistoryRun run(int day, double bytes) {
        return new HistoryRun(Instant.parse("2026-12-01T06:00:00Z").plusSeconds(86_400L * day), "a".repeat(40), "jdk17",
                List.of(new HistoryResult(BenchmarkKey.of("com.acme.Alloc.list", "avgt", Map.of("size", "8")), bytes, 3, "UNCHANGED"),
                        new HistoryResult(BenchmarkKey.of("com.acme.Alloc.crash", "avgt", Map.of()), Double.NaN, Double.NaN,
                                "FAILED")));
    }

    @Test
    void appendedRunsReadBackInOrderAndOldBytesNeverChange(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/history.jsonl");
        HistoryFile.append(file, run(0, 64));
        byte[] first = Files.readAllBytes(file);
        HistoryFile.append(file, run(1, 72.5));

        byte[] both = Files.readAllBytes(file);
        assertArrayEquals(first, java.util.Arrays.copyOf(both, first.length), "the first line is untouched");
        HistoryFile.Contents contents = HistoryFile.read(file);
        assertEquals(List.of(run(0, 64), run(1, 72.5)), contents.runs());
        assertEquals(List.of(), contents.warnings());
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void threadsOfOneJvmAppendInTurn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.Queue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 8; i++) {
            int day = i;
            Thread t = new Thread(() -> {
                try {
                    HistoryFile.append(file, run(day, 8 * day));
                } catch (Exception e) {
                    errors.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(8, HistoryFile.read(file).runs().size());
    }

    @Test
    void aMissingFileHasNoRuns(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), HistoryFile.read(dir.resolve("none.jsonl")).runs());
    }

    @Test
    void aCorruptLineNamesFileAndLineAndNothingIsAppended(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        HistoryFile.append(file, run(0, 64));
        Files.writeString(file, "{\"history\":1,\"date\":\"yesterday\"}\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(file, HistoryFile.format(run(1, 64)) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        byte[] unchanged = Files.readAllBytes(file);
        InvalidHistoryException e = assertThrows(InvalidHistoryException.class, () -> HistoryFile.read(file));
        assertEquals(file, e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains(file + " line 2: \"date\""), e.getMessage());
        assertThrows(InvalidHistoryException.class, () -> HistoryFile.append(file, run(2, 64)));
        assertArrayEquals(unchanged, Files.readAllBytes(file), "a failed append writes nothing");
    }

    @Test
    void everyKindOfDamageIsAnError(@TempDir Path dir) throws Exception {
        String good = HistoryFile.format(run(0, 64));
        for (String bad : List.of("not json", "[]", good.replace("\"history\":1", "\"history\":2"),
                good.replace("\"bytes\":64.0", "\"bytes\":-1"), good.replace("\"bytes\":64.0", "\"bytes\":\"64\""),
                good.replace("\"environment\":\"jdk17\",", ""), good + " trailing", "\uFEFF" + good,
                good.replace("\"mode\":\"avgt\"", "\"mode\":\"avgt\",\"mode\":\"thrpt\""), "")) {
            Path file = dir.resolve("h" + bad.hashCode() + ".jsonl");
            Files.writeString(file, bad + "\n", StandardCharsets.UTF_8);
            InvalidHistoryException e = assertThrows(InvalidHistoryException.class, () -> HistoryFile.read(file), bad);
            assertEquals(1, e.line(), bad);
        }
    }

    @Test
    void aTornLastLineIsIgnoredWithAWarningAndCutByTheNextAppend(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        HistoryFile.append(file, run(0, 64));
        String line = HistoryFile.format(run(1, 80));
        Files.writeString(file, line.substring(0, line.length() / 2), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        HistoryFile.Contents torn = HistoryFile.read(file);
        assertEquals(List.of(run(0, 64)), torn.runs());
        assertEquals(1, torn.warnings().size());
        assertTrue(torn.warnings().get(0).contains(file + " line 2 has no line feed"), torn.warnings().get(0));

        List<String> warnings = HistoryFile.append(file, run(2, 96));
        assertEquals(torn.warnings(), warnings);
        HistoryFile.Contents after = HistoryFile.read(file);
        assertEquals(List.of(run(0, 64), run(2, 96)), after.runs());
        assertEquals(List.of(), after.warnings());
    }

    @Test
    void aLineHoldsOnlyWhatIsKnown() {
        String line = HistoryFile.format(run(0, 64));
        assertEquals("{\"history\":1,\"date\":\"2026-12-01T06:00:00Z\",\"commit\":\"" + "a".repeat(40)
                + "\",\"environment\":\"jdk17\",\"results\":[{\"benchmark\":\"com.acme.Alloc.crash\",\"mode\":\"avgt\","
                + "\"verdict\":\"FAILED\"},{\"benchmark\":\"com.acme.Alloc.list\",\"mode\":\"avgt\",\"params\":{\"size\":\"8\"},"
                + "\"bytes\":64.0,\"objects\":3.0,\"verdict\":\"UNCHANGED\"}]}", line);
    }

    @Test
    void trendsKeepTheLatestRunsOfOneEnvironment() {
        HistoryRun other = new HistoryRun(Instant.parse("2026-12-09T00:00:00Z"), "", "jdk25", run(0, 1).results());
        Trends trends = Trends.of(List.of(run(0, 10), run(1, 20), other, run(2, 30)), "jdk17", 2);
        assertEquals(2, trends.runs());
        BenchmarkKey key = BenchmarkKey.of("com.acme.Alloc.list", "avgt", Map.of("size", "8"));
        assertEquals(List.of(20.0, 30.0), trends.of(key).stream().map(Trends.Point::bytesPerOp).toList());
        assertEquals(List.of(), trends.of(BenchmarkKey.of("nope", "avgt", Map.of())));
    }
}
