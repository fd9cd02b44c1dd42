package dev.allocgate.core.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;

/**
 * Estimates the operations in one measurement iteration from a JMH result entry, so that JMH's own
 * per-iteration allocation (a few KB) can be bounded in bytes per op. Operations are counted over
 * all benchmark threads, as the GC profiler counts them.
 */
final class OpsEstimate {

    private OpsEstimate() {
    }

    /**
     * Operations per measurement iteration: throughput times iteration time ({@code thrpt}),
     * threads times iteration time over time per op ({@code avgt}, {@code sample}), threads times
     * batch size ({@code ss}).
     *
     * @return the estimate, or NaN when the entry does not allow one
     */
    static double perIteration(JsonNode entry, JsonNode primary) {
        String mode = entry.path("mode").asText("");
        double threads = threads(entry);
        if (mode.equals("ss")) {
            return threads * positiveOr(JmhNumbers.parse(entry.get("measurementBatchSize")), 1);
        }
        Double score = JmhNumbers.parse(primary.get("score"));
        String unit = primary.path("scoreUnit").asText("");
        double iterationNanos = JmhNumbers.durationNanos(entry.path("measurementTime").asText(null));
        if (score == null || !Double.isFinite(score) || score <= 0 || !Double.isFinite(iterationNanos)) {
            return Double.NaN;
        }
        double estimate = switch (mode) {
            case "thrpt" -> unit.startsWith("ops/") ? perUnit(unit.substring(4), iterationNanos) * score : Double.NaN;
            case "avgt", "sample" -> unit.endsWith("/op")
                    ? threads * perUnit(unit.substring(0, unit.length() - 3), iterationNanos) / score
                    : Double.NaN;
            default -> Double.NaN;
        };
        return Double.isFinite(estimate) && estimate > 0 ? estimate : Double.NaN;
    }

    /** The benchmark's threads ({@code threads} of the entry, all of a {@code @Group}'s), 1 when absent. */
    static double threads(JsonNode entry) {
        return positiveOr(JmhNumbers.parse(entry.get("threads")), 1);
    }

    /** How many of the time unit fit in the iteration; NaN for an unknown unit. */
    private static double perUnit(String unitLabel, double iterationNanos) {
        TimeUnit unit = JmhNumbers.timeUnit(unitLabel);
        return unit == null ? Double.NaN : iterationNanos / JmhNumbers.nanos(unit);
    }

    private static double positiveOr(Double value, double fallback) {
        return value != null && Double.isFinite(value) && value > 0 ? value : fallback;
    }
}
