package dev.allocgate.core.comment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP server on 127.0.0.1 (port chosen by the system) for the fake APIs. Handlers record
 * what they find wrong in {@link #violations} (assertions in the server's threads would be lost);
 * tests assert that list is empty.
 */
abstract class LoopbackServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpServer server;
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    /** "METHOD /path?query" of every request, in order. */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    /** A request as the handlers see it. */
    record Request(String method, String path, Map<String, String> query, com.sun.net.httpserver.Headers headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** An answer: status, JSON body, extra headers. */
    record Reply(int status, Object body, Map<String, String> headers) {
        static Reply of(int status, Object body) {
            return new Reply(status, body, Map.of());
        }
    }

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::exchange);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    abstract Reply handle(Request request) throws IOException;

    void violation(String what) {
        violations.add(what);
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String rawQuery = ex.getRequestURI().getRawQuery();
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
            Reply reply;
            try {
                reply = handle(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), query(rawQuery),
                        ex.getRequestHeaders(), body));
            } catch (RuntimeException e) {
                violation("handler failed: " + e);
                reply = Reply.of(500, Map.of("message", "test server error"));
            }
            byte[] out = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return out;
    }

    /** Checks the request has exactly this header value; records a violation otherwise. */
    boolean expectHeader(Request r, String name, String value) {
        String actual = r.headers().getFirst(name);
        if (!value.equals(actual)) {
            violation(r.method() + " " + r.path() + ": header " + name + " is " + (actual == null ? "missing" : "'" + actual + "'"));
            return false;
        }
        return true;
    }

    /** The new body of a POST/PUT/PATCH: a JSON object with exactly one string field "body"; null (and a violation) otherwise. */
    String commentBody(Request r) {
        String type = r.headers().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            violation(r.method() + " " + r.path() + ": Content-Type " + type);
        }
        JsonNode json = r.json();
        if (json == null || !json.isObject() || json.size() != 1 || !json.path("body").isTextual()) {
            violation(r.method() + " " + r.path() + ": request body is not {\"body\": string}: " + r.body());
            return null;
        }
        return json.path("body").asText();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
