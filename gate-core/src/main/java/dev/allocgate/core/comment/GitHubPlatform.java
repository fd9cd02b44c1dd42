package dev.allocgate.core.comment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issue comments on a GitHub pull request. From the environment: {@code GITHUB_API_URL}, {@code GITHUB_REPOSITORY},
 * and the pull-request number from the event file {@code GITHUB_EVENT_PATH} ({@code pull_request.number},
 * {@code number}, {@code issue.number} of a pull request's comment, or {@code workflow_run.pull_requests[0].number}).
 */
final class GitHubPlatform implements ReviewPlatform {
    static final String DEFAULT_API = "https://api.github.com";
    private static final String PUBLIC_HOST = "api.github.com";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40,64}");

    @Override
    public String displayName() {
        return "GitHub";
    }

    /** GitHub refuses bodies over 65,536 characters. */
    @Override
    public int maxBodyChars() {
        return 65_536;
    }

    @Override
    public Sign sign(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
            return Sign.RUNNING;
        }
        return CiEnvironment.present(env.get("GITHUB_EVENT_PATH")) || CiEnvironment.present(env.get("GITHUB_REPOSITORY"))
                ? Sign.VARIABLES : Sign.NONE;
    }

    @Override
    public Optional<CommentTarget> target(Map<String, String> env, CommentOverrides o, String module)
            throws CommentConfigurationException {
        JsonNode event = event(env);
        Long fromEvent = event == null ? null : pullRequestOf(event);
        Long number = o.pullRequest() != null && !o.pullRequest().isBlank()
                ? Long.valueOf(CiEnvironment.number(o.pullRequest(), "pull request")) : fromEvent;
        if (number == null) {
            return Optional.empty();
        }
        String repository = CiEnvironment.first(o.repository(), env.get("GITHUB_REPOSITORY"));
        if (repository == null) {
            throw new CommentConfigurationException("no GitHub repository: GITHUB_REPOSITORY is not set; "
                    + "give it as owner/name (allocgate.repository, --repository)");
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new CommentConfigurationException("GitHub repository must be owner/name: '"
                    + CiEnvironment.shown(repository) + "'");
        }
        URI api = CiEnvironment.trusted(CiEnvironment.apiUrl(CiEnvironment.first(o.apiUrl(), env.get("GITHUB_API_URL"),
                DEFAULT_API), "GITHUB_API_URL"), env, "GITHUB_API_URL", PUBLIC_HOST);
        // A number handed in from outside (e.g. an artifact) while reacting to a workflow_run is only
        // trusted when the pull request's head is the commit that run measured.
        String headSha = null;
        JsonNode run = event == null ? null : event.path("workflow_run");
        if (run != null && run.isObject() && !number.equals(fromEvent)) {
            String sha = run.path("head_sha").asText("");
            if (!SHA.matcher(sha).matches()) {
                throw new CommentConfigurationException("the workflow_run event in GITHUB_EVENT_PATH has no valid head_sha "
                        + "to check pull request " + number + " against");
            }
            headSha = sha.toLowerCase(Locale.ROOT);
        }
        String fallback = "true".equalsIgnoreCase(env.get("GITHUB_ACTIONS")) ? CiEnvironment.GITHUB_ACTIONS_BOT : null;
        return Optional.of(new CommentTarget(Platform.GITHUB, api, repository, number, new CommentMarker(module),
                CiEnvironment.author(o.author()), fallback, headSha));
    }

    /** The pull-request number an event is about, or {@code null}. */
    static Long pullRequestOf(JsonNode event) {
        JsonNode n = event.path("pull_request").path("number");
        if (n.canConvertToLong() && n.asLong() > 0) {
            return n.asLong();
        }
        if (event.path("issue").path("pull_request").isObject() && event.path("issue").path("number").canConvertToLong()) {
            return event.path("issue").path("number").asLong();
        }
        JsonNode runs = event.path("workflow_run").path("pull_requests");
        if (runs.isArray() && !runs.isEmpty() && runs.get(0).path("number").canConvertToLong()) {
            return runs.get(0).path("number").asLong();
        }
        // "number" at the top level belongs to pull_request(_target) events; other events (issues) are not pull requests.
        if (!event.has("workflow_run") && !event.has("issue") && event.path("number").canConvertToLong()
                && event.path("number").asLong() > 0) {
            return event.path("number").asLong();
        }
        return null;
    }

    /** The event file {@code GITHUB_EVENT_PATH} names, when it is not readable JSON. */
    @Override
    public Optional<String> unreadableEnvironment(Map<String, String> env) {
        try {
            event(env);
            return Optional.empty();
        } catch (CommentConfigurationException e) {
            return Optional.of(e.getMessage() + "; nothing posted. The CI writes that file: check the workflow's"
                    + " trigger, or pass the pull request with --pull-request / allocgate.pullRequest and unset"
                    + " GITHUB_EVENT_PATH");
        }
    }

    private static JsonNode event(Map<String, String> env) throws CommentConfigurationException {
        String path = env.get("GITHUB_EVENT_PATH");
        if (!CiEnvironment.present(path)) {
            return null;
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new CommentConfigurationException("GITHUB_EVENT_PATH " + file + " is not readable JSON: "
                    + e.getClass().getSimpleName());
        }
    }

    @Override
    public List<String> tokenVariables() {
        return List.of("GITHUB_TOKEN");
    }

    @Override
    public Map<String, String> headers(ApiToken token) {
        return Map.of("Authorization", "Bearer " + token.reveal(),
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28",
                "User-Agent", "allocgate");
    }

    @Override
    public String reference(String repository, long pullRequest) {
        return repository + "#" + pullRequest;
    }

    @Override
    public String noun() {
        return "comment";
    }

    @Override
    public String loginField() {
        return "login";
    }

    /** Under {@code workflow_run} with a number from elsewhere: the pull request's head must be the measured commit. */
    @Override
    public void beforePosting(HttpApi api, CommentTarget target) throws HttpApi.Failure {
        if (target.expectedHeadSha() == null) {
            return;
        }
        String path = repo(target) + "/pulls/" + target.pullRequest();
        HttpApi.Response r = api.send("GET", api.resolve(path), null);
        if (r.status() != 200) {
            throw api.failure(r, "GET " + path);
        }
        String sha = r.json().path("head").path("sha").asText("");
        if (!sha.equalsIgnoreCase(target.expectedHeadSha())) {
            throw new HttpApi.Failure(CommentOutcome.Reason.PULL_REQUEST_MISMATCH, 0, "pull request " + target.describe()
                    + " has head " + api.clean(sha) + ", not the measured commit " + target.expectedHeadSha()
                    + "; not commenting (a newer push, or a pull-request number that does not belong to this run)");
        }
    }

    @Override
    public String commentsPath(CommentTarget target) {
        return repo(target) + "/issues/" + target.pullRequest() + "/comments";
    }

    @Override
    public String firstPageQuery() {
        return "?per_page=100";
    }

    @Override
    public String commentPath(CommentTarget target, long id) {
        return repo(target) + "/issues/comments/" + id;
    }

    @Override
    public String updateMethod() {
        return "PATCH";
    }

    @Override
    public Optional<ExistingComment> existing(JsonNode item) {
        if (!item.path("id").canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(new ExistingComment(item.path("id").asLong(), item.path("user").path("login").asText(""),
                item.path("body").asText(null)));
    }

    @Override
    public String webUrl(HttpApi api, HttpApi.Response answer) throws HttpApi.Failure {
        JsonNode json = answer.json();
        return json.path("html_url").isTextual() ? api.clean(json.path("html_url").asText()) : null;
    }

    private static String repo(CommentTarget target) {
        return "/repos/" + target.repository();
    }
}
