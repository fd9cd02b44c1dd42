package dev.allocgate.core.comment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds out where to comment from the CI's standard environment, each value overridable: which {@link Platform}
 * (the one given, else the one whose CI runs this job, {@code GITHUB_ACTIONS=true} or {@code GITLAB_CI=true}, else the
 * one whose variables are set; none or several is a clear message, never a guess), then that platform's target
 * ({@link ReviewPlatform#target}). Also the checks every platform's values share: numbers, logins, API URLs and the
 * hosts a token may be sent to.
 */
public final class CiEnvironment {
    /** The login of comments written with GitHub Actions' {@code GITHUB_TOKEN}. */
    public static final String GITHUB_ACTIONS_BOT = "github-actions[bot]";
    /**
     * Environment variable naming further API hosts (comma-separated) that may receive the token. It is an
     * environment variable on purpose: the CI job's own configuration sets it, while a pom or
     * {@code .mvn/maven.config}, which a pull request can change, cannot.
     */
    public static final String TRUSTED_API_HOSTS = "ALLOCGATE_TRUSTED_API_HOSTS";

    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._\\[\\]-]{1,100}");

    private CiEnvironment() {
    }

    /**
     * The target of the comment for {@code module}, or empty when this is not a pull-request build
     * (no number given and none in the environment) or no platform is given or shown by the environment.
     *
     * @throws CommentConfigurationException when a value is invalid or a required one is missing, or when
     *                                       values are given but the platform is unknown
     */
    public static Optional<CommentTarget> resolve(Map<String, String> env, CommentOverrides overrides, String module)
            throws CommentConfigurationException {
        if (module == null || module.isBlank()) {
            throw new CommentConfigurationException("the module name of the comment is empty");
        }
        Optional<Platform> platform = platform(env, overrides.platform());
        // Explicit values are checked even when this turns out not to be a pull-request build.
        if (present(overrides.apiUrl())) {
            apiUrl(overrides.apiUrl(), "allocgate.apiUrl");
        }
        author(overrides.author());
        if (platform.isEmpty()) {
            if (present(overrides.pullRequest()) || present(overrides.repository()) || present(overrides.apiUrl())) {
                throw new CommentConfigurationException(unknownPlatform());
            }
            return Optional.empty();
        }
        return platform.get().api().target(env, overrides, module);
    }

    /**
     * The explicit platform, else the one whose CI runs this job, else the one whose variables are set; empty when
     * none is shown.
     *
     * @throws CommentConfigurationException for an invalid explicit value, or when several platforms are shown alike
     */
    public static Optional<Platform> platform(Map<String, String> env, String override) throws CommentConfigurationException {
        Platform explicit = Platform.parse(override);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        for (ReviewPlatform.Sign sign : List.of(ReviewPlatform.Sign.RUNNING, ReviewPlatform.Sign.VARIABLES)) {
            List<Platform> shown = Arrays.stream(Platform.values()).filter(p -> p.api().sign(env) == sign).toList();
            if (shown.size() > 1) {
                throw new CommentConfigurationException("the environment shows several platforms ("
                        + shown.stream().map(Platform::displayName).collect(Collectors.joining(", "))
                        + "); give one (allocgate.platform, --platform: " + Platform.ids() + ")");
            }
            if (shown.size() == 1) {
                return Optional.of(shown.get(0));
            }
        }
        return Optional.empty();
    }

    /** The message for an environment that shows no platform. */
    static String unknownPlatform() {
        return "no platform to comment on: none given and none in the environment (neither GITHUB_ACTIONS=true nor "
                + "GITLAB_CI=true, nor their variables); give one (allocgate.platform, --platform: " + Platform.ids() + ")";
    }

    /**
     * What is wrong with a file the CI wrote for this job (GitHub's event file {@code GITHUB_EVENT_PATH}), when the
     * platform's file exists but is not readable; empty otherwise. The CI wrote that file, so this is not a usage error.
     */
    public static Optional<String> unreadableEvent(Map<String, String> env, CommentOverrides overrides)
            throws CommentConfigurationException {
        Optional<Platform> platform = platform(env, overrides.platform());
        return platform.isEmpty() ? Optional.empty() : platform.get().api().unreadableEnvironment(env);
    }

    static long number(String value, String what) throws CommentConfigurationException {
        String v = value.strip();
        if (!v.matches("[0-9]{1,12}") || Long.parseLong(v) <= 0) {
            throw new CommentConfigurationException(what + " must be a positive number, not '" + shown(v) + "'");
        }
        return Long.parseLong(v);
    }

    static String author(String value) throws CommentConfigurationException {
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

    static String first(String... values) {
        for (String v : values) {
            if (present(v)) {
                return v.strip();
            }
        }
        return null;
    }

    static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    static String shown(String v) {
        return dev.allocgate.core.report.Text.plain(dev.allocgate.core.report.Text.shorten(v, 200));
    }
}
