package dev.allocgate.core.workflow;

import dev.allocgate.core.run.RunSettings;
import dev.allocgate.profiler.ForkProtocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects-per-operation counting pass: the same benchmarks run again with allocgate's JMH
 * profiler and its JVMTI agent. Counting costs about 150 ns per allocation, so it never shares a
 * run with the bytes measurement.
 *
 * @param profilerJar   jar (or classes directory) holding the profiler, added to the benchmark class path
 * @param agentLibrary  the native agent for this platform, loaded into every fork with {@code -agentpath}
 * @param profilerClass the JMH profiler's class name
 * @param forks         forks per benchmark for this pass (counts are usually exact, so few suffice)
 * @param warmupIterations warmup iterations for this pass: the agent slows allocation, so C2 (and with
 *                      it escape analysis) may need longer than in the bytes pass
 */
public record ObjectCounting(Path profilerJar, Path agentLibrary, String profilerClass, int forks, int warmupIterations) {

    public static final String PROFILER_CLASS = ForkProtocol.OBJECT_COUNT_PROFILER;

    public ObjectCounting {
        if (forks < 1) {
            throw new IllegalArgumentException("objects/op forks must be at least 1: " + forks);
        }
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("objects/op warmup iterations must be at least 0: " + warmupIterations);
        }
    }

    /** The JVM arguments that load the counting agent, counting from the JVM's start. */
    public List<String> agentArgs() {
        return List.of("-agentpath:" + agentLibrary.toAbsolutePath());
    }

    /**
     * The JVM arguments that load the counting agent for allocgate's own forks: with the option {@code deferred},
     * so that it counts only from the fork's measurement on, which the fork starts itself. Until then allocations
     * take the JVM's fast path: counting every allocation costs about 12 % of a fork's CPU time in JMH's start-up
     * and the warmup rounds.
     */
    public List<String> deferredAgentArgs() {
        return List.of("-agentpath:" + agentLibrary.toAbsolutePath() + "=deferred");
    }

    /**
     * For allocgate's own forks, which count in the same JVM that measures bytes: {@code run} with the profiler
     * on the class path and among the profilers (the agent is passed separately, see {@link #agentArgs()}).
     */
    public RunSettings addTo(RunSettings run) {
        List<String> profilers = new ArrayList<>(run.profilers());
        profilers.add(profilerClass);
        return new RunSettings(run.javaExecutable(), withProfilerJar(run.classpath()), run.includes(), run.excludes(),
                run.forks(), run.warmupIterations(), run.warmupTime(), run.measurementIterations(),
                run.measurementTime(), run.jvmArgs(), run.mode(), run.workDirectory(), run.timeout(), profilers,
                run.hangTimeout());
    }

    private List<Path> withProfilerJar(List<Path> classpath) {
        List<Path> out = new ArrayList<>(classpath);
        if (!out.contains(profilerJar)) { // the bytes pass may have it already, for its own profiler
            out.add(profilerJar);
        }
        return out;
    }

    /** The counting pass's settings, derived from the bytes pass's. */
    public RunSettings apply(RunSettings bytesPass) {
        List<Path> classpath = withProfilerJar(bytesPass.classpath());
        List<String> jvmArgs = new ArrayList<>(bytesPass.jvmArgs());
        jvmArgs.addAll(agentArgs());
        List<String> profilers = new ArrayList<>(bytesPass.profilers());
        profilers.add(profilerClass);
        return new RunSettings(bytesPass.javaExecutable(), classpath, bytesPass.includes(), bytesPass.excludes(), forks,
                warmupIterations, bytesPass.warmupTime(), bytesPass.measurementIterations(),
                bytesPass.measurementTime(), jvmArgs, bytesPass.mode(), bytesPass.workDirectory(), bytesPass.timeout(),
                profilers);
    }
}
