package dev.allocgate.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The per-benchmark policy of a run: the rules from the build's configuration, tried in order (first match wins),
 * and the {@code @AllocationBudget}s from the compiled classes.
 *
 * @param rules   the rules in order
 * @param budgets per benchmark name, its budgets in the order they are tried (the first whose {@code when} holds)
 */
public record Policy(List<PolicyRule> rules, SortedMap<String, List<Budget>> budgets) {

    /** No rules, no budgets: every benchmark is judged by the run's settings. */
    public static final Policy NONE = new Policy(List.of(), new TreeMap<>());

    public Policy {
        rules = List.copyOf(rules);
        TreeMap<String, List<Budget>> copy = new TreeMap<>();
        budgets.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        budgets = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /**
     * The policy of {@code rules} and the budgets of {@code compiled}, after checking both against the compiled
     * benchmarks: every problem is listed at once, before any benchmark runs.
     *
     * @throws PolicyException when a budget cannot hold, a rule's pattern matches no benchmark, or a rule or budget
     *                         names a {@code @Param} value no benchmark declares
     */
    public static Policy of(List<PolicyRule> rules, CompiledBenchmarks compiled) throws PolicyException {
        List<String> problems = new ArrayList<>(compiled.problems());
        SortedSet<String> names = compiled.benchmarks();
        for (PolicyRule rule : rules) {
            // Without compiled benchmarks (results read from a file) there is nothing to check a pattern against.
            if (!names.isEmpty() && names.stream().noneMatch(rule::matchesName)) {
                problems.add(rule.label() + " matches no benchmark of the " + names.size() + " " + compiled.origin()
                        + (names.isEmpty() ? "" : " (for example " + names.first() + ")") + ": the pattern is a glob over"
                        + " the full name, package.Class.method, where * is any run of characters; fix or remove the rule");
            }
            problems.addAll(unknownParams(rule.label(), rule.params(), compiled));
        }
        compiled.budgets().forEach((benchmark, budgets) -> {
            for (Budget b : budgets) {
                problems.addAll(unknownParams(b.label(), b.when(), compiled));
                if (!b.per().isEmpty()) {
                    SortedSet<String> values = compiled.params().get(b.per());
                    if (values == null) {
                        problems.add(b.label() + " grows per @Param '" + b.per() + "', which no @Param field declares:"
                                + " name a numeric @Param of the benchmark in per=");
                    } else {
                        for (String v : values) {
                            if (!numeric(v)) {
                                problems.add(b.label() + " grows per @Param '" + b.per() + "', whose value '" + v
                                        + "' is not a number: name a numeric @Param in per=, or give one budget per value with when=");
                                break;
                            }
                        }
                    }
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new PolicyException(problems.stream().distinct().toList());
        }
        return new Policy(rules, compiled.budgets());
    }

    private static List<String> unknownParams(String what, Map<String, String> wanted, CompiledBenchmarks compiled) {
        List<String> problems = new ArrayList<>();
        wanted.forEach((name, value) -> {
            SortedSet<String> declared = compiled.params().get(name);
            if (declared == null) {
                problems.add(what + " names @Param '" + name + "', which no @Param field declares"
                        + (compiled.params().isEmpty() ? "" : " (declared: " + String.join(", ", compiled.params().keySet()) + ")")
                        + ": fix the name");
            } else if (!declared.isEmpty() && !declared.contains(value)) {
                problems.add(what + " names " + name + "=" + value + ", but @Param '" + name + "' declares only "
                        + String.join(", ", declared) + ": fix the value");
            }
        });
        return problems;
    }

    private static boolean numeric(String v) {
        try {
            Double.parseDouble(v.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The policy of benchmark {@code name} run with {@code params}. */
    public EffectivePolicy resolve(String name, Map<String, String> params) {
        PolicyRule rule = null;
        for (PolicyRule r : rules) {
            if (r.matches(name, params)) {
                rule = r;
                break;
            }
        }
        Budget budget = null;
        for (Budget b : budgets.getOrDefault(name, List.of())) {
            if (b.appliesTo(params)) {
                budget = b;
                break;
            }
        }
        return rule == null && budget == null ? EffectivePolicy.DEFAULT
                : new EffectivePolicy(rule, budget, budget == null ? Map.of() : budget.limits(params));
    }

    /**
     * Anchored regular expressions, for the run's exclude list, of the benchmarks that {@code ignore} rules leave out:
     * of {@code names} (the compiled benchmarks) those whose first rule matching the name is an ignore rule; without
     * names (results read from a file), each ignore rule's pattern.
     */
    public List<String> ignoredRegexes(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return rules.stream().filter(PolicyRule::ignore).map(PolicyRule::anchoredRegex).toList();
        }
        return names.stream().filter(this::ignores).map(n -> "^" + java.util.regex.Pattern.quote(n) + "$").toList();
    }

    /** Whether the first rule whose pattern matches {@code name} ignores it. */
    public boolean ignores(String name) {
        for (PolicyRule r : rules) {
            if (r.matchesName(name)) {
                return r.ignore();
            }
        }
        return false;
    }

    /**
     * What applies to benchmark {@code name}, without running it, one line each: the rules for some {@code @Param}
     * values (tried first), then the rule for all values, or the run's settings; then its budgets, in the order they
     * are tried.
     */
    public List<String> explain(String name) {
        List<String> lines = new ArrayList<>();
        boolean all = false;
        for (PolicyRule r : rules) {
            if (r.matchesName(name)) {
                lines.add(r.label() + ": " + r.effect() + (r.params().isEmpty() ? "" : " (for " + ParamValues.label(r.params()) + ")"));
                if (r.params().isEmpty()) {
                    all = true;
                    break;
                }
            }
        }
        if (!all) {
            lines.add("the run's settings" + (lines.isEmpty() ? "" : " (for other @Param values)"));
        }
        for (Budget b : budgets.getOrDefault(name, List.of())) {
            lines.add("budget " + b.label());
        }
        return lines;
    }

    /** The same rules without any budget. */
    public Policy withoutBudgets() {
        return new Policy(rules, new TreeMap<>());
    }

    /** Whether a rule or budget exists at all. */
    public boolean isEmpty() {
        return rules.isEmpty() && budgets.values().stream().allMatch(List::isEmpty);
    }
}
