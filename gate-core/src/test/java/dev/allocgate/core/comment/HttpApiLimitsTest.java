package dev.allocgate.core.comment;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One deadline for the whole exchange, and a cap on the answer's size: a hostile server cannot hang or sink the build. */
class HttpApiLimitsTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static HttpApi api(URI base, Duration deadline, long maxBytes) {
        ApiToken token = ApiToken.fromEnvironment(Platform.GITHUB, Map.of("GITHUB_TOKEN", "ghs_limitsTest0123456789")).orElseThrow();
        return new HttpApi(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), base, Map.of(), token,
                RetryPolicy.DEFAULT, d -> { }, Clock.systemUTC(), line -> { }, "GitHub", deadline, maxBytes);
    }

    @Test
    void aServerThatTricklesItsAnswerIsGivenUpOnAtTheDeadline() throws Exception {
        URI base = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0); // headers at once, then one byte per 200 ms for a minute
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 300; i++) {
                    out.write('[');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (InterruptedException | IOException e) {
                // the client went away
            }
        });
        long start = System.nanoTime();
        HttpApi.Failure f = assertThrows(HttpApi.Failure.class,
                () -> api(base, Duration.ofSeconds(2), HttpApi.MAX_ANSWER_BYTES).send("GET", base.resolve("/user"), null));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds < 10, "gave up after " + seconds + " s");
        assertEquals(CommentOutcome.Reason.IO_ERROR, f.reason);
        assertTrue(f.getMessage().contains("did not answer GET /user completely within 2 s"), f.getMessage());
    }

    @Test
    void anAnswerLargerThanTheCapIsNotRead() throws Exception {
        URI base = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int i = 0; i < 64; i++) { // 4 MB
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client stopped reading
            }
        });
        HttpApi.Failure f = assertThrows(HttpApi.Failure.class,
                () -> api(base, Duration.ofSeconds(20), 1024 * 1024).send("GET", base.resolve("/user"), null));
        assertTrue(f.getMessage().contains("larger than 1048576 bytes"), f.getMessage());
    }

    @Test
    void aNormalAnswerIsRead() throws Exception {
        URI base = serve(exchange -> {
            byte[] body = "{\"login\":\"bot\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        HttpApi.Response r = api(base, Duration.ofSeconds(5), 1024).send("GET", base.resolve("/user"), null);
        assertEquals("bot", r.json().path("login").asText());
    }

    @Test
    void aSuccessStatusWithTheWrongContentIsNotCalledARefusal() {
        URI base = URI.create("https://ghe.example/api/v3");
        HttpApi.Response ok = new HttpApi.Response(200, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true), "{}");
        HttpApi.Failure f = api(base, Duration.ofSeconds(1), 1024).failure(ok, "GET /user");
        assertTrue(f.getMessage().startsWith("GitHub answered GET /user with HTTP 200 but not with what allocgate expects"),
                f.getMessage());
        assertTrue(f.getMessage().contains("https://ghe.example/api/v3"), f.getMessage());
    }
}
