package dev.allocgate.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.workflow.GateWorkflow;
import dev.allocgate.profiler.WorkerBytesProfiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fork whose warmup reaches its cap before the allocation settles is measured, and the outcome says so. */
class UnsettledWarmupTest {

    private static RunSettings settings(Path work) {
        return new RunSettings(TestClassPath.java(), TestClassPath.entries(),
                List.of("^dev\\.allocgate\\.core\\.run\\.InjectableBenchmark\\.allocate$"), List.of(), 1, 0,
                Duration.ofMillis(100), 2, Duration.ofMillis(50), List.of("-Dallocgate.test.longs=1"), Optional.empty(),
                work, Duration.ofMinutes(2), List.of(WorkerBytesProfiler.class.getName()));
    }

    private static RunOutcome run(ForkPlan plan, Path temp, List<String> progress) throws Exception {
        return new AdaptiveRunner(line -> { }, progress::add).run(settings(temp.resolve("work")), plan, 1,
                (target, soFar) -> AdaptiveRunner.Decision.done("test"), List.of(), temp.resolve("result.json"));
    }

    @Test
    void aForkStoppedByTheWarmupCapIsReportedAsNotSettled(@TempDir Path temp) throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        RunOutcome capped = run(new ForkPlan(1, 3, 3, 3, 1, Duration.ofMillis(1), 3), temp, progress);
        assertTrue(Files.size(capped.resultFile()) > 0, "measured all the same");
        assertEquals(1, capped.warnings().size(), capped.warnings().toString());
        assertTrue(capped.warnings().get(0).contains("InjectableBenchmark.allocate")
                && capped.warnings().get(0).contains("1 of 1 fork(s) reached the warmup cap (maxWarmup 1 ms of running"),
                capped.warnings().get(0));
        assertTrue(progress.get(0).contains("cap reached before settling"), progress.toString());

        RunOutcome settled = run(new ForkPlan(1, 3, 3, 3, 1, Duration.ofSeconds(30), 3), temp, progress);
        assertEquals(List.of(), settled.warnings());
    }

    @Test
    void theWarningReachesTheReports(@TempDir Path temp) throws Exception {
        GateWorkflow.Result result = new GateWorkflow(line -> { }, line -> { }).check(settings(temp.resolve("work")),
                null, new ForkPlan(1, 3, 3, 3, 1, Duration.ofMillis(1), 3), new BaselineStore(temp.resolve("baselines")),
                GateSettings.defaults(), temp.resolve("out"));
        assertTrue(result.report().warnings().stream().anyMatch(w -> w.contains("reached the warmup cap")),
                result.report().warnings().toString());
        assertTrue(Files.readString(temp.resolve("out/report.md")).contains("reached the warmup cap"));
    }
}
