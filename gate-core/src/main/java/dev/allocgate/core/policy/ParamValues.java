package dev.allocgate.core.policy;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code name=value,name=value} as rules and budgets write {@code @Param} values, in the reports' label order. */
final class ParamValues {
    private ParamValues() {
    }

    /**
     * The pairs of {@code text}; empty for blank text.
     *
     * @throws IllegalArgumentException naming {@code where} when a pair has no {@code =} or an empty name, or a name repeats
     */
    static SortedMap<String, String> parse(String text, String where) {
        SortedMap<String, String> out = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return Collections.unmodifiableSortedMap(out);
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? "" : pair.substring(0, eq).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(where + ": '" + pair.strip() + "' is not name=value (write @Param"
                        + " values as size=1000, several separated by commas)");
            }
            if (out.put(name, pair.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException(where + ": @Param '" + name + "' is given twice");
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** Whether every pair of {@code wanted} is among {@code actual}. */
    static boolean match(Map<String, String> wanted, Map<String, String> actual) {
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            if (!w.getValue().equals(actual.get(w.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static String label(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> out.append(out.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return out.toString();
    }
}
