package dev.allocgate.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.profiler.WorkerBytesProfiler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method's AverageTime and SampleTime modes are measured alike, so one fork serves both: each mode takes the forks
 * in the order they started, as many as it asks for, and the run starts as many as the most demanding mode needs.
 * Real forks, one at a time.
 */
class SharedForksTest {

    private static final String BENCHMARK = "dev.allocgate.core.run.TwoModeBenchmark.newArray";
    private static final Pattern FORK_LINE = Pattern.compile("^\\[(\\d+)/\\d+\\] " + Pattern.quote(BENCHMARK)
            + " \\[(\\w+)\\] fork (\\d+): ([0-9.]+) B/op");

    private static RunSettings settings(Path temp) {
        return settings(temp, BENCHMARK);
    }

    private static RunSettings settings(Path temp, String benchmark) {
        return new RunSettings(TestClassPath.java(), TestClassPath.entries(), List.of("^" + Pattern.quote(benchmark) + "$"),
                List.of(), 1, 0, Duration.ofMillis(50), 2, Duration.ofMillis(20), List.of(), Optional.empty(),
                temp.resolve("work"), Duration.ofMinutes(2), List.of(WorkerBytesProfiler.class.getName()));
    }

    @Test
    void theModesOfOneMethodShareTheirForks(@TempDir Path temp) throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        // avgt asks for two forks in all, sample for three
        AdaptiveRunner.ForkDecider decider = (target, soFar) -> {
            int forks = soFar.sample(Metric.BYTES_PER_OP).orElseThrow().size();
            int wanted = target.mode().equals("avgt") ? 2 : 3;
            return forks < wanted ? new AdaptiveRunner.Decision(wanted - forks, "more")
                    : AdaptiveRunner.Decision.done("enough");
        };
        Path result = temp.resolve("result.json");
        RunOutcome outcome = new AdaptiveRunner(line -> { }, progress::add).run(settings(temp), new ForkPlan(1, 3, 3, 3, 1,
                Duration.ofSeconds(2), 3), 1, decider, List.of(), result);
        assertTrue(outcome.failures().isEmpty(), outcome.failures().toString());

        Map<String, List<Integer>> jvmsByMode = new TreeMap<>();
        Map<Integer, List<String>> bytesByJvm = new TreeMap<>();
        for (String line : progress) {
            Matcher m = FORK_LINE.matcher(line);
            if (m.find()) {
                int jvm = Integer.parseInt(m.group(1));
                jvmsByMode.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(jvm);
                bytesByJvm.computeIfAbsent(jvm, k -> new ArrayList<>()).add(m.group(4));
            }
        }
        assertEquals(List.of(1, 2), jvmsByMode.get("avgt"), progress.toString());
        assertEquals(List.of(1, 2, 3), jvmsByMode.get("sample"), "three JVMs for five forks: " + progress);
        bytesByJvm.forEach((jvm, bytes) -> assertEquals(1, bytes.stream().distinct().count(),
                "one JVM, one figure for both modes: " + bytes));
        assertTrue(progress.stream().anyMatch(line -> line.contains("one JVM for [avgt] and [sample]")), progress.toString());

        Map<String, Integer> forksInResult = new JmhResultReader().read(result).stream().collect(Collectors.toMap(
                (Measurement m) -> m.key().mode(), m -> m.sample(Metric.BYTES_PER_OP).orElseThrow().size()));
        assertEquals(Map.of("avgt", 2, "sample", 3), forksInResult);
    }

    /** A shared fork that fails fails every mode that takes it, with the fork's reason, and runs no further fork. */
    @Test
    void aFailedSharedForkFailsEveryModeThatTakesIt(@TempDir Path temp) throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        List<FailedForkOutput> shown = Collections.synchronizedList(new ArrayList<>());
        String failing = "dev.allocgate.core.run.TwoModeBenchmark.fail";
        assertThrows(BenchmarkRunException.class, () -> new AdaptiveRunner(line -> { }, progress::add, shown::add).run(
                settings(temp, failing), new ForkPlan(1, 3, 3, 3, 1, Duration.ofSeconds(2), 3), 2,
                (target, soFar) -> AdaptiveRunner.Decision.done("enough"), List.of(), temp.resolve("result.json")));
        List<String> failed = progress.stream().filter(line -> line.contains(" FAILED: ")).toList();
        assertEquals(2, failed.size(), progress.toString());
        assertTrue(failed.get(0).startsWith("[1/2] " + failing + " [avgt] fork 1 FAILED: ")
                && failed.get(1).startsWith("[1/2] " + failing + " [sample] fork 1 FAILED: "), failed.toString());
        assertTrue(failed.stream().allMatch(line -> line.contains(TwoModeBenchmark.MESSAGE)), failed.toString());
        assertEquals(1, shown.size(), "the failed fork's output once: " + shown);
        assertTrue(progress.stream().noneMatch(line -> line.startsWith("[2/")), "fork 2 not started: " + progress);
    }
}
