package dev.allocgate.core.comment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sticky comment against a fake GitHub on loopback that checks every request. */
class GitHubStickyCommentTest {
    private static final String PR_EVENT = "{\"action\":\"synchronize\",\"number\":7,\"pull_request\":{\"number\":7}}";

    @TempDir
    Path dir;
    private FakeGitHub github;
    private Map<String, String> env;
    private final CommentFixtures.Recording rec = new CommentFixtures.Recording();

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub();
        env = CommentFixtures.githubEnv(github, dir, PR_EVENT);
    }

    @AfterEach
    void stop() {
        github.close();
        assertEquals(List.of(), github.violations, "requests the fake GitHub found wrong");
    }

    private CommentOutcome post(String module, String markdown) throws Exception {
        return CommentJob.run(env, CommentOverrides.NONE, module, CommentFixtures.write(dir, "report-" + module + ".md", markdown),
                rec.poster);
    }

    @Test
    void createsOnTheFirstRunAndUpdatesTheSameCommentOnTheSecond() throws Exception {
        CommentOutcome first = post("widgets-core", "## first run\n");
        CommentOutcome.Posted created = assertInstanceOf(CommentOutcome.Posted.class, first, first.message());
        assertEquals(CommentOutcome.Action.CREATED, created.action());

        CommentOutcome second = post("widgets-core", "## second run\n");
        CommentOutcome.Posted updated = assertInstanceOf(CommentOutcome.Posted.class, second, second.message());
        assertEquals(CommentOutcome.Action.UPDATED, updated.action());
        assertEquals(created.commentId(), updated.commentId());

        List<FakeGitHub.Comment> comments = github.commentsOn(7);
        assertEquals(1, comments.size());
        assertEquals("<!-- allocgate:comment module=widgets-core -->\n## second run\n", comments.get(0).body);
        // GET /user is refused for Actions' token, so the author falls back to github-actions[bot].
        assertEquals(List.of("GET /user", "GET /repos/acme/widgets/issues/7/comments?per_page=100",
                "POST /repos/acme/widgets/issues/7/comments",
                "GET /user", "GET /repos/acme/widgets/issues/7/comments?per_page=100",
                "PATCH /repos/acme/widgets/issues/comments/" + created.commentId()), github.requests);
    }

    @Test
    void followsLinkPaginationAcrossThreePages() throws Exception {
        for (int i = 0; i < 230; i++) {
            github.seed(7, "alice", "comment " + i);
        }
        long ours = github.seed(7, "github-actions[bot]", "<!-- allocgate:comment module=widgets-core -->\nold");
        github.seed(7, "bob", "later");

        CommentOutcome outcome = post("widgets-core", "new");

        CommentOutcome.Posted posted = assertInstanceOf(CommentOutcome.Posted.class, outcome, outcome.message());
        assertEquals(ours, posted.commentId());
        assertEquals(CommentOutcome.Action.UPDATED, posted.action());
        assertEquals(List.of("GET /user",
                "GET /repos/acme/widgets/issues/7/comments?per_page=100",
                "GET /repos/acme/widgets/issues/7/comments?per_page=100&page=2",
                "GET /repos/acme/widgets/issues/7/comments?per_page=100&page=3",
                "PATCH /repos/acme/widgets/issues/comments/" + ours), github.requests);
        assertEquals(232, github.commentsOn(7).size());
    }

    @Test
    void leavesAHumansCommentThatQuotesTheMarkerAlone() throws Exception {
        String quoted = "<!-- allocgate:comment module=widgets-core -->\nI copied the bot's comment";
        long human = github.seed(7, "mallory", quoted);
        // Also by a human: the marker further down, and a bot comment for another module.
        github.seed(7, "github-actions[bot]", "<!-- allocgate:comment module=widgets-core-extra -->\nother module");

        CommentOutcome outcome = post("widgets-core", "report");

        CommentOutcome.Posted posted = assertInstanceOf(CommentOutcome.Posted.class, outcome, outcome.message());
        assertEquals(CommentOutcome.Action.CREATED, posted.action());
        assertEquals(quoted, github.comments.get(human).body);
        assertEquals(3, github.commentsOn(7).size());
    }

    @Test
    void twoModulesGetTwoCommentsEachUpdatedInPlace() throws Exception {
        long a = ((CommentOutcome.Posted) post("core", "core v1")).commentId();
        long b = ((CommentOutcome.Posted) post("core-extras", "extras v1")).commentId();
        assertTrue(a != b);
        assertEquals(a, ((CommentOutcome.Posted) post("core", "core v2")).commentId());
        assertEquals(b, ((CommentOutcome.Posted) post("core-extras", "extras v2")).commentId());
        assertEquals(List.of("<!-- allocgate:comment module=core -->\ncore v2", "<!-- allocgate:comment module=core-extras -->\nextras v2"),
                github.commentsOn(7).stream().map(c -> c.body).toList());
    }

    @Test
    void aForkTokenThat403sIsAWarningNotAnException() throws Exception {
        github.readOnlyToken = true;
        CommentOutcome outcome = post("widgets-core", "report");
        CommentOutcome.NotPosted failed = assertInstanceOf(CommentOutcome.NotPosted.class, outcome);
        assertEquals(CommentOutcome.Reason.FORBIDDEN, failed.reason());
        assertEquals(403, failed.httpStatus());
        assertTrue(failed.message().contains("Resource not accessible by integration"), failed.message());
        assertTrue(failed.message().contains("workflow_run"), failed.message());
        assertTrue(rec.sleeps.isEmpty(), "a plain 403 is not a rate limit: no retry");
    }

    @Test
    void aTwoThousandBenchmarkReportIsCutBelowGitHubsLimitAtARowBoundary() throws Exception {
        String markdown = CommentFixtures.markdown(2_000);
        assertTrue(markdown.length() > 65_536 * 3, "precondition: the full report is far over the limit: " + markdown.length());

        CommentOutcome outcome = post("widgets-core", markdown);

        assertInstanceOf(CommentOutcome.Posted.class, outcome, outcome.message());
        String body = github.commentsOn(7).get(0).body;
        assertTrue(body.length() <= 65_536, "UTF-16 length " + body.length());
        assertTrue(body.startsWith("<!-- allocgate:comment module=widgets-core -->\n"));
        long rowsPosted = benchmarkRows(body);
        long rowsInReport = benchmarkRows(markdown);
        assertEquals(2_000, rowsInReport, "one row per benchmark in the full report");
        String trailer = "_" + (rowsInReport - rowsPosted) + " more rows in the report artifact._";
        assertTrue(body.contains(trailer), "expected '" + trailer + "'");
        assertTrue(rowsPosted > 100, "rows posted: " + rowsPosted);
        // Every posted line is a line of the report, apart from the marker and the trailer.
        List<String> reportLines = markdown.lines().toList();
        body.lines().skip(1).filter(l -> !l.contains("more rows in the report artifact"))
                .forEach(l -> assertTrue(reportLines.contains(l), "not from the report: " + l));
    }

    /** Rows of every table except the settings table: a header line, a |---| line, then the rows. */
    static long benchmarkRows(String markdown) {
        List<String> lines = markdown.lines().toList();
        long rows = 0;
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("|") && lines.get(i + 1).startsWith("|-")) {
                boolean settings = lines.get(i).equals("| setting | value |");
                int j = i + 2;
                while (j < lines.size() && lines.get(j).startsWith("|")) {
                    j++;
                }
                rows += settings ? 0 : j - i - 2;
                i = j - 1;
            }
        }
        return rows;
    }

    @Test
    void a422ForATooLongBodyIsReportedAsRejected() throws Exception {
        github.maxBodyChars = 3_000; // stricter than the platform: our capped body is refused
        CommentOutcome outcome = post("widgets-core", CommentFixtures.markdown(200));
        CommentOutcome.NotPosted failed = assertInstanceOf(CommentOutcome.NotPosted.class, outcome);
        assertEquals(CommentOutcome.Reason.REJECTED, failed.reason());
        assertEquals(422, failed.httpStatus());
        assertTrue(failed.message().contains("Validation Failed"), failed.message());
    }

    @Test
    void honoursRetryAfterOn429WithoutSleepingForReal() throws Exception {
        github.retryAfters.add("7");
        github.retryAfters.add("3");
        CommentOutcome outcome = post("widgets-core", "report");
        assertInstanceOf(CommentOutcome.Posted.class, outcome, outcome.message());
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(3)), rec.sleeps);
        assertEquals(2, rec.progress.size());
        assertTrue(rec.progress.get(0).contains("retrying in 7 s (attempt 2 of 3)"), rec.progress.get(0));
    }

    @Test
    void givesUpAfterThreeAttempts() throws Exception {
        github.retryAfters.addAll(List.of("1", "1", "1", "1"));
        CommentOutcome outcome = post("widgets-core", "report");
        CommentOutcome.NotPosted failed = assertInstanceOf(CommentOutcome.NotPosted.class, outcome);
        assertEquals(CommentOutcome.Reason.RATE_LIMITED, failed.reason());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), rec.sleeps);
        assertEquals(3, github.requests.size(), "three attempts of GET /user");
    }

    @Test
    void doesNotStartAWaitLongerThanTheTotalAllowed() throws Exception {
        CommentFixtures.Recording strict = new CommentFixtures.Recording(new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(60)));
        github.retryAfters.add("3600");
        CommentOutcome outcome = CommentJob.run(env, CommentOverrides.NONE, "m", CommentFixtures.write(dir, "r.md", "x"), strict.poster);
        assertEquals(CommentOutcome.Reason.RATE_LIMITED, ((CommentOutcome.NotPosted) outcome).reason());
        assertTrue(strict.sleeps.isEmpty());
        assertTrue(outcome.message().contains("3600 s"), outcome.message());
    }

    @Test
    void usesTheLoginFromUserWhenTheTokenMayAskAndAnExplicitAuthorOverAll() throws Exception {
        github.userForbidden = false;
        github.tokenLogin = "acme-bot";
        github.seed(7, "github-actions[bot]", "<!-- allocgate:comment module=m -->\nwritten by the Actions token");
        CommentOutcome outcome = post("m", "by the PAT");
        assertEquals(CommentOutcome.Action.CREATED, ((CommentOutcome.Posted) outcome).action(), "not the Actions bot's comment");

        github.requests.clear();
        CommentOutcome again = CommentJob.run(env, new CommentOverrides(null, null, null, null, "acme-bot"), "m",
                CommentFixtures.write(dir, "r.md", "again"), rec.poster);
        assertEquals(CommentOutcome.Action.UPDATED, ((CommentOutcome.Posted) again).action());
        assertFalse(github.requests.contains("GET /user"), "an explicit author needs no lookup");
    }

    @Test
    void aWorkflowRunPostsToTheNumberInTheEventOrChecksAGivenNumberAgainstTheHeadCommit() throws Exception {
        String sha = github.headSha;
        env = CommentFixtures.githubEnv(github, dir, "{\"workflow_run\":{\"head_sha\":\"" + sha + "\",\"pull_requests\":[{\"number\":7}]}}");
        assertInstanceOf(CommentOutcome.Posted.class, post("m", "from the event"));
        assertFalse(github.requests.contains("GET /repos/acme/widgets/pulls/7"));

        // A fork's workflow_run lists no pull requests: the number comes from the artifact, and is checked.
        env = CommentFixtures.githubEnv(github, dir, "{\"workflow_run\":{\"head_sha\":\"" + sha + "\",\"pull_requests\":[]}}");
        CommentOverrides fromArtifact = new CommentOverrides(null, null, null, "7", null);
        CommentOutcome ok = CommentJob.run(env, fromArtifact, "m", CommentFixtures.write(dir, "r.md", "checked"), rec.poster);
        assertEquals(CommentOutcome.Action.UPDATED, ((CommentOutcome.Posted) ok).action());
        assertTrue(github.requests.contains("GET /repos/acme/widgets/pulls/7"));

        github.headSha = "fedcba9876543210fedcba9876543210fedcba98"; // the artifact names another pull request
        CommentOutcome refused = CommentJob.run(env, fromArtifact, "m", CommentFixtures.write(dir, "r.md", "spoofed"), rec.poster);
        assertEquals(CommentOutcome.Reason.PULL_REQUEST_MISMATCH, ((CommentOutcome.NotPosted) refused).reason());
        assertEquals("<!-- allocgate:comment module=m -->\nchecked", github.commentsOn(7).get(0).body);
    }

    @Test
    void notAPullRequestAndNoTokenAreOutcomesWithoutAnyRequest() throws Exception {
        env = CommentFixtures.githubEnv(github, dir, "{\"ref\":\"refs/heads/main\",\"head_commit\":{}}");
        assertEquals(CommentOutcome.Reason.NOT_A_PULL_REQUEST, ((CommentOutcome.NotPosted) post("m", "x")).reason());
        env = CommentFixtures.githubEnv(github, dir, PR_EVENT);
        env.remove("GITHUB_TOKEN");
        assertEquals(CommentOutcome.Reason.NO_TOKEN, ((CommentOutcome.NotPosted) post("m", "x")).reason());
        assertEquals(List.of(), github.requests);
    }
}
