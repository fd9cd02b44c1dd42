package dev.allocgate.maven;

import dev.allocgate.core.policy.PolicyRule;

/**
 * One {@code <rule>} of the plugin's {@code <rules>}: which benchmarks it is for and how they are judged. The
 * first rule whose pattern (and params) match a benchmark applies. Plain fields, so that Maven fills them from the
 * pom; {@link #toPolicyRule(int)} hands them to the core.
 */
public class Rule {
    /** Glob over the full benchmark name ({@code package.Class.method}): {@code *} any run of characters, {@code ?} one. */
    private String pattern;
    /** {@code @Param} values the rule is for, as {@code name=value}, several separated by commas; empty: all. */
    private String params;
    /** bytes/op: percent of the baseline a change must exceed (replaces {@code thresholdPercent}). */
    private Double thresholdPercent;
    /** bytes/op: bytes per operation a change must exceed (replaces {@code thresholdBytes}). */
    private Double thresholdBytes;
    /** objects/op: percent of the baseline a change must exceed (replaces {@code objectsThresholdPercent}). */
    private Double objectsThresholdPercent;
    /** objects/op: objects per operation a change must exceed (replaces {@code thresholdObjects}). */
    private Double thresholdObjects;
    /** Reported, never fails the build; a regression is a warning. */
    private boolean informational;
    /** Missing from the run is REMOVED (fine), not MISSING. */
    private boolean mayBeRemoved;
    /** Not run, not gated, not recorded. */
    private boolean ignore;

    PolicyRule toPolicyRule(int number) {
        return PolicyRule.of(number, pattern, params, value(thresholdPercent), value(thresholdBytes),
                value(objectsThresholdPercent), value(thresholdObjects), informational, mayBeRemoved, ignore);
    }

    private static double value(Double d) {
        return d == null ? Double.NaN : d;
    }
}
