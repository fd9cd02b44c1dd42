package dev.allocgate.maven;

import dev.allocgate.core.comment.CommentConfigurationException;
import dev.allocgate.core.comment.CommentJob;
import dev.allocgate.core.comment.CommentOutcome;
import dev.allocgate.core.comment.CommentOverrides;
import dev.allocgate.core.comment.StickyCommentPoster;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;

/**
 * Posts the module's report.md as one sticky comment on the pull request (GitHub) or merge request
 * (GitLab), updated in place on later runs. Runs no benchmarks: run {@code check} or {@code compare}
 * first.
 *
 * <p>The token is read from the environment only ({@code GITHUB_TOKEN}; {@code GITLAB_TOKEN} or
 * {@code CI_JOB_TOKEN}), never from a parameter, so {@code mvn -X} cannot print it. A comment that
 * cannot be posted (a fork's read-only token, a missing token, a network error) is a warning: this
 * goal never fails the build for it and never changes the gate's verdict.
 */
@Mojo(name = "comment", threadSafe = true)
public class CommentMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Skips allocgate entirely. */
    @Parameter(property = "allocgate.skip", defaultValue = "false")
    private boolean skip;

    /** The Markdown report to post, as written by {@code check} or {@code compare}. */
    @Parameter(property = "allocgate.commentFile", defaultValue = "${project.build.directory}/allocgate/report.md")
    private File commentFile;

    /**
     * Names the module in the comment's hidden marker: one comment per pull request and module.
     * Default: the artifactId.
     */
    @Parameter(property = "allocgate.commentModule", defaultValue = "${project.artifactId}")
    private String commentModule;

    /**
     * {@code github}, {@code gitlab} or {@code auto}: the platform whose CI runs the job ({@code GITHUB_ACTIONS=true},
     * {@code GITLAB_CI=true}), else whose variables are set; with none shown nothing is posted and the log says so.
     */
    @Parameter(property = "allocgate.platform", defaultValue = "auto")
    private String platform;

    /**
     * The pull-request number (GitHub) or merge-request IID (GitLab). Default: from the CI
     * environment ({@code GITHUB_EVENT_PATH}; {@code CI_MERGE_REQUEST_IID}).
     */
    @Parameter(property = "allocgate.pullRequest")
    private String pullRequest;

    /**
     * {@code owner/name} on GitHub, the project id or path on GitLab. Default: {@code GITHUB_REPOSITORY};
     * {@code CI_PROJECT_ID}.
     */
    @Parameter(property = "allocgate.repository")
    private String repository;

    /**
     * The REST API base URL. Default: {@code GITHUB_API_URL} (else https://api.github.com);
     * {@code CI_API_V4_URL}. Must be https, except to a loopback address. Its host must be the one the CI's
     * own variable names, or the platform's public API host; any other host receives the token only when the
     * CI job's environment lists it in {@code ALLOCGATE_TRUSTED_API_HOSTS} (comma-separated), which a pom
     * cannot set.
     */
    @Parameter(property = "allocgate.apiUrl")
    private String apiUrl;

    /**
     * The login the sticky comment is written by, to find it again. Default: the token's own login
     * ({@code GET /user}); with GitHub Actions' token, which may not ask, {@code github-actions[bot]}.
     */
    @Parameter(property = "allocgate.commentAuthor")
    private String commentAuthor;

    @Override
    public void execute() {
        if (skip) {
            getLog().info("allocgate: skipped (allocgate.skip=true)");
            return;
        }
        if (!commentFile.isFile()) {
            getLog().info("allocgate: no report at " + commentFile + "; nothing to comment (run allocgate:check or allocgate:compare first)");
            return;
        }
        CommentOverrides overrides = new CommentOverrides(platform, apiUrl, repository, pullRequest, commentAuthor);
        StickyCommentPoster poster = new StickyCommentPoster(message -> getLog().info("allocgate: " + message));
        try {
            CommentOutcome outcome = CommentJob.run(System.getenv(), overrides, commentModule, commentFile.toPath(), poster);
            if (outcome.posted()) {
                getLog().info("allocgate: " + outcome.message());
            } else if (outcome instanceof CommentOutcome.NotPosted n && n.reason() == CommentOutcome.Reason.NOT_A_PULL_REQUEST) {
                getLog().info("allocgate: " + outcome.message());
            } else {
                getLog().warn("allocgate: comment not posted: " + outcome.message());
            }
        } catch (CommentConfigurationException e) {
            getLog().warn("allocgate: comment not posted: " + e.getMessage());
        }
    }
}
