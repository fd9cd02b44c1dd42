package dev.allocgate.core.comment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the comment bot, shared by the Maven goal and the command-line tool: find the target in
 * the environment, read the token from the environment and the Markdown report from a file, post.
 */
public final class CommentJob {
    private CommentJob() {
    }

    /**
     * Posts {@code markdownFile} as the sticky comment of {@code module}.
     *
     * @return {@link CommentOutcome.Posted}, or {@link CommentOutcome.NotPosted} (not a pull request, no
     *         token, no report, or the platform refused): for a message, never for a changed verdict
     * @throws CommentConfigurationException when an explicit or environment value is invalid
     */
    public static CommentOutcome run(Map<String, String> env, CommentOverrides overrides, String module, Path markdownFile,
                                     StickyCommentPoster poster) throws CommentConfigurationException {
        Optional<CommentTarget> target;
        try {
            Optional<String> badEvent = CiEnvironment.unreadableEvent(env, overrides);
            if (badEvent.isPresent()) {
                return new CommentOutcome.NotPosted(CommentOutcome.Reason.EVENT_UNREADABLE, 0, redactAll(env, badEvent.get()));
            }
            target = CiEnvironment.resolve(env, overrides, module);
        } catch (CommentConfigurationException e) {
            throw new CommentConfigurationException(redactAll(env, e.getMessage()));
        }
        if (target.isEmpty() && CiEnvironment.platform(env, overrides.platform()).isEmpty()) {
            return new CommentOutcome.NotPosted(CommentOutcome.Reason.UNKNOWN_PLATFORM, 0,
                    CiEnvironment.unknownPlatform() + "; nothing posted");
        }
        if (target.isEmpty()) {
            return new CommentOutcome.NotPosted(CommentOutcome.Reason.NOT_A_PULL_REQUEST, 0,
                    "no pull or merge request: none given (allocgate.pullRequest, --pull-request) and none in the CI "
                            + "environment (GITHUB_EVENT_PATH, CI_MERGE_REQUEST_IID); nothing posted");
        }
        Platform platform = target.get().platform();
        Optional<ApiToken> token = ApiToken.fromEnvironment(platform, env);
        if (token.isEmpty()) {
            return new CommentOutcome.NotPosted(CommentOutcome.Reason.NO_TOKEN, 0, "no " + platform.displayName()
                    + " token: set " + String.join(" or ", ApiToken.variableNames(platform))
                    + " in the environment of this step; nothing posted");
        }
        String markdown;
        try {
            markdown = Files.readString(markdownFile, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            return new CommentOutcome.NotPosted(CommentOutcome.Reason.NO_REPORT, 0, "the report " + markdownFile
                    + " is not valid UTF-8, so it was not written by allocgate (or was changed since); nothing posted."
                    + " Pass the report.md that allocgate wrote (Maven: allocgate:check or allocgate:compare; the CLI:"
                    + " compare or check-results)");
        } catch (IOException e) {
            return new CommentOutcome.NotPosted(CommentOutcome.Reason.NO_REPORT, 0, "cannot read the report "
                    + markdownFile + " (" + e.getClass().getSimpleName() + "); run the gate first (Maven: allocgate:check"
                    + " or allocgate:compare; the CLI: compare or check-results)");
        }
        return poster.post(target.get(), token.get(), markdown);
    }

    private static String redactAll(Map<String, String> env, String message) {
        String out = message;
        for (Platform p : Platform.values()) {
            Optional<ApiToken> t = ApiToken.fromEnvironment(p, env);
            if (t.isPresent()) {
                out = t.get().redact(out);
            }
        }
        return out;
    }
}
