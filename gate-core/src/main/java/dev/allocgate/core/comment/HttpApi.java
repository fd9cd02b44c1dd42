package dev.allocgate.core.comment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.report.Text;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON over HTTP to one API origin, with the token in a header, rate limits waited out within a
 * {@link RetryPolicy}, and every failure turned into a {@link CommentOutcome.NotPosted} whose message
 * has the token removed. Requests go only to the origin of the API base URL (a pagination link
 * elsewhere is refused), redirects are not followed, so the token is never sent anywhere else.
 */
final class HttpApi {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The whole exchange (connect, headers and body) of one request must end within this. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The largest answer read: 100 comments of 65,536 characters, escaped, fit several times over. */
    static final long MAX_ANSWER_BYTES = 32L * 1024 * 1024;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*\\brel=\"?next\"?");

    private final HttpClient client;
    private final URI base;
    private final Map<String, String> headers;
    private final ApiToken token;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Consumer<String> progress;
    private final String platformName;
    private final Duration deadline;
    private final long maxAnswerBytes;

    HttpApi(HttpClient client, URI base, Map<String, String> headers, ApiToken token, RetryPolicy retry, Sleeper sleeper,
            Clock clock, Consumer<String> progress, String platformName) {
        this(client, base, headers, token, retry, sleeper, clock, progress, platformName, REQUEST_TIMEOUT, MAX_ANSWER_BYTES);
    }

    HttpApi(HttpClient client, URI base, Map<String, String> headers, ApiToken token, RetryPolicy retry, Sleeper sleeper,
            Clock clock, Consumer<String> progress, String platformName, Duration deadline, long maxAnswerBytes) {
        this.deadline = deadline;
        this.maxAnswerBytes = maxAnswerBytes;
        this.client = client;
        this.base = base;
        this.headers = headers;
        this.token = token;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.progress = progress;
        this.platformName = platformName;
    }

    /** A response: status, headers, body text. */
    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() throws Failure {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new Failure(CommentOutcome.Reason.HTTP_ERROR, status, "the answer (HTTP " + status + ") is not JSON");
            }
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** A failure to post, carried up to the poster, which returns it as {@link CommentOutcome.NotPosted}. */
    static final class Failure extends Exception {
        final CommentOutcome.Reason reason;
        final int status;

        Failure(CommentOutcome.Reason reason, int status, String message) {
            super(message, null, false, false);
            this.reason = reason;
            this.status = status;
        }
    }

    /** The API base joined with a path that starts with "/". */
    URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** The rel="next" link of a response, when there is one on the API's origin. */
    Optional<URI> nextLink(Response response) throws Failure {
        for (String value : response.headers().allValues("Link")) {
            Matcher m = NEXT_LINK.matcher(value);
            if (m.find()) {
                URI next;
                try {
                    next = URI.create(m.group(1).strip());
                } catch (IllegalArgumentException e) {
                    throw new Failure(CommentOutcome.Reason.HTTP_ERROR, response.status(), "the pagination link is not a URL");
                }
                requireSameOrigin(next);
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    void requireSameOrigin(URI uri) throws Failure {
        boolean same = uri.isAbsolute() && base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost()) && port(base) == port(uri);
        if (!same) {
            throw new Failure(CommentOutcome.Reason.HTTP_ERROR, 0, "refusing to follow a link to another origin ("
                    + Text.plain(String.valueOf(uri.getHost())) + "): the token is only sent to " + base.getHost());
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Sends the request, waiting out rate limits (429, or 403 with {@code Retry-After} or an exhausted
     * {@code X-RateLimit-Remaining}) within the retry policy. Returns every other response as it is.
     */
    Response send(String method, URI uri, Object jsonBody) throws Failure {
        requireSameOrigin(uri);
        String what = method + " " + uri.getRawPath();
        String body;
        try {
            body = jsonBody == null ? null : JSON.writeValueAsString(jsonBody);
        } catch (IOException e) {
            throw new Failure(CommentOutcome.Reason.HTTP_ERROR, 0, "could not write the request body");
        }
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Response response = exchange(method, uri, body, what);
            Optional<Duration> wait = rateLimitWait(response);
            if (wait.isEmpty()) {
                return response;
            }
            Duration w = wait.get();
            if (attempt >= retry.maxAttempts() || waited.plus(w).compareTo(retry.maxTotalWait()) > 0) {
                throw new Failure(CommentOutcome.Reason.RATE_LIMITED, response.status(), platformName + " rate limit (HTTP "
                        + response.status() + ") on " + what + ": gave up after " + attempt + " attempt(s) and "
                        + waited.toSeconds() + " s of waiting; the next wait would be " + w.toSeconds() + " s");
            }
            progress.accept(platformName + " rate limit (HTTP " + response.status() + ") on " + what + "; retrying in "
                    + w.toSeconds() + " s (attempt " + (attempt + 1) + " of " + retry.maxAttempts() + ")");
            try {
                sleeper.sleep(w);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(CommentOutcome.Reason.IO_ERROR, 0, "interrupted while waiting out a rate limit");
            }
            waited = waited.plus(w);
        }
    }

    private Response exchange(String method, URI uri, String body, String what) throws Failure {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(deadline)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        // The request timeout covers only the wait for the headers; one deadline covers the whole exchange, so a
        // server that trickles its body cannot hold the build, and the body is capped.
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(), CappedBody.handler(maxAnswerBytes));
        try {
            HttpResponse<String> r = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(r.statusCode(), r.headers(), r.body() == null ? "" : r.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new Failure(CommentOutcome.Reason.IO_ERROR, 0, platformName + " did not answer " + what + " completely within "
                    + deadline.toSeconds() + " s; gave up (the comment is optional, the build goes on)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            while (cause.getCause() != null && !(cause instanceof CappedBody.TooLarge)) {
                cause = cause.getCause();
            }
            if (cause instanceof CappedBody.TooLarge) {
                throw new Failure(CommentOutcome.Reason.HTTP_ERROR, 0, platformName + "'s answer to " + what + " is larger than "
                        + maxAnswerBytes + " bytes; not read further (is the API URL right?)");
            }
            throw new Failure(CommentOutcome.Reason.IO_ERROR, 0, "could not reach " + platformName + " (" + what + "): "
                    + cause.getClass().getSimpleName() + clean(cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure(CommentOutcome.Reason.IO_ERROR, 0, "interrupted during " + what);
        }
    }

    /** How long a rate-limited response asks us to wait; empty when it is not rate limited. */
    Optional<Duration> rateLimitWait(Response r) {
        if (r.status() != 429 && r.status() != 403) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = r.header("Retry-After").flatMap(this::retryAfter);
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        boolean exhausted = r.header("X-RateLimit-Remaining").or(() -> r.header("RateLimit-Remaining"))
                .map(String::strip).filter("0"::equals).isPresent();
        OptionalLong reset = epochSeconds(r.header("X-RateLimit-Reset").or(() -> r.header("RateLimit-Reset")));
        if (exhausted && reset.isPresent()) {
            long seconds = reset.getAsLong() - clock.instant().getEpochSecond();
            return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
        }
        return r.status() == 429 ? Optional.of(retry.waitWithoutHeader()) : Optional.empty();
    }

    private Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        if (v.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            long seconds = at.toEpochSecond() - clock.instant().getEpochSecond();
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static OptionalLong epochSeconds(Optional<String> value) {
        return value.map(String::strip).filter(v -> v.matches("[0-9]{1,12}"))
                .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    /**
     * The failure for an unexpected status, with the platform's own message (shortened, one line,
     * token removed) and a hint for the usual causes.
     */
    Failure failure(Response r, String what) {
        if (r.status() >= 200 && r.status() < 300) {
            // Not a refusal: the answer has a success status but not the content or status this step needs.
            return new Failure(CommentOutcome.Reason.HTTP_ERROR, r.status(), platformName + " answered " + what + " with"
                    + " HTTP " + r.status() + " but not with what allocgate expects of " + platformName + "'s REST API"
                    + " there; check that the API URL " + base + " is " + platformName + "'s API base");
        }
        CommentOutcome.Reason reason = switch (r.status()) {
            case 401 -> CommentOutcome.Reason.UNAUTHORIZED;
            case 403 -> CommentOutcome.Reason.FORBIDDEN;
            case 404, 410 -> CommentOutcome.Reason.NOT_FOUND;
            case 422, 400, 413 -> CommentOutcome.Reason.REJECTED;
            case 429 -> CommentOutcome.Reason.RATE_LIMITED;
            default -> CommentOutcome.Reason.HTTP_ERROR;
        };
        String hint = switch (reason) {
            case UNAUTHORIZED -> " The token was not accepted.";
            case FORBIDDEN -> " The token may not write comments here: a pull request from a fork gets a read-only "
                    + "token; comment from a workflow_run job instead (see the README).";
            case NOT_FOUND -> " Check the repository and number, and that the token can see them.";
            default -> "";
        };
        return new Failure(reason, r.status(), platformName + " answered HTTP " + r.status() + " to " + what
                + apiMessage(r) + "." + hint);
    }

    private String apiMessage(Response r) {
        try {
            JsonNode message = JSON.readTree(r.body()).path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return ": " + clean(Text.shorten(message.asText(), 200));
            }
            if (message.isObject() || message.isArray()) {
                return ": " + clean(Text.shorten(message.toString(), 200));
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the status says enough
        }
        return "";
    }

    /** One line, token removed. */
    String clean(String s) {
        return Text.plain(token.redact(s));
    }

    static String encodePathSegment(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
