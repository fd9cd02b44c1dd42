package dev.allocgate.core.comment;

/**
 * Explicit values that take precedence over the CI's environment; each may be {@code null} or blank
 * for "from the environment". There is deliberately no token here: the token comes from the
 * environment only.
 *
 * @param platform    {@code github}, {@code gitlab} or {@code auto}
 * @param apiUrl      the API base URL ({@code GITHUB_API_URL} / {@code CI_API_V4_URL})
 * @param repository  {@code owner/name} on GitHub, the project id or path on GitLab
 * @param pullRequest the pull-request number (GitHub) or merge-request IID (GitLab)
 * @param author      the login the sticky comment is expected to be written by
 */
public record CommentOverrides(String platform, String apiUrl, String repository, String pullRequest, String author) {
    /** Everything from the environment. */
    public static final CommentOverrides NONE = new CommentOverrides(null, null, null, null, null);
}
