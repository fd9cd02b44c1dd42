package dev.allocgate.cli;

import com.sun.net.httpserver.HttpServer;
import dev.allocgate.core.comment.RetryPolicy;
import dev.allocgate.core.comment.StickyCommentPoster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line against a tiny GitHub on loopback: exit status, output, and the token kept out of both. */
class AllocgateCliTest {
    private static final String TOKEN = "ghs_CLItokenShouldNeverShow0123456789";
    private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private volatile int writeStatus = 201;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Map<String, String> env;
    private Path report;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                String line = ex.getRequestMethod() + " " + ex.getRequestURI();
                requests.add(line);
                if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))
                        || !"2022-11-28".equals(ex.getRequestHeaders().getFirst("X-GitHub-Api-Version"))) {
                    problems.add("headers of " + line);
                }
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status;
                String answer;
                switch (line) {
                    case "GET /user" -> { status = 403; answer = "{\"message\":\"Resource not accessible by integration\"}"; }
                    case "GET /repos/acme/widgets/pulls/31" -> { status = 200; answer = "{\"head\":{\"sha\":\"" + SHA + "\"}}"; }
                    case "GET /repos/acme/widgets/issues/31/comments?per_page=100" -> { status = 200; answer = "[]"; }
                    case "POST /repos/acme/widgets/issues/31/comments" -> {
                        status = writeStatus;
                        answer = status == 201 ? "{\"id\":77,\"html_url\":\"https://github.example/c/77\"}" : "{\"message\":\"Resource not accessible by integration\"}";
                        if (!body.startsWith("{\"body\":\"<!-- allocgate:comment module=widgets -->\\n## report")) {
                            problems.add("body " + body);
                        }
                    }
                    default -> { status = 404; answer = "{}"; problems.add("unexpected " + line); }
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        server.start();
        Path event = Files.writeString(dir.resolve("event.json"),
                "{\"workflow_run\":{\"head_sha\":\"" + SHA + "\",\"event\":\"pull_request\",\"pull_requests\":[]}}");
        env = new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "GITHUB_TOKEN", TOKEN, "GITHUB_REPOSITORY", "acme/widgets",
                "GITHUB_API_URL", "http://127.0.0.1:" + server.getAddress().getPort(), "GITHUB_EVENT_PATH", event.toString()));
        report = Files.writeString(dir.resolve("report.md"), "## report\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        assertEquals(List.of(), problems);
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertFalse(all.contains(TOKEN), all);
    }

    private int run(String... args) {
        StickyCommentPoster poster = new StickyCommentPoster(HttpClient.newHttpClient(),
                new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1)), d -> { }, Clock.systemUTC(),
                m -> err.writeBytes(m.getBytes(StandardCharsets.UTF_8)));
        return AllocgateCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), poster);
    }

    @Test
    void postsFromAWorkflowRunWithThePullRequestNumberFromTheArtifact() {
        assertEquals(0, run("comment", "--report", report.toString(), "--module=widgets", "--pull-request", "31"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("allocgate: created the GitHub comment 77 https://github.example/c/77"),
                out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("GET /user", "GET /repos/acme/widgets/pulls/31", "GET /repos/acme/widgets/issues/31/comments?per_page=100",
                "POST /repos/acme/widgets/issues/31/comments"), requests);
    }

    @Test
    void aReadOnlyTokenIsAWarningWithExitStatusZero() {
        writeStatus = 403;
        assertEquals(0, run("comment", "--report", report.toString(), "--module", "widgets", "--pull-request", "31"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("allocgate: warning: comment not posted: could not comment on acme/widgets#31: GitHub answered HTTP 403"), e);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("::warning title=allocgate comment::could not comment"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBrokenEventFileIsAWarningNotAUsageError() throws Exception {
        Files.writeString(Path.of(env.get("GITHUB_EVENT_PATH")), "{\"workflow_run\": ");
        assertEquals(0, run("comment", "--report", report.toString(), "--module", "widgets", "--pull-request", "31"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("allocgate: warning: comment not posted: GITHUB_EVENT_PATH"), e);
        assertTrue(e.contains("is not readable JSON"), e);
        assertFalse(e.contains("--help"), e);
        assertEquals(List.of(), requests);
    }

    @Test
    void aReportThatIsNotUtf8IsNotBlamedOnAMissingRun() throws Exception {
        Files.write(report, new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertEquals(0, run("comment", "--report", report.toString(), "--module", "widgets", "--pull-request", "31"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("is not valid UTF-8") && e.contains("the CLI: compare or check-results"), e);
        assertFalse(e.contains("first"), e);
    }

    @Test
    void usageErrorsExitWithTwoAndSendNothing() {
        assertEquals(2, run());
        assertEquals(2, run("post"));
        assertEquals(2, run("comment", "--report", report.toString()));
        assertEquals(2, run("comment", "--report", dir.resolve("missing.md").toString(), "--module", "m"));
        assertEquals(2, run("comment", "--report", report.toString(), "--module", "m", "--verbose"));
        assertEquals(2, run("comment", "--report", report.toString(), "--module", "m", "--token", TOKEN));
        assertEquals(2, run("comment", "--report", report.toString(), "--module", "m", "--pull-request", "x1"));
        assertEquals(2, run("comment", "--report", report.toString(), "--module", "m", "--api-url", "http://example.com"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("there is no --token option"));
        assertEquals(List.of(), requests);
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("check-results"), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("comment", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: java -jar allocgate-cli.jar comment"));
    }
}
