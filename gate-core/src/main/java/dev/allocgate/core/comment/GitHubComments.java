package dev.allocgate.core.comment;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The sticky comment on a GitHub pull request, through the issue-comments REST API. */
final class GitHubComments {
    static final int MAX_PAGES = 100;
    private final HttpApi api;

    GitHubComments(HttpApi api) {
        this.api = api;
    }

    static Map<String, String> headers(ApiToken token) {
        return Map.of("Authorization", "Bearer " + token.reveal(),
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28",
                "User-Agent", "allocgate");
    }

    CommentOutcome post(CommentTarget target, String body) throws HttpApi.Failure {
        String author = author(target);
        String repo = "/repos/" + target.repository();
        if (target.expectedHeadSha() != null) {
            checkHead(target, repo);
        }
        Optional<Long> existing = find(target, repo, author);
        if (existing.isPresent()) {
            String what = "PATCH " + repo + "/issues/comments/" + existing.get();
            HttpApi.Response r = api.send("PATCH", api.resolve(repo + "/issues/comments/" + existing.get()), Map.of("body", body));
            if (r.status() != 200) {
                throw api.failure(r, what);
            }
            return posted(CommentOutcome.Action.UPDATED, r, existing.get());
        }
        String path = repo + "/issues/" + target.pullRequest() + "/comments";
        HttpApi.Response r = api.send("POST", api.resolve(path), Map.of("body", body));
        if (r.status() != 201 && r.status() != 200) {
            throw api.failure(r, "POST " + path);
        }
        return posted(CommentOutcome.Action.CREATED, r, -1);
    }

    private CommentOutcome posted(CommentOutcome.Action action, HttpApi.Response r, long knownId) throws HttpApi.Failure {
        JsonNode json = r.json();
        long id = json.path("id").canConvertToLong() ? json.path("id").asLong() : knownId;
        String url = json.path("html_url").isTextual() ? api.clean(json.path("html_url").asText()) : null;
        return new CommentOutcome.Posted(action, Platform.GITHUB, id, url);
    }

    /** The explicit author; else {@code GET /user}; else, when that is refused, the fallback (Actions' bot). */
    private String author(CommentTarget target) throws HttpApi.Failure {
        if (target.author() != null) {
            return target.author();
        }
        HttpApi.Response r = api.send("GET", api.resolve("/user"), null);
        if (r.status() == 200 && r.json().path("login").isTextual()) {
            return r.json().path("login").asText();
        }
        if (target.fallbackAuthor() != null && (r.status() == 401 || r.status() == 403 || r.status() == 404)) {
            return target.fallbackAuthor(); // GITHUB_TOKEN of Actions: "Resource not accessible by integration"
        }
        HttpApi.Failure f = api.failure(r, "GET /user");
        throw new HttpApi.Failure(CommentOutcome.Reason.UNKNOWN_AUTHOR, r.status(), f.getMessage()
                + " Without the token's login the sticky comment cannot be found again; give the expected author "
                + "(allocgate.commentAuthor, --author).");
    }

    private void checkHead(CommentTarget target, String repo) throws HttpApi.Failure {
        String path = repo + "/pulls/" + target.pullRequest();
        HttpApi.Response r = api.send("GET", api.resolve(path), null);
        if (r.status() != 200) {
            throw api.failure(r, "GET " + path);
        }
        String sha = r.json().path("head").path("sha").asText("");
        if (!sha.equalsIgnoreCase(target.expectedHeadSha())) {
            throw new HttpApi.Failure(CommentOutcome.Reason.PULL_REQUEST_MISMATCH, 0, "pull request " + target.describe()
                    + " has head " + api.clean(sha) + ", not the measured commit " + target.expectedHeadSha()
                    + "; not commenting (a newer push, or a pull-request number that does not belong to this run)");
        }
    }

    /** Our comment: the first one by the author whose first line is the marker, over all pages. */
    private Optional<Long> find(CommentTarget target, String repo, String author) throws HttpApi.Failure {
        URI page = api.resolve(repo + "/issues/" + target.pullRequest() + "/comments?per_page=100");
        for (int n = 0; n < MAX_PAGES && page != null; n++) {
            HttpApi.Response r = api.send("GET", page, null);
            if (r.status() != 200) {
                throw api.failure(r, "GET " + page.getRawPath());
            }
            JsonNode comments = r.json();
            if (!comments.isArray()) {
                throw new HttpApi.Failure(CommentOutcome.Reason.HTTP_ERROR, 200, "the comment list is not a JSON array");
            }
            for (JsonNode c : comments) {
                if (author.equalsIgnoreCase(c.path("user").path("login").asText(""))
                        && target.marker().marks(c.path("body").asText(null)) && c.path("id").canConvertToLong()) {
                    return Optional.of(c.path("id").asLong());
                }
            }
            page = api.nextLink(r).orElse(null);
        }
        return Optional.empty();
    }
}
