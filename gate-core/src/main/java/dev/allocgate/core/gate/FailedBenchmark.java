package dev.allocgate.core.gate;

/**
 * A selected benchmark that produced no usable result (crashed fork, exception, timeout).
 *
 * @param benchmark   full JMH benchmark name
 * @param paramsLabel {@code name=value,...} when JMH said which parameters failed, empty for all of them
 * @param reason      what happened, e.g. the first line of the exception
 */
public record FailedBenchmark(String benchmark, String paramsLabel, String reason) {
}
