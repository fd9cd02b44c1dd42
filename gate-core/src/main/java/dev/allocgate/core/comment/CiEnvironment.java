package dev.allocgate.core.comment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds out where to comment from the CI's standard environment, each value overridable:
 * <ul>
 *   <li>GitHub: {@code GITHUB_API_URL}, {@code GITHUB_REPOSITORY}, and the pull-request number from
 *       the event file {@code GITHUB_EVENT_PATH} ({@code pull_request.number}, {@code number},
 *       {@code issue.number} of a pull request's comment, or {@code workflow_run.pull_requests[0].number});</li>
 *   <li>GitLab: {@code CI_API_V4_URL}, {@code CI_PROJECT_ID}, {@code CI_MERGE_REQUEST_IID}.</li>
 * </ul>
 * The platform is GitLab when {@code GITLAB_CI=true} (or GitLab's variables are set), else GitHub.
 */
public final class CiEnvironment {
    /** The login of comments written with GitHub Actions' {@code GITHUB_TOKEN}. */
    public static final String GITHUB_ACTIONS_BOT = "github-actions[bot]";
    static final String DEFAULT_GITHUB_API = "https://api.github.com";
    private static final String GITHUB_HOST = "api.github.com";
    private static final String GITLAB_HOST = "gitlab.com";
    /**
     * Environment variable naming further API hosts (comma-separated) that may receive the token. It is an
     * environment variable on purpose: the CI job's own configuration sets it, while a pom or
     * {@code .mvn/maven.config}, which a pull request can change, cannot.
     */
    public static final String TRUSTED_API_HOSTS = "ALLOCGATE_TRUSTED_API_HOSTS";

    private static final Pattern GITHUB_REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
    private static final Pattern GITLAB_PROJECT = Pattern.compile("[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+){0,20}");
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._\\[\\]-]{1,100}");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40,64}");

    private CiEnvironment() {
    }

    /**
     * The target of the comment for {@code module}, or empty when this is not a pull-request build
     * (no number given and none in the environment).
     *
     * @throws CommentConfigurationException when a value is invalid or a required one is missing
     */
    public static Optional<CommentTarget> resolve(Map<String, String> env, CommentOverrides overrides, String module)
            throws CommentConfigurationException {
        if (module == null || module.isBlank()) {
            throw new CommentConfigurationException("the module name of the comment is empty");
        }
        Platform platform = platform(env, overrides.platform());
        // Explicit values are checked even when this turns out not to be a pull-request build.
        if (present(overrides.apiUrl())) {
            apiUrl(overrides.apiUrl(), "allocgate.apiUrl");
        }
        author(overrides.author());
        return platform == Platform.GITHUB ? github(env, overrides, module) : gitlab(env, overrides, module);
    }

    /** The explicit platform, else the one the environment shows. */
    public static Platform platform(Map<String, String> env, String override) throws CommentConfigurationException {
        Platform explicit = Platform.parse(override);
        if (explicit != null) {
            return explicit;
        }
        if ("true".equalsIgnoreCase(env.get("GITLAB_CI"))) {
            return Platform.GITLAB;
        }
        if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
            return Platform.GITHUB;
        }
        return present(env.get("CI_MERGE_REQUEST_IID")) || present(env.get("CI_API_V4_URL")) ? Platform.GITLAB : Platform.GITHUB;
    }

    private static Optional<CommentTarget> github(Map<String, String> env, CommentOverrides o, String module)
            throws CommentConfigurationException {
        JsonNode event = event(env);
        Long fromEvent = event == null ? null : pullRequestOf(event);
        Long number = o.pullRequest() != null && !o.pullRequest().isBlank()
                ? Long.valueOf(number(o.pullRequest(), "pull request")) : fromEvent;
        if (number == null) {
            return Optional.empty();
        }
        String repository = first(o.repository(), env.get("GITHUB_REPOSITORY"));
        if (repository == null) {
            throw new CommentConfigurationException("no GitHub repository: GITHUB_REPOSITORY is not set; "
                    + "give it as owner/name (allocgate.repository, --repository)");
        }
        if (!GITHUB_REPOSITORY.matcher(repository).matches()) {
            throw new CommentConfigurationException("GitHub repository must be owner/name: '" + shown(repository) + "'");
        }
        URI api = trusted(apiUrl(first(o.apiUrl(), env.get("GITHUB_API_URL"), DEFAULT_GITHUB_API), "GITHUB_API_URL"),
                env, "GITHUB_API_URL", GITHUB_HOST);
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
        String fallback = "true".equalsIgnoreCase(env.get("GITHUB_ACTIONS")) ? GITHUB_ACTIONS_BOT : null;
        return Optional.of(new CommentTarget(Platform.GITHUB, api, repository, number, new CommentMarker(module),
                author(o.author()), fallback, headSha));
    }

    private static Optional<CommentTarget> gitlab(Map<String, String> env, CommentOverrides o, String module)
            throws CommentConfigurationException {
        String iid = first(o.pullRequest(), env.get("CI_MERGE_REQUEST_IID"));
        if (iid == null) {
            return Optional.empty();
        }
        long number = number(iid, "merge request IID");
        String project = first(o.repository(), env.get("CI_PROJECT_ID"));
        if (project == null) {
            throw new CommentConfigurationException("no GitLab project: CI_PROJECT_ID is not set; "
                    + "give the project id or path (allocgate.repository, --repository)");
        }
        if (!GITLAB_PROJECT.matcher(project).matches() || Pattern.compile("(^|/)\\.+(/|$)").matcher(project).find()) {
            throw new CommentConfigurationException("GitLab project must be a numeric id or a path like group/project: '"
                    + shown(project) + "'");
        }
        String base = first(o.apiUrl(), env.get("CI_API_V4_URL"));
        if (base == null) {
            throw new CommentConfigurationException("no GitLab API URL: CI_API_V4_URL is not set; "
                    + "give it (allocgate.apiUrl, --api-url), e.g. https://gitlab.example.com/api/v4");
        }
        return Optional.of(new CommentTarget(Platform.GITLAB, trusted(apiUrl(base, "CI_API_V4_URL"), env, "CI_API_V4_URL",
                GITLAB_HOST), project, number,
                new CommentMarker(module), author(o.author()), null, null));
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

    /**
     * What is wrong with the GitHub event file {@code GITHUB_EVENT_PATH} names, when GitHub is the platform and the
     * file exists but is not readable JSON; empty otherwise. The CI wrote that file, so this is not a usage error.
     */
    public static Optional<String> unreadableEvent(Map<String, String> env, CommentOverrides overrides)
            throws CommentConfigurationException {
        if (platform(env, overrides.platform()) != Platform.GITHUB) {
            return Optional.empty();
        }
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
        if (!present(path)) {
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

    private static long number(String value, String what) throws CommentConfigurationException {
        String v = value.strip();
        if (!v.matches("[0-9]{1,12}") || Long.parseLong(v) <= 0) {
            throw new CommentConfigurationException(what + " must be a positive number, not '" + shown(v) + "'");
        }
        return Long.parseLong(v);
    }

    private static String author(String value) throws CommentConfigurationException {
        if (!present(value)) {
            return null;
        }
        if (!LOGIN.matcher(value.strip()).matches()) {
            throw new CommentConfigurationException("comment author must be a login, not '" + shown(value) + "'");
        }
        return value.strip();
    }

    /**
     * An absolute http(s) URL; plain http only to a loopback address, so a token never crosses a
     * network unencrypted.
     */
    static URI apiUrl(String value, String variable) throws CommentConfigurationException {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new CommentConfigurationException("API URL (" + variable + ") is not a URL: '" + shown(value) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new CommentConfigurationException("API URL (" + variable + ") must be an absolute https URL without "
                    + "user, query or fragment: '" + shown(value) + "'");
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw new CommentConfigurationException("API URL (" + variable + ") must use https (http only to a loopback "
                    + "address): '" + shown(value) + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /**
     * {@code api}, if its host may receive the token: the host of the API URL the CI itself sets
     * ({@code variable}), the platform's public API host, or a host listed in {@link #TRUSTED_API_HOSTS}.
     * Anything else, such as a pom's {@code <apiUrl>} pointing elsewhere, is refused before a request is made.
     */
    static URI trusted(URI api, Map<String, String> env, String variable, String publicHost)
            throws CommentConfigurationException {
        String host = api.getHost().toLowerCase(Locale.ROOT);
        if (host.equals(publicHost)) {
            return api;
        }
        String ciUrl = env.get(variable);
        if (present(ciUrl)) {
            URI ci;
            try {
                ci = new URI(ciUrl.strip());
            } catch (URISyntaxException e) {
                ci = null;
            }
            if (ci != null && ci.getHost() != null && ci.getHost().equalsIgnoreCase(host)) {
                return api;
            }
        }
        String trusted = env.get(TRUSTED_API_HOSTS);
        if (present(trusted)) {
            for (String h : trusted.split(",")) {
                if (h.strip().equalsIgnoreCase(host)) {
                    return api;
                }
            }
        }
        throw new CommentConfigurationException("the API URL's host " + shown(host) + " is neither the one the CI sets ("
                + variable + (present(ciUrl) ? " = " + shown(ciUrl.strip()) : ", not set") + ") nor " + publicHost
                + ", so the token is not sent there. A pom's <apiUrl> or -Dallocgate.apiUrl (which a pull request can"
                + " change) cannot send the token to another host: to use " + shown(host) + ", set the environment"
                + " variable " + TRUSTED_API_HOSTS + "=" + shown(host) + " in the CI job's own configuration");
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: no lookup
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (present(v)) {
                return v.strip();
            }
        }
        return null;
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    private static String shown(String v) {
        return dev.allocgate.core.report.Text.plain(dev.allocgate.core.report.Text.shorten(v, 200));
    }
}
