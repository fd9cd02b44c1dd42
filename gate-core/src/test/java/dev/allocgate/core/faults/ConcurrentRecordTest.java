package dev.allocgate.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.parallel.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code record}s writing one baseline directory at the same moment, in two JVMs ({@link BaselineWriterChild}
 * {@code record}: load, wait for a common start signal, update with what was loaded as the basis), and in two threads
 * of one JVM ({@code mvn -T} with a shared baseline directory).
 */
class ConcurrentRecordTest {
    private static final String X = "dev.allocgate.faults.race.X";
    private static final String Y = "dev.allocgate.faults.race.Y";
    private static final int ROUNDS = 3;

    @TempDir
    Path temp;

    @Test
    void differentClassesBothLand() throws Exception {
        Path dir = temp.resolve("baselines");
        Outcome[] both = race(dir, new Writer(100, X + ".a"), new Writer(200, Y + ".a"));

        assertEquals(0, both[0].exitCode, both[0].output);
        assertEquals(0, both[1].exitCode, both[1].output);
        assertEquals(Map.of(key(X + ".a"), BaselineWriterChild.entry(X + ".a", 100),
                key(Y + ".a"), BaselineWriterChild.entry(Y + ".a", 200)), new BaselineStore(dir).load().entries());
    }

    /** Without the directory lock both would read the file without the other's entry, and the last write would win. */
    @Test
    void differentBenchmarksOfOneClassBothLandEveryTime() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Path dir = temp.resolve("baselines-" + round);
            Outcome[] both = race(dir, new Writer(100, X + ".a"), new Writer(200, X + ".b"));

            assertEquals(0, both[0].exitCode, both[0].output);
            assertEquals(0, both[1].exitCode, both[1].output);
            assertEquals(Map.of(key(X + ".a"), BaselineWriterChild.entry(X + ".a", 100),
                            key(X + ".b"), BaselineWriterChild.entry(X + ".b", 200)),
                    new BaselineStore(dir).load().entries(), "round " + round + ": no lost update");
        }
    }

    @Test
    void sameBenchmarkOneWinsWholeAndTheOtherSaysSo() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Path dir = temp.resolve("baselines-" + round);
            // Both record X.a and X.b, with different values; both read the same, older X.a first.
            new BaselineStore(dir).update(List.of(BaselineWriterChild.entry(X + ".a", 1)), name -> false);
            Path expectedA = temp.resolve("expected-a-" + round);
            Path expectedB = temp.resolve("expected-b-" + round);
            for (Path expected : List.of(expectedA, expectedB)) {
                new BaselineStore(expected).update(List.of(BaselineWriterChild.entry(X + ".a", 1)), name -> false);
            }
            new BaselineStore(expectedA).update(List.of(BaselineWriterChild.entry(X + ".a", 100),
                    BaselineWriterChild.entry(X + ".b", 100)), name -> false);
            new BaselineStore(expectedB).update(List.of(BaselineWriterChild.entry(X + ".a", 200),
                    BaselineWriterChild.entry(X + ".b", 200)), name -> false);

            Outcome[] both = race(dir, new Writer(100, X + ".a", X + ".b"), new Writer(200, X + ".a", X + ".b"));

            List<Integer> codes = List.of(both[0].exitCode, both[1].exitCode);
            assertTrue(codes.equals(List.of(0, BaselineWriterChild.CONFLICT_EXIT))
                    || codes.equals(List.of(BaselineWriterChild.CONFLICT_EXIT, 0)), "round " + round + ": exactly one"
                    + " wins: " + both[0].output + " / " + both[1].output);
            int winner = both[0].exitCode == 0 ? 0 : 1;
            String loserSays = both[1 - winner].output;
            String file = BaselineStore.fileNameFor(X);
            assertTrue(loserSays.contains(file) && loserSays.contains("changed while recording")
                    && loserSays.contains("run record again") && loserSays.contains(X + ".a"), loserSays);
            assertEquals(FaultFixtures.snapshot(winner == 0 ? expectedA : expectedB), FaultFixtures.snapshot(dir),
                    "round " + round + ": the file is exactly the winner's");
        }
    }

    /** Two threads of one JVM: the OS file lock alone would throw OverlappingFileLockException here. */
    @Test
    void threadsOfOneJvmWaitForEachOther() throws Exception {
        Path dir = temp.resolve("baselines");
        int perThread = 25;
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (String benchmark : List.of(X + ".a", X + ".b")) {
            writers.add(CompletableFuture.runAsync(() -> {
                BaselineStore store = new BaselineStore(dir);
                for (int i = 1; i <= perThread; i++) {
                    try {
                        store.update(List.of(BaselineWriterChild.entry(benchmark + i, i)), name -> false);
                    } catch (Exception e) {
                        throw new AssertionError(benchmark + i + ": " + e, e);
                    }
                }
            }, DaemonThreads.named("writer-" + benchmark))); // not the common pool, which may have one worker
        }
        writers.forEach(CompletableFuture::join);

        Map<BenchmarkKey, Measurement> expected = IntStream.rangeClosed(1, perThread).boxed()
                .flatMap(i -> List.of(BaselineWriterChild.entry(X + ".a" + i, i), BaselineWriterChild.entry(X + ".b" + i, i)).stream())
                .collect(Collectors.toMap(Measurement::key, m -> m));
        assertEquals(expected, new BaselineStore(dir).load().entries(), "all 50 entries landed");
        assertEquals(List.of(BaselineStore.fileNameFor(X)), List.copyOf(FaultFixtures.snapshot(dir).keySet()),
                "one class file and nothing else (no lock file, no temporary file)");
    }

    private record Writer(double value, String... benchmarks) {
    }

    private record Outcome(int exitCode, String output) {
    }

    /** Starts both writers, waits until both have loaded, lets them go at once, and waits for both to end. */
    private Outcome[] race(Path dir, Writer first, Writer second) throws Exception {
        Path go = temp.resolve("go-" + System.nanoTime());
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (Writer writer : List.of(first, second)) {
            List<String> args = new ArrayList<>(List.of("record", dir.toString(), go.toString(),
                    Double.toString(writer.value())));
            args.addAll(List.of(writer.benchmarks()));
            Process child = FaultFixtures.startJava(BaselineWriterChild.class, args.toArray(String[]::new));
            children.add(child);
            outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
        }
        List<String> beforeGo = new ArrayList<>();
        for (BufferedReader output : outputs) {
            beforeGo.add(readUntil(output, "loaded"));
        }
        Files.createFile(go);
        Outcome[] outcomes = new Outcome[2];
        for (int i = 0; i < 2; i++) {
            String rest = beforeGo.get(i) + readAll(outputs.get(i));
            assertTrue(children.get(i).waitFor(30, TimeUnit.SECONDS), "writer " + i + " ended");
            outcomes[i] = new Outcome(children.get(i).exitValue(), rest);
        }
        assertTrue(FaultFixtures.snapshot(dir).keySet().stream().noneMatch(name -> name.startsWith(".")),
                "no lock or temporary file in the baseline directory");
        return outcomes;
    }

    private static String readUntil(BufferedReader output, String expected) throws IOException {
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            if (line.equals(expected)) {
                return seen.toString();
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("writer ended before '" + expected + "': " + seen);
    }

    private static String readAll(BufferedReader output) throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            all.append(line).append('\n');
        }
        return all.toString();
    }

    private static BenchmarkKey key(String benchmark) {
        return BenchmarkKey.of(benchmark, "avgt", Map.of());
    }
}
