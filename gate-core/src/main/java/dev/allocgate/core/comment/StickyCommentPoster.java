package dev.allocgate.core.comment;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Posts a Markdown report as the one sticky comment of a pull request and module, on any {@link Platform}: finds the
 * comment by its marker and author (paging through all comments), updates it in place, or creates
 * it. The body is the marker line and the Markdown capped at a row boundary
 * ({@link MarkdownCap}) to the platform's limit ({@link Platform#maxBodyChars()}).
 *
 * <p>{@link #post} never throws for a failure to post; it returns {@link CommentOutcome.NotPosted}.
 */
public final class StickyCommentPoster {
    /** Pages of comments read at most while looking for the sticky one. */
    static final int MAX_PAGES = 100;
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
        ReviewPlatform platform = target.platform().api();
        try {
            return post(api(target, token, platform.headers(token)), platform, target, body);
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

    /** The sticky-comment algorithm: the author, the platform's checks, then update our comment or create it. */
    private static CommentOutcome post(HttpApi api, ReviewPlatform platform, CommentTarget target, String body)
            throws HttpApi.Failure {
        String author = author(api, platform, target);
        platform.beforePosting(api, target);
        Optional<Long> existing = find(api, platform, target, author);
        if (existing.isPresent()) {
            String path = platform.commentPath(target, existing.get());
            HttpApi.Response r = api.send(platform.updateMethod(), api.resolve(path), Map.of("body", body));
            if (r.status() != 200) {
                throw api.failure(r, platform.updateMethod() + " " + path);
            }
            return new CommentOutcome.Posted(CommentOutcome.Action.UPDATED, target.platform(), existing.get(),
                    platform.webUrl(api, r));
        }
        String path = platform.commentsPath(target);
        HttpApi.Response r = api.send("POST", api.resolve(path), Map.of("body", body));
        if (r.status() != 201 && r.status() != 200) {
            throw api.failure(r, "POST " + path);
        }
        JsonNode id = r.json().path("id");
        return new CommentOutcome.Posted(CommentOutcome.Action.CREATED, target.platform(),
                id.canConvertToLong() ? id.asLong() : -1, platform.webUrl(api, r));
    }

    /** The explicit author; else the token's login ({@code GET /user}); else, when that is refused, the fallback. */
    private static String author(HttpApi api, ReviewPlatform platform, CommentTarget target) throws HttpApi.Failure {
        if (target.author() != null) {
            return target.author();
        }
        HttpApi.Response r = api.send("GET", api.resolve("/user"), null);
        if (r.status() == 200 && r.json().path(platform.loginField()).isTextual()) {
            return r.json().path(platform.loginField()).asText();
        }
        if (target.fallbackAuthor() != null && (r.status() == 401 || r.status() == 403 || r.status() == 404)) {
            return target.fallbackAuthor(); // GITHUB_TOKEN of Actions: "Resource not accessible by integration"
        }
        HttpApi.Failure f = api.failure(r, "GET /user");
        throw new HttpApi.Failure(CommentOutcome.Reason.UNKNOWN_AUTHOR, r.status(), f.getMessage()
                + " Without the token's " + platform.loginField() + " the sticky " + platform.noun()
                + " cannot be found again; give the expected author (allocgate.commentAuthor, --author).");
    }

    /** Our comment: the first one by the author whose first line is the marker, over all pages. */
    private static Optional<Long> find(HttpApi api, ReviewPlatform platform, CommentTarget target, String author)
            throws HttpApi.Failure {
        String first = platform.commentsPath(target) + platform.firstPageQuery();
        URI page = api.resolve(first);
        for (int n = 0; n < MAX_PAGES && page != null; n++) {
            HttpApi.Response r = api.send("GET", page, null);
            if (r.status() != 200) {
                throw api.failure(r, "GET " + page.getRawPath());
            }
            JsonNode list = r.json();
            if (!list.isArray()) {
                throw new HttpApi.Failure(CommentOutcome.Reason.HTTP_ERROR, 200, "the " + platform.noun()
                        + " list is not a JSON array");
            }
            for (JsonNode item : list) {
                Optional<ReviewPlatform.ExistingComment> c = platform.existing(item);
                if (c.isPresent() && author.equalsIgnoreCase(c.get().author()) && target.marker().marks(c.get().body())) {
                    return Optional.of(c.get().id());
                }
            }
            page = platform.nextPage(api, r, first).orElse(null);
        }
        return Optional.empty();
    }

    private HttpApi api(CommentTarget target, ApiToken token, java.util.Map<String, String> headers) {
        Consumer<String> redacted = s -> progress.accept(token.redact(s));
        return new HttpApi(client, target.apiBase(), headers, token, retry, sleeper, clock, redacted, target.platform().displayName());
    }
}
