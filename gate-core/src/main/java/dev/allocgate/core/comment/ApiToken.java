package dev.allocgate.core.comment;

import java.util.Map;
import java.util.Optional;

/**
 * An API token read from the environment. Its {@link #toString()} is redacted, so it cannot leak
 * through string concatenation, a log line or a debugger's default view; {@link #redact} removes it
 * from any text that might echo it (an error message from a server, say).
 */
public final class ApiToken {
    /** What every message shows instead of a token. */
    public static final String REDACTED = "[redacted]";

    private final String value;
    private final String source;

    private ApiToken(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /**
     * The token for the platform, from the environment only ({@link #variableNames}: {@code GITHUB_TOKEN} for GitHub;
     * {@code GITLAB_TOKEN}, else {@code CI_JOB_TOKEN}, for GitLab). Empty when none is set.
     */
    public static Optional<ApiToken> fromEnvironment(Platform platform, Map<String, String> env) {
        for (String name : variableNames(platform)) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(new ApiToken(value.strip(), name));
            }
        }
        return Optional.empty();
    }

    /** The environment variables searched for the platform's token, in order. */
    public static java.util.List<String> variableNames(Platform platform) {
        return platform.api().tokenVariables();
    }

    /** The environment variable the token came from (a name, never the value). */
    public String source() {
        return source;
    }

    /** The secret itself; only for the request header. */
    String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of the token replaced by {@value #REDACTED}; {@code null} stays {@code null}. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, REDACTED);
    }

    @Override
    public String toString() {
        return "ApiToken[" + source + "=" + REDACTED + "]";
    }
}
