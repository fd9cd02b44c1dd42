package dev.allocgate.core.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the output of {@code org.openjdk.jmh.Main -lp}: a {@code Benchmarks:} header, then one line per benchmark
 * and mode, each followed by {@code   param "name" = {v1, v2}} lines.
 *
 * <p>Limit: JMH joins parameter values with {@code ", "}, so a value that itself contains {@code ", "} is read as
 * two values.
 */
final class JmhListingParser {
    private static final String HEADER = "Benchmarks:";
    private static final String PARAM_PREFIX = "  param \"";

    private JmhListingParser() {
    }

    /**
     * The listed entries in JMH's order, one per benchmark <em>and declared mode</em> (a benchmark with two
     * {@code @BenchmarkMode}s appears twice); empty when no header was printed.
     */
    static Optional<List<ListedBenchmark>> parse(List<String> lines) {
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(HEADER)) {
                header = i;
            }
        }
        if (header < 0) {
            return Optional.empty();
        }
        List<ListedBenchmark> entries = new ArrayList<>();
        String current = null;
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            if (line.startsWith(PARAM_PREFIX) && current != null) {
                int nameEnd = line.indexOf('"', PARAM_PREFIX.length());
                int open = line.indexOf('{', nameEnd);
                int close = line.lastIndexOf('}');
                if (nameEnd < 0 || open < 0 || close < open) {
                    continue;
                }
                String name = line.substring(PARAM_PREFIX.length(), nameEnd);
                // JMH requires at least one value, so "{}" is a single empty string.
                params.put(name, Arrays.asList(line.substring(open + 1, close).split(", ", -1)));
            } else if (!line.isBlank() && !line.startsWith(" ")) {
                if (current != null) {
                    entries.add(new ListedBenchmark(current, new TreeMap<>(params)));
                }
                current = line.strip();
                params.clear();
            }
        }
        if (current != null) {
            entries.add(new ListedBenchmark(current, new TreeMap<>(params)));
        }
        return Optional.of(entries);
    }
}
