/**
 * The pull-request comment bot: one sticky comment per pull request (GitHub) or merge request
 * (GitLab) and module, found again by a hidden {@link dev.allocgate.core.comment.CommentMarker}
 * and its author, and updated in place.
 *
 * <p>Nothing here throws on a failure to post: {@link dev.allocgate.core.comment.StickyCommentPoster}
 * returns a {@link dev.allocgate.core.comment.CommentOutcome} that callers turn into a warning, so a
 * comment never changes the gate's verdict. Only a usage error (an invalid repository name or
 * URL) is a {@link dev.allocgate.core.comment.CommentConfigurationException}. The token is read from
 * the environment only and is held in an {@link dev.allocgate.core.comment.ApiToken} that never
 * prints its value.
 */
package dev.allocgate.core.comment;
