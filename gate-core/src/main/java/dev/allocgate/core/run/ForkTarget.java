package dev.allocgate.core.run;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.profiler.ForkProtocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One run of allocgate's adaptive engine: a benchmark in one mode with one combination of {@code @Param} values,
 * with the JVM arguments its {@code @Fork} annotation gives its forks.
 *
 * @param jvmArgsPrepend {@code @Fork(jvmArgsPrepend)}
 * @param jvmArgs        {@code @Fork(jvmArgs)}
 * @param jvmArgsAppend  {@code @Fork(jvmArgsAppend)}; replaced by the run's JVM arguments when it has any, as JMH's
 *                       {@code -jvmArgsAppend} does
 */
public record ForkTarget(String benchmark, String mode, SortedMap<String, String> params, List<String> jvmArgsPrepend,
        List<String> jvmArgs, List<String> jvmArgsAppend) {

    public ForkTarget {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(mode, "mode");
        params = new TreeMap<>(params);
        jvmArgsPrepend = List.copyOf(jvmArgsPrepend);
        jvmArgs = List.copyOf(jvmArgs);
        jvmArgsAppend = List.copyOf(jvmArgsAppend);
    }

    /** The key its results are filed under. */
    public BenchmarkKey key() {
        return BenchmarkKey.of(benchmark, mode, params);
    }

    /**
     * What one fork measures for every target that has it: targets with the same benchmark, parameters and JVM
     * arguments in modes a fork runs alike ({@link ForkProtocol#runMode}: AverageTime and SampleTime) are one
     * measurement, and the engine runs their forks once.
     */
    public List<Object> runKey() {
        return List.of(benchmark, ForkProtocol.runMode(mode), params, jvmArgsPrepend, jvmArgs, jvmArgsAppend);
    }

    /** The JVM arguments a user asked for (annotations, then the run's), in JMH's order. */
    public List<String> userJvmArgs(List<String> runJvmArgs) {
        List<String> args = new ArrayList<>(jvmArgsPrepend);
        args.addAll(jvmArgs);
        args.addAll(runJvmArgs.isEmpty() ? jvmArgsAppend : runJvmArgs);
        return args;
    }
}
