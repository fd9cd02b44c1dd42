package dev.allocgate.core.comment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token appears in no outcome, message, progress line, exception or toString, whatever goes wrong. */
class TokenRedactionTest {
    @TempDir
    Path dir;

    @Test
    void theTokenNeverAppearsInAnyTextTheBotProduces() throws Exception {
        List<String> texts = new ArrayList<>();
        // Everything the JDK's HTTP client logs through java.util.logging, at every level.
        List<String> jdkLog = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                jdkLog.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        try (FakeGitHub github = new FakeGitHub()) {
            CommentFixtures.Recording rec = new CommentFixtures.Recording();
            Map<String, String> env = CommentFixtures.githubEnv(github, dir, "{\"pull_request\":{\"number\":7}}");
            Path report = CommentFixtures.write(dir, "r.md", "report");

            ApiToken token = ApiToken.fromEnvironment(Platform.GITHUB, env).orElseThrow();
            texts.add(token.toString());
            texts.add(String.valueOf(token));

            CommentOutcome ok = CommentJob.run(env, CommentOverrides.NONE, "m", report, rec.poster);
            assertTrue(ok.posted());
            texts.add(ok.toString());
            texts.add(ok.message());

            // A server that echoes the token in its error message, a rate limit, a read-only token.
            github.readOnlyToken = true;
            github.errorMessage = "token " + FakeGitHub.TOKEN + " is read-only";
            github.retryAfters.add("2");
            CommentOutcome forbidden = CommentJob.run(env, CommentOverrides.NONE, "m", report, rec.poster);
            assertFalse(forbidden.posted());
            assertTrue(forbidden.message().contains("token " + ApiToken.REDACTED + " is read-only"), forbidden.message());
            texts.add(forbidden.toString());
            texts.addAll(rec.progress);

            // Invalid values, even when someone pastes the token where a value belongs.
            for (CommentOverrides bad : List.of(new CommentOverrides("gh" + FakeGitHub.TOKEN, null, null, null, null),
                    new CommentOverrides(null, "ftp://" + FakeGitHub.TOKEN, null, null, null),
                    new CommentOverrides(null, null, FakeGitHub.TOKEN + "/x/y", null, null),
                    new CommentOverrides(null, null, null, FakeGitHub.TOKEN, null),
                    new CommentOverrides(null, null, null, null, "<" + FakeGitHub.TOKEN + ">"))) {
                try {
                    CommentJob.run(env, bad, "m", report, rec.poster);
                    texts.add("no exception for " + bad.toString().replace(FakeGitHub.TOKEN, "T"));
                } catch (CommentConfigurationException e) {
                    texts.add(e.getMessage());
                    texts.add(e.toString());
                }
            }

            // The server gone: an I/O error.
            github.close();
            CommentOutcome unreachable = CommentJob.run(env, CommentOverrides.NONE, "m", report, rec.poster);
            assertEquals(CommentOutcome.Reason.IO_ERROR, ((CommentOutcome.NotPosted) unreachable).reason());
            texts.add(unreachable.toString());
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
        texts.addAll(jdkLog);
        assertTrue(texts.size() >= 12, "collected " + texts.size());
        for (String text : texts) {
            assertFalse(text.contains(FakeGitHub.TOKEN), "token in: " + text);
            assertFalse(text.contains("FAKEtoken"), "part of the token in: " + text);
        }
    }

    @Test
    void gitLabTokensComeFromTheEnvironmentInOrderAndPrintRedacted() {
        Map<String, String> env = new HashMap<>(Map.of("CI_JOB_TOKEN", "job-secret-1"));
        ApiToken job = ApiToken.fromEnvironment(Platform.GITLAB, env).orElseThrow();
        assertEquals("CI_JOB_TOKEN", job.source());
        assertEquals(Map.of("JOB-TOKEN", "job-secret-1"), Map.of("JOB-TOKEN", Platform.GITLAB.api().headers(job).get("JOB-TOKEN")));
        env.put("GITLAB_TOKEN", "glpat-secret-2");
        ApiToken pat = ApiToken.fromEnvironment(Platform.GITLAB, env).orElseThrow();
        assertEquals("GITLAB_TOKEN", pat.source());
        assertEquals("ApiToken[GITLAB_TOKEN=[redacted]]", pat.toString());
        assertTrue(ApiToken.fromEnvironment(Platform.GITHUB, env).isEmpty());
    }
}
