package dev.allocgate.profiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs JMH in a child JVM ({@code java -cp <test class path> org.openjdk.jmh.Main ...}), as the plugin does:
 * JMH's Runner forks with the current JVM's class path, so it cannot run inside the test JVM.
 */
final class JmhRun {

    /** Regex matching every benchmark in {@link dev.allocgate.profiler.bench.CountingBenchmarks}. */
    static final String COUNTING_BENCHMARKS = "^dev\\.allocgate\\.profiler\\.bench\\.CountingBenchmarks\\.";
    /** Regex matching every benchmark in {@link dev.allocgate.profiler.bench.WorkerBytesBenchmarks}. */
    static final String WORKER_BYTES_BENCHMARKS = "^dev\\.allocgate\\.profiler\\.bench\\.WorkerBytesBenchmarks\\.";

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /**
     * The outcome of one JMH run.
     *
     * @param exitCode JMH's exit code
     * @param log      JMH's combined standard output and error
     * @param results  the JSON results file's root array, or empty when JMH wrote none
     * @param wallTime time from process start to exit
     */
    record Outcome(int exitCode, String log, Optional<JsonNode> results, Duration wallTime) {

        /** The result entry of a benchmark method (of the one benchmark class a run selects), if JMH reported it. */
        Optional<JsonNode> benchmark(String method) {
            return results.flatMap(array -> {
                for (JsonNode entry : array) {
                    if (entry.path("benchmark").asText().endsWith("." + method)) {
                        return Optional.of(entry);
                    }
                }
                return Optional.empty();
            });
        }

        /** Every measured iteration's value of a secondary metric, in fork-then-iteration order. */
        List<Double> rawValues(String method, String metric) {
            List<Double> values = new ArrayList<>();
            benchmark(method).map(entry -> entry.path("secondaryMetrics").path(metric).path("rawData"))
                    .ifPresent(forks -> forks.forEach(fork -> fork.forEach(value -> values.add(value.asDouble()))));
            return values;
        }

        /** The score of a secondary metric. */
        Optional<Double> score(String method, String metric) {
            return benchmark(method).map(entry -> entry.path("secondaryMetrics").path(metric))
                    .filter(node -> !node.isMissingNode()).map(node -> node.path("score").asDouble());
        }

        /** The primary metric's score (ns/op for CountingBenchmarks). */
        double primaryScore(String method) {
            return benchmark(method).orElseThrow(() -> new AssertionError("no result for " + method + "\n" + tail()))
                    .path("primaryMetric").path("score").asDouble();
        }

        /** The last lines of the log, for assertion messages. */
        String tail() {
            return log.length() <= 6000 ? log : "..." + log.substring(log.length() - 6000);
        }
    }

    private JmhRun() {
    }

    /** The folder for the runs' files (set by the POM; target/jmh-tests otherwise). */
    static Path workDirectory() throws IOException {
        Path directory = Path.of(System.getProperty("allocgate.test.workDirectory", "target/jmh-tests"));
        Files.createDirectories(directory);
        return directory;
    }

    /**
     * Runs JMH with short settings (1 fork, 2 warm-up iterations of 200 ms, 3 of 100 ms).
     *
     * @param java      the {@code java} executable for the host and its forks
     * @param name      a name for this run's files
     * @param regex     benchmarks to run
     * @param agent     the agent library to load in the forks, or null for none
     * @param profiler  whether to add {@link ObjectCountProfiler}
     * @param jmhTiming JMH timing options, e.g. {@code -wi 2 -w 200ms -i 3 -r 100ms}
     */
    static Outcome run(Path java, String name, String regex, Path agent, boolean profiler, List<String> jmhTiming)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(jmhTiming);
        if (profiler) {
            options.addAll(List.of("-prof", ObjectCountProfiler.class.getName()));
        }
        if (agent != null) {
            options.addAll(List.of("-jvmArgsAppend", "-agentpath:" + agent.toAbsolutePath()));
        }
        return run(java, name, regex, options);
    }

    /**
     * Runs JMH with one fork, failing on error, and the given further options (timing, profilers, JVM arguments).
     *
     * @param java    the {@code java} executable for the host and its forks
     * @param name    a name for this run's files
     * @param regex   benchmarks to run
     * @param options further JMH options, e.g. {@code -wi 2 -w 200ms -i 3 -r 100ms -prof gc}
     */
    static Outcome run(Path java, String name, String regex, List<String> options)
            throws IOException, InterruptedException {
        Path directory = workDirectory().resolve(name);
        Files.createDirectories(directory);
        Path json = directory.resolve("results.json");
        Path log = directory.resolve("jmh.log");
        Files.deleteIfExists(json);

        List<String> command = new ArrayList<>(List.of(java.toString(),
                // A private tmpdir: JMH's global lock file lives there, and other JMH runs may share this host.
                "-Djava.io.tmpdir=" + directory.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                "org.openjdk.jmh.Main", regex, "-f", "1", "-foe", "true"));
        command.addAll(options);
        command.addAll(List.of("-rf", "json", "-rff", json.toAbsolutePath().toString()));

        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("JMH run " + name + " did not finish within " + TIMEOUT + "; log: " + log);
        }
        Duration wallTime = Duration.ofNanos(System.nanoTime() - start);
        Optional<JsonNode> results = Optional.empty();
        if (Files.isRegularFile(json) && Files.size(json) > 0) {
            results = Optional.of(new ObjectMapper().readTree(json.toFile()));
        }
        return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), results, wallTime);
    }

    /** Values as {@code %.6g}, separated by spaces. */
    static String format(List<Double> values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(String.format(Locale.ROOT, " %.6g", value));
        }
        return text.toString().trim();
    }

    /** Prints measurements and keeps them in target/jmh-tests/measurements.txt for the record. */
    static void record(List<String> lines) throws IOException {
        lines.forEach(System.out::println);
        Files.write(workDirectory().resolve("measurements.txt"), lines, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
