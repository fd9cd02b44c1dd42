package dev.allocgate.core.report;

import dev.allocgate.core.model.Environment;

/**
 * How to render report.md.
 *
 * @param maxChars    the rendered text never has more characters ({@code String.length()}) than
 *                    this: rows are cut at a row boundary and replaced by "N more rows in the report
 *                    artifact"; at least {@link #MIN_CHARS}
 * @param environment the current run's JVM environment, shown with the settings; {@code null} when
 *                    unknown (GateReport does not carry one)
 */
public record MarkdownOptions(int maxChars, Environment environment) {

    /** Smallest cap accepted: room for the summary, the trailer and a few rows. */
    public static final int MIN_CHARS = 2_000;
    /** GitHub's limit for an issue or pull-request comment body. */
    public static final int GITHUB_COMMENT_CHARS = 65_536;

    public MarkdownOptions {
        if (maxChars < MIN_CHARS) {
            throw new IllegalArgumentException("maxChars must be at least " + MIN_CHARS + ": " + maxChars);
        }
    }

    /** No cap, no environment: the report.md artifact. */
    public static MarkdownOptions unlimited() {
        return new MarkdownOptions(Integer.MAX_VALUE, null);
    }

    public MarkdownOptions withMaxChars(int maxChars) {
        return new MarkdownOptions(maxChars, environment);
    }

    public MarkdownOptions withEnvironment(Environment environment) {
        return new MarkdownOptions(maxChars, environment);
    }
}
