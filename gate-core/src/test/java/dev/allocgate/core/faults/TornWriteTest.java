package dev.allocgate.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.model.Measurement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record} killed with SIGKILL while it writes: a child JVM ({@link BaselineWriterChild} {@code loop}) rewrites
 * several large baseline files over and over, alternating between two versions, and is killed at random moments.
 * After every kill the directory must load, and every file must be exactly one of the two versions.
 */
class TornWriteTest {
    private static final int KILLS = 30;
    private static final int CLASSES = 3;
    private static final int SAMPLES = 2_000;
    /** Fixed seed: a failure can be replayed with the same kill delays. */
    private static final long SEED = 20240917L;

    @Test
    void everyFileIsTheOldOrTheNewVersionAfterEachKill(@TempDir Path temp) throws Exception {
        // The two versions' bytes, written by this JVM into scratch directories.
        List<Map<String, String>> versions = List.of(written(temp.resolve("v0"), 0), written(temp.resolve("v1"), 1));
        for (String name : versions.get(0).keySet()) {
            assertNotEquals(versions.get(0).get(name), versions.get(1).get(name), "versions differ for " + name);
        }
        Path dir = temp.resolve("baselines");
        new BaselineStore(dir).update(BaselineWriterChild.versioned(0, CLASSES, SAMPLES), name -> false);

        Random random = new Random(SEED);
        int killsLeavingTempFiles = 0;
        Set<String> seenMixes = new TreeSet<>();
        Process next = startWriter(dir, temp.resolve("scratch-0"));
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = next;
            next = kill + 1 < KILLS ? startWriter(dir, temp.resolve("scratch-" + (kill + 1))) : null;
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                await(out, "waiting");
                child.getOutputStream().write('\n');
                child.getOutputStream().flush();
                await(out, "ready");
                if (kill % 2 == 0) {
                    Thread.sleep(random.nextInt(60)); // anywhere in the loop: reading, serializing, writing
                } else {
                    awaitTemporaryFile(dir); // while a file is being written, or just renamed
                }
            } finally {
                child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks in the child
                assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child killed");
            }

            Map<String, String> files = new TreeMap<>(FaultFixtures.snapshot(dir));
            List<String> leftovers = files.keySet().stream().filter(n -> n.startsWith(".")).toList();
            killsLeavingTempFiles += leftovers.stream().anyMatch(n -> n.endsWith(".tmp")) ? 1 : 0;
            files.keySet().removeAll(leftovers);
            assertEquals(versions.get(0).keySet(), files.keySet(), "after kill " + kill + ": the same class files");
            StringBuilder mix = new StringBuilder();
            for (Map.Entry<String, String> file : files.entrySet()) {
                String content = file.getValue();
                if (content.equals(versions.get(0).get(file.getKey()))) {
                    mix.append('0');
                } else if (content.equals(versions.get(1).get(file.getKey()))) {
                    mix.append('1');
                } else {
                    fail("after kill " + kill + ", " + file.getKey() + " is neither version (" + content.length()
                            + " bytes); leftovers " + leftovers);
                }
            }
            seenMixes.add(mix.toString());
            BaselineSet loaded = new BaselineStore(dir).load(); // leftovers must not break loading
            assertEquals(CLASSES, loaded.size(), "after kill " + kill);
        }
        System.out.println("TornWriteTest: " + KILLS + " kills; " + killsLeavingTempFiles + " left temporary files;"
                + " file versions seen (per class): " + seenMixes);
        assertTrue(killsLeavingTempFiles > 0, "some kill landed in the middle of writing a file");

        // The next update gets the lock the killed writer held (the OS released it) and clears what it left behind.
        new BaselineStore(dir).update(BaselineWriterChild.versioned(1, CLASSES, SAMPLES), name -> false);
        assertEquals(versions.get(1), FaultFixtures.snapshot(dir), "only the class files remain, at version 1");
    }

    private static Map<String, String> written(Path dir, int version) throws Exception {
        new BaselineStore(dir).update(BaselineWriterChild.versioned(version, CLASSES, SAMPLES), name -> false);
        return FaultFixtures.snapshot(dir);
    }

    private static void awaitTemporaryFile(Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        fail("the writer child never wrote a temporary file in 5 s");
    }

    /** A writer child that warms up on its own scratch directory and then waits for a line on stdin. */
    private static Process startWriter(Path dir, Path scratch) throws IOException {
        return FaultFixtures.startJava(BaselineWriterChild.class, "loop", dir.toString(), Integer.toString(CLASSES),
                Integer.toString(SAMPLES), scratch.toString());
    }

    private static void await(BufferedReader childOutput, String expected) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = childOutput.readLine()) != null) {
            if (line.equals(expected)) {
                return;
            }
            lines.add(line);
        }
        fail("the writer child ended before printing '" + expected + "': " + lines);
    }
}
