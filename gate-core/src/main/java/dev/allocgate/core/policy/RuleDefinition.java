package dev.allocgate.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule as a build's configuration spells it: the pom's {@code <rule>} and an entry of a rules file (JSON) have
 * these fields, by these names. Plain properties with setters, so that Maven and Jackson fill them alike;
 * {@link #toPolicyRule(int)} validates them, the one place rules are checked.
 */
public class RuleDefinition {
    /** The fields, by the names a configuration gives them. */
    public static final List<String> FIELDS = List.of("pattern", "params", "thresholdPercent", "thresholdBytes",
            "objectsThresholdPercent", "thresholdObjects", "informational", "mayBeRemoved", "ignore");

    private String pattern;
    private String params;
    private Double thresholdPercent;
    private Double thresholdBytes;
    private Double objectsThresholdPercent;
    private Double thresholdObjects;
    private boolean informational;
    private boolean mayBeRemoved;
    private boolean ignore;

    /** Glob over the full benchmark name ({@code package.Class.method}): {@code *} any run of characters, {@code ?} one. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** {@code @Param} values the rule is for, as {@code name=value}, several separated by commas; empty: all. */
    public void setParams(String params) {
        this.params = params;
    }

    /** bytes/op: percent of the baseline a change must exceed (replaces {@code thresholdPercent}). */
    public void setThresholdPercent(Double thresholdPercent) {
        this.thresholdPercent = thresholdPercent;
    }

    /** bytes/op: bytes per operation a change must exceed (replaces {@code thresholdBytes}). */
    public void setThresholdBytes(Double thresholdBytes) {
        this.thresholdBytes = thresholdBytes;
    }

    /** objects/op: percent of the baseline a change must exceed (replaces {@code objectsThresholdPercent}). */
    public void setObjectsThresholdPercent(Double objectsThresholdPercent) {
        this.objectsThresholdPercent = objectsThresholdPercent;
    }

    /** objects/op: objects per operation a change must exceed (replaces {@code thresholdObjects}). */
    public void setThresholdObjects(Double thresholdObjects) {
        this.thresholdObjects = thresholdObjects;
    }

    /** Reported, never fails the gate; a regression is a warning. */
    public void setInformational(boolean informational) {
        this.informational = informational;
    }

    /** Missing from the run is REMOVED (fine), not MISSING. */
    public void setMayBeRemoved(boolean mayBeRemoved) {
        this.mayBeRemoved = mayBeRemoved;
    }

    /** Not run, not gated, not recorded. */
    public void setIgnore(boolean ignore) {
        this.ignore = ignore;
    }

    /**
     * The rule at 1-based position {@code number}.
     *
     * @throws IllegalArgumentException naming the rule and the field: no pattern, a negative or infinite threshold,
     *                                  params that are not {@code name=value}, ignore for some {@code @Param} values
     */
    public PolicyRule toPolicyRule(int number) {
        return PolicyRule.of(number, pattern, params, value(thresholdPercent), value(thresholdBytes),
                value(objectsThresholdPercent), value(thresholdObjects), informational, mayBeRemoved, ignore);
    }

    /**
     * The rules of a configuration, in order; every invalid one is listed at once.
     *
     * @param where where the rules are written, for the messages (e.g. {@code <rules>}, {@code rules file x.json})
     */
    public static List<PolicyRule> toPolicyRules(List<? extends RuleDefinition> rules, String where) throws PolicyException {
        List<PolicyRule> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDefinition rule = rules.get(i);
            try {
                out.add(rule == null ? new RuleDefinition().toPolicyRule(i + 1) : rule.toPolicyRule(i + 1));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return out;
    }

    private static double value(Double d) {
        return d == null ? Double.NaN : d;
    }
}
