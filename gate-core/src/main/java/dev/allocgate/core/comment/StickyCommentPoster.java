package dev.allocgate.core.comment;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Posts a Markdown report as the one sticky comment of a pull request and module: finds the
 * comment by its marker and author (paging through all comments), updates it in place, or creates
 * it. The body is the marker line and the Markdown capped at a row boundary
 * ({@link MarkdownCap}) to the platform's limit ({@link Platform#maxBodyChars()}).
 *
 * <p>{@link #post} never throws for a failure to post; it returns {@link CommentOutcome.NotPosted}.
 */
public final class StickyCommentPoster {
    private final HttpClient client;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Consumer<String> progress;

    /** Real HTTP, real waiting, the default retry policy; progress messages (rate-limit waits) to {@code progress}. */
    public StickyCommentPoster(Consumer<String> progress) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build(),
                RetryPolicy.DEFAULT, Sleeper.THREAD, Clock.systemUTC(), progress);
    }

    /** Everything injectable, for tests. The client should not follow redirects. */
    public StickyCommentPoster(HttpClient client, RetryPolicy retry, Sleeper sleeper, Clock clock, Consumer<String> progress) {
        this.client = client;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.progress = progress;
    }

    /** The body that would be posted: the marker line, then the Markdown capped to the platform's limit. */
    public static String body(CommentTarget target, String markdown) {
        String marker = target.marker().line() + "\n";
        return marker + MarkdownCap.cap(markdown, target.platform().maxBodyChars() - marker.length());
    }

    /** Creates or updates the sticky comment; never throws for a failure to post. */
    public CommentOutcome post(CommentTarget target, ApiToken token, String markdown) {
        String body = body(target, markdown);
        try {
            if (target.platform() == Platform.GITHUB) {
                return new GitHubComments(api(target, token, GitHubComments.headers(token))).post(target, body);
            }
            return new GitLabNotes(api(target, token, GitLabNotes.headers(token))).post(target, body);
        } catch (HttpApi.Failure f) {
            return new CommentOutcome.NotPosted(f.reason, f.status, "could not comment on " + target.describe() + ": "
                    + token.redact(f.getMessage()));
        } catch (RuntimeException e) {
            // A bug or an unexpected answer must not escape into the build: report it, redacted.
            return new CommentOutcome.NotPosted(CommentOutcome.Reason.HTTP_ERROR, 0, "could not comment on "
                    + target.describe() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + dev.allocgate.core.report.Text.plain(token.redact(e.getMessage()))));
        }
    }

    private HttpApi api(CommentTarget target, ApiToken token, java.util.Map<String, String> headers) {
        Consumer<String> redacted = s -> progress.accept(token.redact(s));
        return new HttpApi(client, target.apiBase(), headers, token, retry, sleeper, clock, redacted, target.platform().displayName());
    }
}
