package dev.allocgate.core.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** How JMH writes numbers and time units into its JSON results. */
final class JmhNumbers {

    private JmhNumbers() {
    }

    /**
     * A number as JMH writes it: a JSON number, or a string for values JSON cannot hold
     * ({@code "NaN"}, {@code "+INF"}, {@code "-INF"}; {@code "Infinity"} spellings too).
     *
     * @return the value, or null when the node is no number
     */
    static Double parse(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (!node.isTextual()) {
            return null;
        }
        String text = node.asText().trim();
        switch (text.toUpperCase(Locale.ROOT)) {
            case "NAN", "+NAN", "-NAN":
                return Double.NaN;
            case "INF", "+INF", "INFINITY", "+INFINITY":
                return Double.POSITIVE_INFINITY;
            case "-INF", "-INFINITY":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A JMH time unit label ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code min}, {@code hr},
     * {@code day}); null when unknown.
     */
    static TimeUnit timeUnit(String label) {
        return switch (label.trim()) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us", "\u00b5s", "\u03bcs" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            case "min" -> TimeUnit.MINUTES;
            case "hr" -> TimeUnit.HOURS;
            case "day" -> TimeUnit.DAYS;
            default -> null;
        };
    }

    /** Nanoseconds in one of the unit. */
    static double nanos(TimeUnit unit) {
        return unit.toNanos(1);
    }

    /**
     * A JMH duration such as {@code "200 ms"} or {@code "1 s"} in nanoseconds; NaN for
     * {@code "single-shot"} or anything unreadable.
     */
    static double durationNanos(String text) {
        if (text == null) {
            return Double.NaN;
        }
        String t = text.trim();
        int split = 0;
        while (split < t.length() && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '.')) {
            split++;
        }
        if (split == 0) {
            return Double.NaN;
        }
        TimeUnit unit = timeUnit(t.substring(split));
        if (unit == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t.substring(0, split)) * nanos(unit);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
