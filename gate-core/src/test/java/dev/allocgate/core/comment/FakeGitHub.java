package dev.allocgate.core.comment;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's issue-comment API for one repository, as far as the bot uses it, checking every request:
 * method, path, query, headers (token, Accept, API version) and body. Comments bodies over
 * {@link #maxBodyChars} characters (code points, as GitHub counts) are refused with 422.
 */
final class FakeGitHub extends LoopbackServer {
    static final String TOKEN = "ghs_FAKEtoken0123456789abcdefghijSECRET";
    static final String REPO = "acme/widgets";
    static final int PAGE_SIZE = 100;

    /** A stored comment. */
    static final class Comment {
        final long id;
        final long pullRequest;
        final String login;
        String body;

        Comment(long id, long pullRequest, String login, String body) {
            this.id = id;
            this.pullRequest = pullRequest;
            this.login = login;
            this.body = body;
        }
    }

    final Map<Long, Comment> comments = new LinkedHashMap<>();
    /** Who writes with {@link #TOKEN}. */
    String tokenLogin = "github-actions[bot]";
    /** Whether {@code GET /user} answers 403 as it does for Actions' GITHUB_TOKEN. */
    boolean userForbidden = true;
    /** A fork pull request's read-only token: every write gets 403. */
    boolean readOnlyToken;
    int maxBodyChars = 65_536;
    /** The head commit of every pull request. */
    String headSha = "0123456789abcdef0123456789abcdef01234567";
    /** Answers to send before the real one: 429 with these Retry-After values. */
    final Deque<String> retryAfters = new ArrayDeque<>();
    /** When set, every answer to an error carries this message (to prove it is redacted if it echoes the token). */
    String errorMessage = "Resource not accessible by integration";
    private long nextId = 5_000;

    FakeGitHub() throws IOException {
        super();
    }

    synchronized long seed(long pullRequest, String login, String body) {
        long id = nextId++;
        comments.put(id, new Comment(id, pullRequest, login, body));
        return id;
    }

    synchronized List<Comment> commentsOn(long pullRequest) {
        return comments.values().stream().filter(c -> c.pullRequest == pullRequest).toList();
    }

    private static final Pattern LIST = Pattern.compile("/repos/acme/widgets/issues/(\\d+)/comments");
    private static final Pattern ONE = Pattern.compile("/repos/acme/widgets/issues/comments/(\\d+)");
    private static final Pattern PULL = Pattern.compile("/repos/acme/widgets/pulls/(\\d+)");

    @Override
    synchronized Reply handle(Request r) {
        boolean ok = expectHeader(r, "Authorization", "Bearer " + TOKEN)
                & expectHeader(r, "Accept", "application/vnd.github+json")
                & expectHeader(r, "X-GitHub-Api-Version", "2022-11-28");
        if (!ok) {
            return Reply.of(401, Map.of("message", "Bad credentials"));
        }
        if (!retryAfters.isEmpty()) {
            return new Reply(429, Map.of("message", "API rate limit exceeded"), Map.of("Retry-After", retryAfters.poll()));
        }
        Matcher m;
        if (r.method().equals("GET") && r.path().equals("/user")) {
            return userForbidden ? Reply.of(403, Map.of("message", "Resource not accessible by integration"))
                    : Reply.of(200, Map.of("login", tokenLogin));
        }
        if ((m = LIST.matcher(r.path())).matches() && r.method().equals("GET")) {
            return list(r, Long.parseLong(m.group(1)));
        }
        if ((m = LIST.matcher(r.path())).matches() && r.method().equals("POST")) {
            String body = commentBody(r);
            if (!r.query().isEmpty()) {
                violation("POST with a query: " + r.query());
            }
            Reply refused = refuse(body);
            if (refused != null) {
                return refused;
            }
            long id = seed(Long.parseLong(m.group(1)), tokenLogin, body);
            return Reply.of(201, json(comments.get(id)));
        }
        if ((m = ONE.matcher(r.path())).matches() && r.method().equals("PATCH")) {
            String body = commentBody(r);
            Comment c = comments.get(Long.parseLong(m.group(1)));
            if (c == null) {
                violation("PATCH of an unknown comment " + m.group(1));
                return Reply.of(404, Map.of("message", "Not Found"));
            }
            if (!c.login.equals(tokenLogin)) {
                violation("PATCH of a comment by " + c.login + " (someone else's)");
                return Reply.of(403, Map.of("message", "Must have admin rights"));
            }
            Reply refused = refuse(body);
            if (refused != null) {
                return refused;
            }
            c.body = body;
            return Reply.of(200, json(c));
        }
        if ((m = PULL.matcher(r.path())).matches() && r.method().equals("GET")) {
            return Reply.of(200, Map.of("number", Long.parseLong(m.group(1)), "head", Map.of("sha", headSha)));
        }
        violation("unexpected request " + r.method() + " " + r.path());
        return Reply.of(404, Map.of("message", "Not Found"));
    }

    private Reply refuse(String body) {
        if (readOnlyToken) {
            return Reply.of(403, Map.of("message", errorMessage));
        }
        if (body == null || body.codePointCount(0, body.length()) > maxBodyChars) {
            return Reply.of(422, Map.of("message", "Validation Failed", "errors", List.of(Map.of("resource", "IssueComment",
                    "code", "custom", "field", "body", "message", "body is too long (maximum is " + maxBodyChars + " characters)"))));
        }
        return null;
    }

    private Reply list(Request r, long pullRequest) {
        if (!"100".equals(r.query().get("per_page"))) {
            violation("list without per_page=100: " + r.query());
        }
        int page = Integer.parseInt(r.query().getOrDefault("page", "1"));
        List<Comment> all = commentsOn(pullRequest);
        int from = Math.min(all.size(), (page - 1) * PAGE_SIZE);
        int to = Math.min(all.size(), from + PAGE_SIZE);
        List<Object> out = new ArrayList<>();
        all.subList(from, to).forEach(c -> out.add(json(c)));
        int last = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        String self = baseUrl() + r.path() + "?per_page=100&page=";
        Map<String, String> headers = page < last
                ? Map.of("Link", "<" + self + (page + 1) + ">; rel=\"next\", <" + self + last + ">; rel=\"last\"")
                : Map.of();
        return new Reply(200, out, headers);
    }

    private Map<String, Object> json(Comment c) {
        return Map.of("id", c.id, "body", c.body, "user", Map.of("login", c.login, "type", c.login.endsWith("[bot]") ? "Bot" : "User"),
                "html_url", "https://github.example/acme/widgets/pull/" + c.pullRequest + "#issuecomment-" + c.id);
    }
}
