package dev.allocgate.core.run;

import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.parallel.DaemonThreads;
import dev.allocgate.profiler.ForkProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one command with stdout and stderr merged, hands every line to a consumer on a reader thread, and kills
 * the whole process tree on timeout or interruption.
 */
final class ChildProcess {
    /** Lines of output kept for error messages. */
    static final int TAIL_LINES = 30;
    private static final Duration READER_GRACE = Duration.ofSeconds(10);
    /** How often a waiting run looks at its process tree. */
    static final Duration TICK = Duration.ofMillis(200);

    /** How the process ended: its exit code, or a timeout; with the last lines it printed. */
    record Completion(boolean timedOut, int exitCode, List<String> tail) {
        String tailText() {
            return tail.isEmpty() ? "(no output)" : String.join(System.lineSeparator(), tail);
        }
    }

    private ChildProcess() {
    }

    /**
     * @param description what is being run, for messages ("JMH listing")
     * @param deadline    when to give up and kill the process tree
     * @param lineSink    receives each output line on the reader thread
     */
    static Completion run(String description, List<String> command, Instant deadline, Consumer<String> lineSink)
            throws BenchmarkRunException {
        return run(description, command, deadline, lineSink, process -> { });
    }

    /**
     * As {@link #run(String, List, Instant, Consumer)}, calling {@code whileWaiting} with the process about every
     * {@link #TICK} until it exits (for a watchdog). Descendants seen while waiting that outlive the process (forks
     * orphaned when the process was killed from outside) are killed once it has exited.
     */
    static Completion run(String description, List<String> command, Instant deadline, Consumer<String> lineSink,
            Consumer<Process> whileWaiting) throws BenchmarkRunException {
        Process process;
        try {
            // Standard input stays an open pipe that nothing writes to: allocgate's fork JVMs (ParentWatch) end when
            // it reaches end of file, which the OS delivers when this JVM dies, even by kill -9.
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new BenchmarkRunException("Could not start " + description + " with '" + command.get(0) + "': "
                    + e.getMessage(), e);
        }
        OutputReader reader = new OutputReader(process, lineSink);
        Thread thread = DaemonThreads.start("allocgate-jmh-output-" + process.pid(), reader);
        try {
            Set<ProcessHandle> seen = new HashSet<>();
            boolean exited = false;
            while (!exited) {
                long waitNanos = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
                if (waitNanos == 0) {
                    break;
                }
                exited = process.waitFor(Math.min(waitNanos, TICK.toNanos()), TimeUnit.NANOSECONDS);
                if (!exited) {
                    process.descendants().forEach(seen::add);
                    whileWaiting.accept(process);
                }
            }
            if (!exited) {
                destroyTree(process);
            }
            seen.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            closeQuietly(process.getOutputStream()); // the process has ended or been killed: its input pipe is done
            thread.join(READER_GRACE.toMillis());
            if (thread.isAlive()) {
                // A grandchild still holds the pipe open: take it down too, then stop reading.
                destroyTree(process);
                process.getInputStream().close();
                thread.join(READER_GRACE.toMillis());
            }
            if (reader.sinkFailure != null) {
                throw new BenchmarkRunException("Output handler failed while reading " + description + ": "
                        + reader.sinkFailure, reader.sinkFailure);
            }
            return new Completion(!exited, exited ? process.exitValue() : -1, reader.tail());
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new BenchmarkRunException("Interrupted while waiting for " + description
                    + "; the JMH process tree was killed", e);
        } catch (IOException e) {
            throw new BenchmarkRunException("Could not read the output of " + description + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(java.io.OutputStream stdin) {
        try {
            stdin.close();
        } catch (IOException e) {
            // the child is gone; nothing to tell it
        }
    }

    /** Kills the process and every descendant (JMH's forks), waiting briefly for them to go. */
    static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        // Poll rather than onExit(): for a grandchild, which is not our child, the JDK notices exit slowly.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while ((process.isAlive() || descendants.stream().anyMatch(ProcessHandle::isAlive))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Best effort: a process that has not died within the grace period is left to the OS.
    }

    private static final class OutputReader implements Runnable {
        private final Process process;
        private final Consumer<String> lineSink;
        private final Deque<String> tail = new ArrayDeque<>();
        private volatile RuntimeException sinkFailure;

        OutputReader(Process process, Consumer<String> lineSink) {
            this.process = process;
            this.lineSink = lineSink;
        }

        @Override
        public void run() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), ForkProtocol.lineCharset()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (tail) {
                        if (tail.size() == TAIL_LINES) {
                            tail.removeFirst();
                        }
                        tail.addLast(line);
                    }
                    if (sinkFailure == null) {
                        try {
                            lineSink.accept(line);
                        } catch (RuntimeException e) {
                            sinkFailure = e; // keep draining so the child never blocks on a full pipe
                        }
                    }
                }
            } catch (IOException e) {
                // The stream was closed because the process tree was killed.
            }
        }

        List<String> tail() {
            synchronized (tail) {
                return new ArrayList<>(tail);
            }
        }
    }
}
