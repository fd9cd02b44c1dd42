package dev.allocgate.profiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

/**
 * JMH profiler for allocgate's profiling fork: records where the benchmark's worker threads allocate during the
 * measurement iterations, with the allocgate agent loaded with the options {@code deferred,profile[,depth=N]}, and
 * after the last one writes the agent's table and the measured operations to a file of its own in the directory named
 * by the system property {@value #DIRECTORY_PROPERTY}. Iterations before the agent counts (allocgate's warmup rounds) are left out, as
 * {@link ObjectCountProfiler} leaves them out, so the profile covers exactly the operations of the measurement.
 *
 * <p>File format (UTF-8, tab-separated): {@value #HEADER}, {@code benchmark <name>}, {@code mode <short label>},
 * a {@code param <name> <value>} line per {@code @Param}, {@code operations <n>}, for a {@code @Group} a {@code member
 * <method> <operations>} line per method (its threads' measured operations), then the agent's dump
 * ({@code entry}, {@code frame}, {@code unattributed} lines). gate-core's {@code ProfileFile} reads it.
 */
public final class AllocationSiteProfiler implements InternalProfiler {

    /** System property naming the directory the profile is written to. */
    public static final String DIRECTORY_PROPERTY = "allocgate.profile.dir";
    /** First line of the file. */
    public static final String HEADER = "allocgate-profile 1";

    private long operations;
    /** A {@code @Group}'s operations method by method, summed over the measured iterations (empty for other benchmarks). */
    private final java.util.Map<String, Long> memberOperations = new java.util.TreeMap<>();
    private int measuredIterations;
    private boolean recording;

    /** Creates the profiler; JMH calls this in the host JVM too, where the agent is not needed. */
    public AllocationSiteProfiler() {
    }

    /**
     * Creates the profiler as JMH does, with its options ({@link ProfilerOptions}).
     *
     * @throws IllegalArgumentException when options were given: it takes none
     */
    public AllocationSiteProfiler(String options) {
        ProfilerOptions.requireNone(options, AllocationSiteProfiler.class);
    }

    @Override
    public String getDescription() {
        return "allocgate: allocation sites of the measurement iterations (agent options deferred,profile)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        AgentCounters.requireLoaded();
        recording = iterationParams.getType() == IterationType.MEASUREMENT && AgentCounters.counting();
        MemberExecutor.forget(); // each worker's task of this iteration only (ObjectCountProfiler does the same)
        if (recording && AgentCounters.setProfiling(true) != 0) {
            throw new IllegalStateException("allocgate profile: the agent was loaded without the option 'profile' "
                    + "(-agentpath:<liballocgate_agent>=deferred,profile)");
        }
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                       IterationResult result) {
        if (!recording) {
            return List.of();
        }
        AgentCounters.setProfiling(false);
        operations += result.getMetadata().getAllOps();
        addMemberOperations(benchmarkParams);
        if (++measuredIterations == iterationParams.getCount()) {
            write(benchmarkParams);
        }
        return List.of();
    }

    /**
     * For a {@code @Group} of two or more methods run by allocgate's {@link MemberExecutor}: each method's operations
     * in this iteration, from its threads' tasks, so that gate-core divides each site's allocation by the operations
     * of the method whose thread allocated it, as the gate's objects/op and bytes/op are normalised
     * ({@link MemberExecutor#perMemberOperation}).
     */
    private void addMemberOperations(BenchmarkParams params) {
        java.util.Collection<String> members = MemberExecutor.members(params);
        if (members.size() < 2) {
            return;
        }
        for (Long thread : MemberExecutor.workers().keySet()) {
            org.openjdk.jmh.results.BenchmarkTaskResult task = MemberExecutor.taskOf(thread);
            String member = task == null ? null : MemberExecutor.member(task, members);
            if (member != null) {
                memberOperations.merge(member, task.getAllOps(), Long::sum);
            }
        }
    }

    private void write(BenchmarkParams params) {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null || directory.isBlank()) {
            throw new IllegalStateException("allocgate profile: no output directory; set -D" + DIRECTORY_PROPERTY
                    + "=<directory>");
        }
        String dump = AgentCounters.profileDump();
        if (dump == null) {
            throw new IllegalStateException("allocgate profile: the agent returned no profile for "
                    + params.getBenchmark());
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("benchmark\t").append(params.getBenchmark()).append('\n');
        text.append("mode\t").append(params.getMode().shortLabel()).append('\n');
        for (String name : new java.util.TreeSet<>(params.getParamsKeys())) {
            text.append("param\t").append(escape(name)).append('\t').append(escape(params.getParam(name))).append('\n');
        }
        text.append("operations\t").append(operations).append('\n');
        memberOperations.forEach((member, ops) -> text.append("member\t").append(escape(member)).append('\t').append(ops)
                .append('\n'));
        text.append(dump);
        // One file per fork: the name need not be readable, only unique (the header says which benchmark it is).
        Path target = Path.of(directory, "profile-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tsv");
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("allocgate profile: could not write " + target, e);
        }
    }

    /** A field without tab or line break: backslash, tab, CR and LF written as {@code \\}, {@code \t}, {@code \r}, {@code \n}. */
    static String escape(String field) {
        return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }
}
