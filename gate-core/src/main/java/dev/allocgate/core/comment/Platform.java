package dev.allocgate.core.comment;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The code-review platforms allocgate comments on, each one {@link ReviewPlatform}. */
public enum Platform {
    GITHUB(new GitHubPlatform()),
    GITLAB(new GitLabPlatform());

    private final ReviewPlatform api;

    Platform(ReviewPlatform api) {
        this.api = api;
    }

    ReviewPlatform api() {
        return api;
    }

    /** The most characters a comment body may have, marker included. */
    public int maxBodyChars() {
        return api.maxBodyChars();
    }

    public String displayName() {
        return api.displayName();
    }

    /** The value that selects this platform ({@code github}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code github, gitlab}, for messages. */
    static String ids() {
        return Arrays.stream(values()).map(Platform::id).collect(Collectors.joining(", "));
    }

    /**
     * {@code github}, {@code gitlab} (any case), or {@code null}/blank/{@code auto} for "decide from
     * the environment", which returns {@code null}.
     *
     * @throws CommentConfigurationException for anything else
     */
    public static Platform parse(String value) throws CommentConfigurationException {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        for (Platform p : values()) {
            if (p.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new CommentConfigurationException("platform must be " + ids() + " or auto, not '" + value.trim() + "'");
    }
}
