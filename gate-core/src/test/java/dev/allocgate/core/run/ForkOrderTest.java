package dev.allocgate.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.allocgate.core.model.Metric;
import dev.allocgate.profiler.WorkerBytesProfiler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark's further forks run before the first forks of benchmarks still waiting: a decision waits for them, and a
 * run that left them to the end would finish with one benchmark's forks one after another while the other slots
 * idle. Real forks, one at a time.
 */
class ForkOrderTest {

    private static final String ALLOCATING = "dev.allocgate.core.run.AllocatingBenchmark.newArray [avgt] fork ";
    private static final String INJECTABLE = "dev.allocgate.core.run.InjectableBenchmark.allocate [avgt] fork ";

    private static RunSettings settings(Path temp) {
        return new RunSettings(TestClassPath.java(), TestClassPath.entries(),
                List.of("^dev\\.allocgate\\.core\\.run\\.(AllocatingBenchmark\\.newArray|InjectableBenchmark\\.allocate)$"),
                List.of(), 1, 0, Duration.ofMillis(50), 2, Duration.ofMillis(20), List.of(), Optional.empty(),
                temp.resolve("work"), Duration.ofMinutes(2), List.of(WorkerBytesProfiler.class.getName()));
    }

    /** The benchmark and fork number of each progress line, in the order the forks ended. */
    private static List<String> order(List<String> progress) {
        return progress.stream().filter(line -> line.startsWith("["))
                .map(line -> line.substring(line.indexOf("] ") + 2, line.indexOf(':'))).toList();
    }

    @Test
    void furtherForksOfABenchmarkRunBeforeTheFirstForksStillWaiting(@TempDir Path temp) throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        // the first benchmark listed asks for two more forks after its first, the other for none
        AdaptiveRunner.ForkDecider decider = (target, soFar) -> {
            int forks = soFar.sample(Metric.BYTES_PER_OP).orElseThrow().size();
            return target.benchmark().endsWith("newArray") && forks == 1 ? new AdaptiveRunner.Decision(2, "more")
                    : AdaptiveRunner.Decision.done("enough");
        };
        new AdaptiveRunner(line -> { }, progress::add).run(settings(temp), new ForkPlan(1, 3, 3, 3, 1,
                Duration.ofSeconds(2), 3), 1, decider, List.of(), temp.resolve("result.json"));
        assertEquals(List.of(ALLOCATING + 1, ALLOCATING + 2, ALLOCATING + 3, INJECTABLE + 1), order(progress),
                progress.toString());
    }

    /** The benchmark expected to cost the most starts first, whatever the listing's order. */
    @Test
    void theCostliestBenchmarkStartsFirst(@TempDir Path temp) throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        new AdaptiveRunner(line -> { }, progress::add).run(settings(temp), new ForkPlan(1, 3, 3, 3, 1,
                Duration.ofSeconds(2), 3), key -> 1, key -> key.benchmark().endsWith("allocate") ? 9.5 : 1.2,
                (target, soFar) -> AdaptiveRunner.Decision.done("enough"), List.of(), temp.resolve("result.json"));
        assertEquals(List.of(INJECTABLE + 1, ALLOCATING + 1), order(progress), progress.toString());
    }
}
