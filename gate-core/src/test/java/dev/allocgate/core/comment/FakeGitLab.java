package dev.allocgate.core.comment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's merge-request notes API for project {@code acme/widgets} (addressed URL-encoded) under
 * {@code /api/v4}, checking every request; pages of {@link #pageSize} notes with {@code X-Next-Page}.
 */
final class FakeGitLab extends LoopbackServer {
    static final String TOKEN = "glpat-FAKEtoken0123456789SECRET";

    record Note(long id, String username, boolean system, String[] body) {
    }

    final Map<Long, Note> notes = new LinkedHashMap<>();
    String tokenUser = "project_42_bot";
    int pageSize = 20;
    boolean forbidden;
    private long nextId = 900;

    FakeGitLab() throws IOException {
        super();
    }

    synchronized long seed(String username, boolean system, String body) {
        long id = nextId++;
        notes.put(id, new Note(id, username, system, new String[] {body}));
        return id;
    }

    private static final Pattern NOTES = Pattern.compile("/api/v4/projects/acme%2Fwidgets/merge_requests/12/notes");
    private static final Pattern NOTE = Pattern.compile("/api/v4/projects/acme%2Fwidgets/merge_requests/12/notes/(\\d+)");

    @Override
    synchronized Reply handle(Request r) {
        if (!expectHeader(r, "PRIVATE-TOKEN", TOKEN)) {
            return Reply.of(401, Map.of("message", "401 Unauthorized"));
        }
        if (r.headers().containsKey("Authorization")) {
            violation("an Authorization header next to PRIVATE-TOKEN");
        }
        if (r.method().equals("GET") && r.path().equals("/api/v4/user")) {
            return Reply.of(200, Map.of("id", 42, "username", tokenUser));
        }
        Matcher m;
        if (NOTES.matcher(r.path()).matches() && r.method().equals("GET")) {
            if (!"100".equals(r.query().get("per_page"))) {
                violation("notes listed without per_page=100");
            }
            int page = Integer.parseInt(r.query().getOrDefault("page", "1"));
            List<Note> all = new ArrayList<>(notes.values());
            int from = Math.min(all.size(), (page - 1) * pageSize);
            int to = Math.min(all.size(), from + pageSize);
            List<Object> out = new ArrayList<>();
            all.subList(from, to).forEach(n -> out.add(json(n)));
            return new Reply(200, out, Map.of("X-Next-Page", to < all.size() ? String.valueOf(page + 1) : "", "X-Page", String.valueOf(page)));
        }
        if (NOTES.matcher(r.path()).matches() && r.method().equals("POST")) {
            String body = commentBody(r);
            if (forbidden) {
                return Reply.of(403, Map.of("message", "403 Forbidden"));
            }
            if (body == null || body.length() > 1_000_000) {
                return Reply.of(422, Map.of("message", Map.of("note", List.of("is too long (maximum is 1000000 characters)"))));
            }
            return Reply.of(201, json(notes.get(seed(tokenUser, false, body))));
        }
        if ((m = NOTE.matcher(r.path())).matches() && r.method().equals("PUT")) {
            String body = commentBody(r);
            Note n = notes.get(Long.parseLong(m.group(1)));
            if (n == null || !n.username().equals(tokenUser) || n.system()) {
                violation("PUT of a note that is not ours: " + m.group(1));
                return Reply.of(403, Map.of("message", "403 Forbidden"));
            }
            n.body()[0] = body;
            return Reply.of(200, json(n));
        }
        violation("unexpected request " + r.method() + " " + r.path());
        return Reply.of(404, Map.of("message", "404 Not found"));
    }

    private static Map<String, Object> json(Note n) {
        return Map.of("id", n.id(), "body", n.body()[0], "system", n.system(), "author", Map.of("username", n.username()));
    }
}
