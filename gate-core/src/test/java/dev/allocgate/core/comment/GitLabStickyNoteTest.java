package dev.allocgate.core.comment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sticky merge-request note against a fake GitLab on loopback that checks every request. */
class GitLabStickyNoteTest {
    @TempDir
    Path dir;
    private FakeGitLab gitlab;
    private Map<String, String> env;
    private final CommentFixtures.Recording rec = new CommentFixtures.Recording();

    @BeforeEach
    void start() throws Exception {
        gitlab = new FakeGitLab();
        env = new HashMap<>(Map.of("GITLAB_CI", "true", "CI_API_V4_URL", gitlab.baseUrl() + "/api/v4",
                "CI_PROJECT_ID", "acme/widgets", "CI_MERGE_REQUEST_IID", "12", "GITLAB_TOKEN", FakeGitLab.TOKEN,
                "CI_JOB_TOKEN", "job-token-not-used"));
    }

    @AfterEach
    void stop() {
        gitlab.close();
        assertEquals(List.of(), gitlab.violations, "requests the fake GitLab found wrong");
    }

    private CommentOutcome post(String module, String text) throws Exception {
        return CommentJob.run(env, CommentOverrides.NONE, module, CommentFixtures.write(dir, "r.md", text), rec.poster);
    }

    @Test
    void createsThenUpdatesTheSameNoteAcrossPagesLeavingOthersAlone() throws Exception {
        for (int i = 0; i < 45; i++) {
            gitlab.seed(i % 2 == 0 ? "alice" : "project_42_bot", i % 3 == 0, "note " + i);
        }
        long human = gitlab.seed("alice", false, "<!-- allocgate:comment module=core -->\nquoted by a human");
        long system = gitlab.seed("project_42_bot", true, "<!-- allocgate:comment module=core -->\nsystem note");

        CommentOutcome.Posted created = assertInstanceOf(CommentOutcome.Posted.class, post("core", "v1"));
        assertEquals(CommentOutcome.Action.CREATED, created.action());
        CommentOutcome.Posted updated = assertInstanceOf(CommentOutcome.Posted.class, post("core", "v2"));
        assertEquals(CommentOutcome.Action.UPDATED, updated.action());
        assertEquals(created.commentId(), updated.commentId());

        assertEquals("<!-- allocgate:comment module=core -->\nv2", gitlab.notes.get(created.commentId()).body()[0]);
        assertEquals("<!-- allocgate:comment module=core -->\nquoted by a human", gitlab.notes.get(human).body()[0]);
        assertEquals("<!-- allocgate:comment module=core -->\nsystem note", gitlab.notes.get(system).body()[0]);
        String list = "GET /api/v4/projects/acme%2Fwidgets/merge_requests/12/notes?per_page=100&sort=asc&order_by=created_at";
        assertEquals(List.of("GET /api/v4/user", list, list + "&page=2", list + "&page=3",
                "POST /api/v4/projects/acme%2Fwidgets/merge_requests/12/notes",
                "GET /api/v4/user", list, list + "&page=2", list + "&page=3",
                "PUT /api/v4/projects/acme%2Fwidgets/merge_requests/12/notes/" + created.commentId()), gitlab.requests);
    }

    @Test
    void aBigReportFitsGitLabsLimitAndA403IsAWarning() throws Exception {
        String markdown = CommentFixtures.markdown(300);
        CommentOutcome.Posted posted = assertInstanceOf(CommentOutcome.Posted.class, post("core", markdown));
        assertEquals("<!-- allocgate:comment module=core -->\n" + markdown, gitlab.notes.get(posted.commentId()).body()[0],
                "under GitLab's 1,000,000 characters nothing is cut");

        gitlab.forbidden = true;
        CommentOutcome.NotPosted failed = assertInstanceOf(CommentOutcome.NotPosted.class, post("other", "x"));
        assertEquals(CommentOutcome.Reason.FORBIDDEN, failed.reason());
        assertTrue(failed.message().contains("GitLab answered HTTP 403"), failed.message());
    }
}
