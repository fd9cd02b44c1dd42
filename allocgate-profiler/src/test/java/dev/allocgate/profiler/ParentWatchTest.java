package dev.allocgate.profiler;

import org.junit.jupiter.api.Test;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A fork ends when its parent does: the end of its standard input, which the parent holds open, stops it. */
class ParentWatchTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    void theEndOfTheInputEndsTheWatch() throws Exception {
        PipedOutputStream parent = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(parent);
        CountDownLatch ended = new CountDownLatch(1);
        ParentWatch.start(in, ended::countDown);
        parent.write("ignored".getBytes(StandardCharsets.UTF_8));
        parent.flush();
        assertFalse(ended.await(300, TimeUnit.MILLISECONDS), "input that comes is not the end");
        parent.close();
        assertTrue(ended.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aReleasedWatchEndsWithoutItsEndAction() throws Exception {
        PipedOutputStream parent = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(parent);
        CountDownLatch ended = new CountDownLatch(1);
        ParentWatch.Watch watch = ParentWatch.start(in, ended::countDown);
        watch.release(() -> {
            try {
                parent.write(0);
                parent.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertFalse(watch.thread().isAlive(), "the woken watch ended");
        parent.close();
        assertFalse(ended.await(300, TimeUnit.MILLISECONDS), "a released watch takes nothing down");
    }

    /**
     * HotSpot's exit waits up to 300 ms for a thread blocked in a native read (a third of a short fork's life): the
     * shutdown hook's release must wake the read of a real pipe, and the JVM must then exit normally.
     */
    @Test
    void releaseWakesTheReadOfAPipedStandardInput() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc: the exit waits, as it always did");
        Process jvm = new ProcessBuilder(JAVA.toString(), "-cp", System.getProperty("java.class.path"),
                ReleasedWatchMain.class.getName()).redirectErrorStream(true).start(); // input: an open pipe
        try {
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
            String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, jvm.exitValue(), output);
            assertTrue(output.contains("watch alive after release: false"), output);
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void aForkWhoseParentIsGoneStopsMidBenchmark() throws Exception {
        Path directory = JmhRun.workDirectory().resolve("parent-watch");
        Files.createDirectories(directory);
        Path log = directory.resolve("fork.log");
        // Three measurement iterations of a minute each: without the watch the fork would run for minutes.
        List<String> command = List.of(JAVA.toString(), "-Djava.io.tmpdir=" + directory.toAbsolutePath(),
                "-Djmh.ignoreLock=true", "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ForkMain.class.getName(), "run",
                "--benchmark", "dev.allocgate.profiler.bench.CountingBenchmarks.twoObjects", "--mode", "avgt",
                "--profiler", WorkerBytesProfiler.class.getName(),
                "--round-ms", "100", "--max-warmup-ms", "1000", "--iterations", "3", "--iteration-ms", "60000",
                "--result", directory.resolve("fork.json").toAbsolutePath().toString());
        Process fork = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("allocgate-fork warmup") && System.nanoTime() < deadline) {
                assertTrue(fork.isAlive(), "the fork ended early:\n" + Files.readString(log));
                Thread.sleep(100);
            }
            Thread.sleep(1500); // into the measurement

            fork.getOutputStream().close(); // what the OS does when the parent dies, even by kill -9

            assertTrue(fork.waitFor(15, TimeUnit.SECONDS), "the fork outlived its parent:\n" + Files.readString(log));
            assertEquals(ParentWatch.EXIT_PARENT_GONE, fork.exitValue());
        } finally {
            fork.destroyForcibly();
        }
    }

    @Test
    void jmhsOwnHostAndItsForkEndWithTheirParent() throws Exception {
        Path directory = JmhRun.workDirectory().resolve("parent-watch-host");
        Files.createDirectories(directory);
        Path log = directory.resolve("host.log");
        // The fixed engine's command: JMH's main forks a benchmark JVM; one iteration of a minute.
        List<String> command = List.of(JAVA.toString(), "-Djava.io.tmpdir=" + directory.toAbsolutePath(),
                "-Djmh.ignoreLock=true", "-cp", System.getProperty("java.class.path"), WatchedJmhMain.class.getName(),
                "-f", "1", "-wi", "0", "-i", "1", "-r", "60s", "-bm", "avgt",
                "^dev\\.allocgate\\.profiler\\.bench\\.CountingBenchmarks\\.twoObjects$");
        Process host = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (host.children().findAny().isEmpty() && System.nanoTime() < deadline) {
                assertTrue(host.isAlive(), "JMH ended early:\n" + Files.readString(log));
                Thread.sleep(100);
            }
            ProcessHandle fork = host.children().findAny().orElseThrow(() -> new AssertionError("JMH forked no JVM"));
            while (!Files.readString(log).contains("Iteration   1:") && System.nanoTime() < deadline) {
                Thread.sleep(100); // into the measurement, where a JMH fork does not hear from its host for a minute
            }

            host.getOutputStream().close(); // what the OS does when the parent dies, even by kill -9

            assertTrue(host.waitFor(15, TimeUnit.SECONDS), "JMH's host outlived its parent:\n" + Files.readString(log));
            assertEquals(ParentWatch.EXIT_PARENT_GONE, host.exitValue());
            assertTrue(fork.onExit().toCompletableFuture().completeOnTimeout(null, 15, TimeUnit.SECONDS).join() != null
                    && !fork.isAlive(), "JMH's fork outlived its host");
        } finally {
            host.descendants().forEach(ProcessHandle::destroyForcibly);
            host.destroyForcibly();
        }
    }
}
