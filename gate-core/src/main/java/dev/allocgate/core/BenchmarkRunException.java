package dev.allocgate.core;

import java.util.List;

/** The benchmark JVM could not be started, crashed, or left benchmarks without results. */
public class BenchmarkRunException extends AllocgateException {
    private final List<String> benchmarks;

    public BenchmarkRunException(String message, List<String> benchmarks) {
        super(message);
        this.benchmarks = List.copyOf(benchmarks);
    }

    public BenchmarkRunException(String message, Throwable cause) {
        super(message, cause);
        this.benchmarks = List.of();
    }

    /** The benchmarks affected, when known. */
    public List<String> benchmarks() {
        return benchmarks;
    }
}
