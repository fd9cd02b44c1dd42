package dev.allocgate.core.model;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Include/exclude regular expressions with JMH's semantics: a benchmark is selected when its full
 * name contains a match of any include (all when there are none) and of no exclude.
 */
public final class BenchmarkFilter implements Predicate<String> {

    public static final BenchmarkFilter ALL = new BenchmarkFilter(List.of(), List.of());

    private final List<String> includes;
    private final List<String> excludes;
    private final List<Pattern> includePatterns;
    private final List<Pattern> excludePatterns;

    /** @throws IllegalArgumentException naming the expression when one is not a valid regex */
    public BenchmarkFilter(List<String> includes, List<String> excludes) {
        this.includes = nonBlank(includes);
        this.excludes = nonBlank(excludes);
        this.includePatterns = this.includes.stream().map(r -> compile(r, "include")).toList();
        this.excludePatterns = this.excludes.stream().map(r -> compile(r, "exclude")).toList();
    }

    public List<String> includes() {
        return includes;
    }

    public List<String> excludes() {
        return excludes;
    }

    @Override
    public boolean test(String benchmark) {
        return (includePatterns.isEmpty() || anyFinds(includePatterns, benchmark)) && !anyFinds(excludePatterns, benchmark);
    }

    private static boolean anyFinds(List<Pattern> patterns, String benchmark) {
        for (Pattern p : patterns) { // called per benchmark: no stream
            if (p.matcher(benchmark).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> nonBlank(List<String> regexes) {
        return regexes == null ? List.of() : regexes.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    private static Pattern compile(String regex, String what) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid " + what + " regular expression '" + regex + "': " + e.getDescription(), e);
        }
    }

    @Override
    public String toString() {
        return "include=" + (includes.isEmpty() ? "[all]" : includes) + (excludes.isEmpty() ? "" : ", exclude=" + excludes);
    }
}
