package dev.allocgate.core.comment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Repository, number and API URL from each CI's standard environment, and explicit values over them. */
class CiEnvironmentTest {
    @TempDir
    Path dir;

    private Map<String, String> github(String event) throws Exception {
        return new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "acme/widgets",
                "GITHUB_EVENT_PATH", CommentFixtures.write(dir, "event.json", event).toString()));
    }

    private static CommentTarget resolve(Map<String, String> env, CommentOverrides o) throws Exception {
        return CiEnvironment.resolve(env, o, "core").orElse(null);
    }

    @Test
    void pullRequestNumberFromEachKindOfEvent() throws Exception {
        assertEquals(7, resolve(github("{\"number\":7,\"pull_request\":{\"number\":7}}"), CommentOverrides.NONE).pullRequest());
        assertEquals(8, resolve(github("{\"action\":\"opened\",\"number\":8}"), CommentOverrides.NONE).pullRequest());
        assertEquals(9, resolve(github("{\"issue\":{\"number\":9,\"pull_request\":{}}}"), CommentOverrides.NONE).pullRequest());
        assertNull(resolve(github("{\"issue\":{\"number\":9}}"), CommentOverrides.NONE), "an issue is not a pull request");
        CommentTarget run = resolve(github("{\"workflow_run\":{\"head_sha\":\"" + "a".repeat(40)
                + "\",\"pull_requests\":[{\"number\":10}]}}"), CommentOverrides.NONE);
        assertEquals(10, run.pullRequest());
        assertNull(run.expectedHeadSha(), "a number from the event itself needs no check");
        assertNull(resolve(github("{\"ref\":\"refs/heads/main\"}"), CommentOverrides.NONE));
    }

    @Test
    void explicitValuesWinAndDefaultsApply() throws Exception {
        Map<String, String> env = github("{\"number\":7}");
        env.put(CiEnvironment.TRUSTED_API_HOSTS, "other.example, GHE.example");
        CommentTarget t = resolve(env, new CommentOverrides("github", "https://ghe.example/api/v3/",
                "other/repo", "99", "acme-bot"));
        assertEquals(99, t.pullRequest());
        assertEquals("other/repo", t.repository());
        assertEquals("https://ghe.example/api/v3", t.apiBase().toString());
        assertEquals("acme-bot", t.author());
        CommentTarget d = resolve(github("{\"number\":7}"), CommentOverrides.NONE);
        assertEquals("https://api.github.com", d.apiBase().toString());
        assertEquals(CiEnvironment.GITHUB_ACTIONS_BOT, d.fallbackAuthor());
        assertNull(d.author());
    }

    @Test
    void gitLabFromItsVariables() throws Exception {
        Map<String, String> env = Map.of("GITLAB_CI", "true", "CI_API_V4_URL", "https://gitlab.example/api/v4",
                "CI_PROJECT_ID", "1234", "CI_MERGE_REQUEST_IID", "5");
        CommentTarget t = resolve(env, CommentOverrides.NONE);
        assertEquals(Platform.GITLAB, t.platform());
        assertEquals("1234", t.repository());
        assertEquals(5, t.pullRequest());
        assertNull(resolve(Map.of("GITLAB_CI", "true", "CI_API_V4_URL", "https://gitlab.example/api/v4", "CI_PROJECT_ID", "1"),
                CommentOverrides.NONE), "a branch pipeline is not a merge request");
    }

    @Test
    void thePlatformIsTheOneGivenOrShownNeverAGuess() throws Exception {
        assertEquals(Optional.of(Platform.GITLAB), CiEnvironment.platform(Map.of("GITHUB_ACTIONS", "true"), "GitLab"));
        assertEquals(Optional.of(Platform.GITHUB), CiEnvironment.platform(Map.of("GITHUB_ACTIONS", "true",
                "CI_API_V4_URL", "https://gitlab.example/api/v4"), null), "the CI that runs the job wins over variables");
        assertEquals(Optional.of(Platform.GITLAB), CiEnvironment.platform(Map.of("CI_MERGE_REQUEST_IID", "3"), "auto"));
        assertEquals(Optional.of(Platform.GITHUB), CiEnvironment.platform(Map.of("GITHUB_REPOSITORY", "a/b"), null));
        assertEquals(Optional.empty(), CiEnvironment.platform(Map.of("CI", "true", "JENKINS_URL", "https://ci"), null));
        String both = assertThrows(CommentConfigurationException.class, () -> CiEnvironment.platform(
                Map.of("GITHUB_ACTIONS", "true", "GITLAB_CI", "true"), null)).getMessage();
        assertTrue(both.contains("GitHub, GitLab") && both.contains("--platform"), both);
    }

    @Test
    void noPlatformShownIsAMessageNotAPost() throws Exception {
        Map<String, String> jenkins = Map.of("CI", "true", "GITHUB_TOKEN", "gh-secret-1", "GITLAB_TOKEN", "gl-secret-1");
        Path report = CommentFixtures.write(dir, "report.md", "x");
        CommentOutcome outcome = CommentJob.run(jenkins, CommentOverrides.NONE, "core", report, null);
        assertEquals(CommentOutcome.Reason.UNKNOWN_PLATFORM, ((CommentOutcome.NotPosted) outcome).reason());
        assertTrue(outcome.message().contains("allocgate.platform, --platform: github, gitlab"), outcome.message());
        // A pull request given where no platform is shown: the user meant to post, so it is a usage error.
        String given = assertThrows(CommentConfigurationException.class, () -> CommentJob.run(jenkins,
                new CommentOverrides(null, null, null, "12", null), "core", report, null)).getMessage();
        assertTrue(given.startsWith("no platform to comment on"), given);
    }

    @Test
    void invalidValuesAreUsageErrorsNamingTheSetting() throws Exception {
        Map<String, String> env = github("{\"number\":7}");
        String[][] cases = {
                {"platform", "bitbucket", null, null, null},
                {"http", null, "http://api.example.com", null, null},
                {"owner/name", null, null, "../../etc", null},
                {"positive number", null, null, null, "-3"},
        };
        for (String[] c : cases) {
            CommentConfigurationException e = assertThrows(CommentConfigurationException.class,
                    () -> resolve(env, new CommentOverrides(c[1], c[2], c[3], c[4], null)));
            assertTrue(e.getMessage().contains(c[0]), e.getMessage());
        }
        env.remove("GITHUB_REPOSITORY");
        assertTrue(assertThrows(CommentConfigurationException.class, () -> resolve(env, CommentOverrides.NONE))
                .getMessage().contains("GITHUB_REPOSITORY"));
        // Plain http is fine to a loopback address only.
        assertEquals("http://127.0.0.1:8080", CiEnvironment.apiUrl("http://127.0.0.1:8080/", "X").toString());
    }

    @Test
    void aPomsApiUrlCannotSendTheTokenToAnotherHost() throws Exception {
        Map<String, String> env = github("{\"number\":7}");
        CommentOverrides pom = new CommentOverrides(null, "https://collector.example/api", null, null, null);
        String message = assertThrows(CommentConfigurationException.class, () -> resolve(env, pom)).getMessage();
        assertTrue(message.contains("host collector.example"), message);
        assertTrue(message.contains("GITHUB_API_URL, not set"), message);
        assertTrue(message.contains(CiEnvironment.TRUSTED_API_HOSTS + "=collector.example"), message);

        env.put("GITHUB_API_URL", "https://ghe.example/api/v3");
        assertThrows(CommentConfigurationException.class, () -> resolve(env, pom), "the CI names another host");
        assertEquals("https://ghe.example/api/v3/x", resolve(env, new CommentOverrides(null, "https://ghe.example/api/v3/x",
                null, null, null)).apiBase().toString(), "the CI's own host");
        assertEquals("https://api.github.com", resolve(env, new CommentOverrides(null, "https://api.github.com", null, null,
                null)).apiBase().toString(), "the platform's public host");

        Map<String, String> gitlab = new HashMap<>(Map.of("GITLAB_CI", "true", "CI_API_V4_URL", "https://gitlab.example/api/v4",
                "CI_PROJECT_ID", "1234", "CI_MERGE_REQUEST_IID", "5"));
        assertThrows(CommentConfigurationException.class, () -> resolve(gitlab, pom));
        gitlab.put(CiEnvironment.TRUSTED_API_HOSTS, "collector.example");
        assertEquals("https://collector.example/api", resolve(gitlab, pom).apiBase().toString(), "opted in by the CI job");
    }

    @Test
    void theMarkerCannotBeBrokenByTheModuleName() {
        CommentMarker m = new CommentMarker("evil-->\n<b>x</b> --");
        assertFalse(m.line().substring(4, m.line().length() - 3).contains("--"), m.line());
        assertFalse(m.line().contains("\n"));
        assertTrue(m.marks(m.wrap("body")));
        assertTrue(m.marks(m.line() + "\r\nbody"));
        assertFalse(new CommentMarker("core").marks(new CommentMarker("core-extra").wrap("x")));
        assertFalse(new CommentMarker("core").marks("text\n" + new CommentMarker("core").line()));
    }
}
