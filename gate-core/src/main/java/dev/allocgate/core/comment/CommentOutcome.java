package dev.allocgate.core.comment;

/**
 * What became of a comment: {@link Posted}, or {@link NotPosted} with the reason. A failure to post
 * is data for a warning, never an exception that could change the gate's verdict. No field ever
 * holds the token.
 */
public sealed interface CommentOutcome permits CommentOutcome.Posted, CommentOutcome.NotPosted {

    /** Whether the comment is on the pull request now. */
    boolean posted();

    /** One line for the log. */
    String message();

    /** Whether the comment was created or updated in place. */
    enum Action { CREATED, UPDATED }

    /** Why a comment was not posted. */
    enum Reason {
        /** The build is not for a pull or merge request (or its number could not be found). */
        NOT_A_PULL_REQUEST,
        /** Neither a platform given nor one the CI environment shows. */
        UNKNOWN_PLATFORM,
        /** The CI's event file ({@code GITHUB_EVENT_PATH}) is not readable JSON: the CI's fault, not a usage error. */
        EVENT_UNREADABLE,
        /** No token in the environment. */
        NO_TOKEN,
        /** The report file to post does not exist or cannot be read. */
        NO_REPORT,
        /** 401: the token is invalid or expired. */
        UNAUTHORIZED,
        /** 403: the token may not write here, e.g. the read-only token of a pull request from a fork. */
        FORBIDDEN,
        /** 404 or 410: repository, pull request or comment not found (or not visible to the token). */
        NOT_FOUND,
        /** 422: the platform refused the request (e.g. a body that is too long, a locked conversation). */
        REJECTED,
        /** Still rate limited after the bounded retries. */
        RATE_LIMITED,
        /** The authenticated user could not be learned; set the expected author explicitly. */
        UNKNOWN_AUTHOR,
        /** The pull request's head is not the commit that was measured (workflow_run with a given number). */
        PULL_REQUEST_MISMATCH,
        /** Another HTTP status or an answer that could not be understood. */
        HTTP_ERROR,
        /** The connection failed. */
        IO_ERROR
    }

    /**
     * The comment is on the pull request.
     *
     * @param action    created or updated
     * @param platform  where
     * @param commentId the comment's (GitHub) or note's (GitLab) id
     * @param url       the comment's web address when the platform returned one, else {@code null}
     */
    record Posted(Action action, Platform platform, long commentId, String url) implements CommentOutcome {
        @Override
        public boolean posted() {
            return true;
        }

        @Override
        public String message() {
            return (action == Action.CREATED ? "created" : "updated") + " the " + platform.displayName()
                    + " comment " + commentId + (url == null ? "" : " " + url);
        }
    }

    /**
     * The comment could not be posted.
     *
     * @param reason     why
     * @param httpStatus the HTTP status that decided it, or 0
     * @param message    what happened and what to do, for a warning (never contains the token)
     */
    record NotPosted(Reason reason, int httpStatus, String message) implements CommentOutcome {
        @Override
        public boolean posted() {
            return false;
        }
    }
}
