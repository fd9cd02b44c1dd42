package dev.allocgate.core.comment;

import java.util.Locale;

/** Where the comment goes, with the platform's limit on a comment body. */
public enum Platform {
    /** Issue comments on a pull request; GitHub refuses bodies over 65,536 characters. */
    GITHUB(65_536, "GitHub"),
    /** Merge-request notes; GitLab refuses bodies over 1,000,000 characters. */
    GITLAB(1_000_000, "GitLab");

    private final int maxBodyChars;
    private final String displayName;

    Platform(int maxBodyChars, String displayName) {
        this.maxBodyChars = maxBodyChars;
        this.displayName = displayName;
    }

    /** The most characters a comment body may have, marker included. */
    public int maxBodyChars() {
        return maxBodyChars;
    }

    public String displayName() {
        return displayName;
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
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "github" -> GITHUB;
            case "gitlab" -> GITLAB;
            default -> throw new CommentConfigurationException("platform must be github, gitlab or auto, not '"
                    + value.trim() + "'");
        };
    }
}
