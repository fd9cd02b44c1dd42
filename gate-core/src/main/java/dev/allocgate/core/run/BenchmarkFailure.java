package dev.allocgate.core.run;

import java.util.Objects;

/**
 * A benchmark run that JMH reported as failed in its output (a {@code <failure>} block or a crashed fork);
 * JMH leaves such a run out of the result file and may still exit with 0.
 *
 * @param benchmark      full JMH name
 * @param params         the run's parameters as JMH prints them ({@code a = 1, b = x}), empty without
 *                       {@code @Param}
 * @param firstErrorLine first line of the exception, e.g. {@code java.lang.IllegalStateException: boom}, or
 *                       JMH's own message such as {@code forked VM failed with exit code 1}; when the fork
 *                       then exited abnormally, {@code ; forked VM failed with exit code N} is appended; for a
 *                       hung fork that allocgate killed, why it was killed
 */
public record BenchmarkFailure(String benchmark, String params, String firstErrorLine) {
    public BenchmarkFailure {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(firstErrorLine, "firstErrorLine");
    }
}
