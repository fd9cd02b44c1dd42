package dev.allocgate.core.comment;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The sticky note on a GitLab merge request, through the notes REST API. */
final class GitLabNotes {
    private final HttpApi api;

    GitLabNotes(HttpApi api) {
        this.api = api;
    }

    /** {@code PRIVATE-TOKEN} for a personal, project or group access token; {@code JOB-TOKEN} for {@code CI_JOB_TOKEN}. */
    static Map<String, String> headers(ApiToken token) {
        String header = "CI_JOB_TOKEN".equals(token.source()) ? "JOB-TOKEN" : "PRIVATE-TOKEN";
        return Map.of(header, token.reveal(), "Accept", "application/json", "User-Agent", "allocgate");
    }

    CommentOutcome post(CommentTarget target, String body) throws HttpApi.Failure {
        String author = author(target);
        String notes = "/projects/" + HttpApi.encodePathSegment(target.repository()) + "/merge_requests/"
                + target.pullRequest() + "/notes";
        Optional<Long> existing = find(notes, target, author);
        if (existing.isPresent()) {
            String path = notes + "/" + existing.get();
            HttpApi.Response r = api.send("PUT", api.resolve(path), Map.of("body", body));
            if (r.status() != 200) {
                throw api.failure(r, "PUT " + path);
            }
            return new CommentOutcome.Posted(CommentOutcome.Action.UPDATED, Platform.GITLAB, existing.get(), null);
        }
        HttpApi.Response r = api.send("POST", api.resolve(notes), Map.of("body", body));
        if (r.status() != 201 && r.status() != 200) {
            throw api.failure(r, "POST " + notes);
        }
        JsonNode json = r.json();
        return new CommentOutcome.Posted(CommentOutcome.Action.CREATED, Platform.GITLAB, json.path("id").asLong(-1), null);
    }

    private String author(CommentTarget target) throws HttpApi.Failure {
        if (target.author() != null) {
            return target.author();
        }
        HttpApi.Response r = api.send("GET", api.resolve("/user"), null);
        if (r.status() == 200 && r.json().path("username").isTextual()) {
            return r.json().path("username").asText();
        }
        HttpApi.Failure f = api.failure(r, "GET /user");
        throw new HttpApi.Failure(CommentOutcome.Reason.UNKNOWN_AUTHOR, r.status(), f.getMessage()
                + " Without the token's username the sticky note cannot be found again; give the expected author "
                + "(allocgate.commentAuthor, --author).");
    }

    /** Our note: the first non-system note by the author whose first line is the marker, over all pages. */
    private Optional<Long> find(String notes, CommentTarget target, String author) throws HttpApi.Failure {
        String first = notes + "?per_page=100&sort=asc&order_by=created_at";
        URI page = api.resolve(first);
        for (int n = 0; n < GitHubComments.MAX_PAGES && page != null; n++) {
            HttpApi.Response r = api.send("GET", page, null);
            if (r.status() != 200) {
                throw api.failure(r, "GET " + page.getRawPath());
            }
            JsonNode list = r.json();
            if (!list.isArray()) {
                throw new HttpApi.Failure(CommentOutcome.Reason.HTTP_ERROR, 200, "the note list is not a JSON array");
            }
            for (JsonNode note : list) {
                if (!note.path("system").asBoolean(false)
                        && author.equalsIgnoreCase(note.path("author").path("username").asText(""))
                        && target.marker().marks(note.path("body").asText(null)) && note.path("id").canConvertToLong()) {
                    return Optional.of(note.path("id").asLong());
                }
            }
            Optional<URI> link = api.nextLink(r);
            Optional<String> nextPage = r.header("X-Next-Page").map(String::strip).filter(p -> p.matches("[0-9]{1,6}"));
            page = link.orElseGet(() -> nextPage.map(p -> api.resolve(first + "&page=" + p)).orElse(null));
        }
        return Optional.empty();
    }
}
