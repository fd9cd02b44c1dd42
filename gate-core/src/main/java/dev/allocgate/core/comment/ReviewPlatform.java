package dev.allocgate.core.comment;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One code-review platform that allocgate comments on: how its CI shows itself, where a comment goes, its token, and
 * the REST calls that {@link StickyCommentPoster}'s one sticky-comment algorithm needs (list the comments page by
 * page, create one, update one). Another platform (Bitbucket, Azure DevOps) is one more implementation and one more
 * {@link Platform} constant.
 */
interface ReviewPlatform {

    /** How strongly an environment shows this platform's CI. */
    enum Sign {
        /** None of its variables. */
        NONE,
        /** Some of its variables (as a job that copies them from another might have). */
        VARIABLES,
        /** Its CI runs this job ({@code GITHUB_ACTIONS=true}, {@code GITLAB_CI=true}). */
        RUNNING
    }

    /** A comment already on the pull request. */
    record ExistingComment(long id, String author, String body) {
    }

    String displayName();

    /** The most characters a comment body may have, marker included. */
    int maxBodyChars();

    Sign sign(Map<String, String> env);

    /**
     * Where the comment of {@code module} goes, or empty when this build is not for a pull or merge request.
     *
     * @throws CommentConfigurationException when a value is invalid or a required one is missing
     */
    Optional<CommentTarget> target(Map<String, String> env, CommentOverrides overrides, String module)
            throws CommentConfigurationException;

    /** What is wrong with a file the CI wrote for this job, when it cannot be read; empty otherwise. */
    default Optional<String> unreadableEnvironment(Map<String, String> env) {
        return Optional.empty();
    }

    /** The environment variables searched for the token, in order. */
    List<String> tokenVariables();

    /** The request headers that carry the token. */
    Map<String, String> headers(ApiToken token);

    /** For messages: {@code owner/name#12}, {@code project!12}. */
    String reference(String repository, long pullRequest);

    /** What the platform calls a comment ("comment", "note"). */
    String noun();

    /** The field of {@code GET /user}'s answer that holds the login comments are written by. */
    String loginField();

    /** Checks made before anything is posted (e.g. that the pull request is the measured commit). */
    default void beforePosting(HttpApi api, CommentTarget target) throws HttpApi.Failure {
    }

    /** The path of the pull request's comments: listed with {@link #firstPageQuery()}, created by POST. */
    String commentsPath(CommentTarget target);

    /** The query of the first page of {@link #commentsPath}, in creation order, the largest pages the API allows. */
    String firstPageQuery();

    /** The path of one comment, to update it. */
    String commentPath(CommentTarget target, long id);

    /** The HTTP method that replaces a comment's body. */
    String updateMethod();

    /** A listed item as a comment, or empty when it is not one the sticky comment could be (a system note). */
    Optional<ExistingComment> existing(JsonNode item);

    /** The next page of comments after {@code response}, whose first page was {@code firstPage}. */
    default Optional<URI> nextPage(HttpApi api, HttpApi.Response response, String firstPage) throws HttpApi.Failure {
        return api.nextLink(response);
    }

    /** The web address of a created or updated comment, from the platform's answer, or {@code null}. */
    default String webUrl(HttpApi api, HttpApi.Response answer) throws HttpApi.Failure {
        return null;
    }
}
