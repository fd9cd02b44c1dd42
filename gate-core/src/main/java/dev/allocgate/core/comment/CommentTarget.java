package dev.allocgate.core.comment;

import java.net.URI;
import java.util.Objects;

/**
 * Where one sticky comment goes.
 *
 * @param platform        where
 * @param apiBase         the API base URL, e.g. {@code https://api.github.com} or {@code https://gitlab.example/api/v4}
 * @param repository      {@code owner/name} (GitHub) or the project id or path (GitLab)
 * @param pullRequest     the pull-request number or merge-request IID
 * @param marker          identifies the comment of this module
 * @param author          the login the comment must be written by; {@code null} to ask the API
 *                        ({@code GET /user})
 * @param fallbackAuthor  the login to assume when the API will not say (GitHub Actions' token gets
 *                        403 from {@code /user}: {@code github-actions[bot]}); {@code null} for none
 * @param expectedHeadSha when not {@code null}, the pull request's head commit must be this one, or
 *                        nothing is posted (a number handed over by a {@code workflow_run} artifact
 *                        is checked against the run that measured)
 */
public record CommentTarget(Platform platform, URI apiBase, String repository, long pullRequest, CommentMarker marker,
                            String author, String fallbackAuthor, String expectedHeadSha) {
    public CommentTarget {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(marker, "marker");
        if (pullRequest <= 0) {
            throw new IllegalArgumentException("pull request number must be positive: " + pullRequest);
        }
    }

    /** For messages: {@code owner/name#12} or {@code project!12}. */
    public String describe() {
        return platform.api().reference(repository, pullRequest);
    }
}
