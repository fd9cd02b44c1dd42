package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.profiler.bench.GroupBenchmarks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Group}'s allocation normalised method by method ({@link MemberExecutor}): what one operation of each
 * method allocates together, whatever the share of operations scheduling gives each method.
 */
class GroupMembersTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    void anAsymmetricGroupReadsWhatOneOperationOfEachMethodAllocatesInEveryIteration() throws Exception {
        assumeTrue(NativeAgent.isAvailable(), "no agent for this platform");
        Path agent = NativeAgent.extractTo(JmhRun.workDirectory().resolve("native-group"));
        WarmupShapesTest.Fork fork = WarmupShapesTest.fork(JAVA, "dev.allocgate.profiler.bench.GroupBenchmarks.handoff",
                "thrpt", List.of("--max-warmup-ms", "3000", "--iteration-ms", "100", "--iterations", "5",
                        "--profiler", ObjectCountProfiler.class.getName()), "-agentpath:" + agent + "=deferred");
        JsonNode metrics = new ObjectMapper().readTree(fork.result().toFile()).get(0).path("secondaryMetrics");
        Map<String, Double> perEvent = Map.of(WorkerBytesProfiler.NORM_METRIC, (double) GroupBenchmarks.EVENT_BYTES,
                ObjectCountProfiler.NORM_METRIC, 1.0);
        for (Map.Entry<String, Double> metric : perEvent.entrySet()) {
            JsonNode iterations = metrics.path(metric.getKey()).path("rawData").get(0);
            assertEquals(5, iterations.size(), fork.output());
            double[] values = new double[5];
            for (int i = 0; i < 5; i++) {
                values[i] = iterations.get(i).asDouble();
            }
            java.util.Arrays.sort(values);
            // The fork's value, as allocgate takes it: the median iteration. The producer's event, plus JMH's own
            // per-iteration allocation on each thread spread over its method's operations. (An iteration in which
            // scheduling let a method's threads run only a few operations, on a machine at load 13, read 214 B for that
            // share alone.) JMH's own normalisation read 0.0 to 7.9 B per operation in the same runs.
            assertTrue(values[2] >= metric.getValue() && values[2] < metric.getValue() * 1.01,
                    metric.getKey() + " " + values[2] + " per group operation, expected " + metric.getValue() + "\n"
                            + metrics + "\n" + fork.output());
        }
    }

    @Test
    void perMemberOperationSumsEachMethodsAllocationOverItsOwnOperations() {
        // without tasks recorded by the executor (another executor), it does not apply
        assertTrue(Double.isNaN(MemberExecutor.perMemberOperation(Map.of(1L, 100L), List.of("produce", "consume"))));
        assertTrue(Double.isNaN(MemberExecutor.perMemberOperation(Map.of(1L, 100L), List.of("single"))));
    }
}
