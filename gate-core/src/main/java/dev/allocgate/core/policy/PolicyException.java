package dev.allocgate.core.policy;

import dev.allocgate.core.AllocgateException;

import java.util.List;

/**
 * The policy cannot be applied: a rule whose pattern matches no benchmark, a negative threshold, a budget on a
 * method that is not a benchmark. Found before any benchmark runs; every problem is listed, each with its fix.
 */
public final class PolicyException extends AllocgateException {
    private final List<String> problems;

    public PolicyException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, naming the rule, class or method and what to do. */
    public List<String> problems() {
        return problems;
    }
}
