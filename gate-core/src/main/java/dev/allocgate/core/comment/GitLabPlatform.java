package dev.allocgate.core.comment;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Notes on a GitLab merge request. From the environment: {@code CI_API_V4_URL}, {@code CI_PROJECT_ID},
 * {@code CI_MERGE_REQUEST_IID}.
 */
final class GitLabPlatform implements ReviewPlatform {
    private static final String PUBLIC_HOST = "gitlab.com";
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+){0,20}");

    @Override
    public String displayName() {
        return "GitLab";
    }

    /** GitLab refuses bodies over 1,000,000 characters. */
    @Override
    public int maxBodyChars() {
        return 1_000_000;
    }

    @Override
    public Sign sign(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("GITLAB_CI"))) {
            return Sign.RUNNING;
        }
        return CiEnvironment.present(env.get("CI_MERGE_REQUEST_IID")) || CiEnvironment.present(env.get("CI_API_V4_URL"))
                ? Sign.VARIABLES : Sign.NONE;
    }

    @Override
    public Optional<CommentTarget> target(Map<String, String> env, CommentOverrides o, String module)
            throws CommentConfigurationException {
        String iid = CiEnvironment.first(o.pullRequest(), env.get("CI_MERGE_REQUEST_IID"));
        if (iid == null) {
            return Optional.empty();
        }
        long number = CiEnvironment.number(iid, "merge request IID");
        String project = CiEnvironment.first(o.repository(), env.get("CI_PROJECT_ID"));
        if (project == null) {
            throw new CommentConfigurationException("no GitLab project: CI_PROJECT_ID is not set; "
                    + "give the project id or path (allocgate.repository, --repository)");
        }
        if (!PROJECT.matcher(project).matches() || Pattern.compile("(^|/)\\.+(/|$)").matcher(project).find()) {
            throw new CommentConfigurationException("GitLab project must be a numeric id or a path like group/project: '"
                    + CiEnvironment.shown(project) + "'");
        }
        String base = CiEnvironment.first(o.apiUrl(), env.get("CI_API_V4_URL"));
        if (base == null) {
            throw new CommentConfigurationException("no GitLab API URL: CI_API_V4_URL is not set; "
                    + "give it (allocgate.apiUrl, --api-url), e.g. https://gitlab.example.com/api/v4");
        }
        return Optional.of(new CommentTarget(Platform.GITLAB, CiEnvironment.trusted(CiEnvironment.apiUrl(base,
                "CI_API_V4_URL"), env, "CI_API_V4_URL", PUBLIC_HOST), project, number,
                new CommentMarker(module), CiEnvironment.author(o.author()), null, null));
    }

    @Override
    public List<String> tokenVariables() {
        return List.of("GITLAB_TOKEN", "CI_JOB_TOKEN");
    }

    /** {@code PRIVATE-TOKEN} for a personal, project or group access token; {@code JOB-TOKEN} for {@code CI_JOB_TOKEN}. */
    @Override
    public Map<String, String> headers(ApiToken token) {
        String header = "CI_JOB_TOKEN".equals(token.source()) ? "JOB-TOKEN" : "PRIVATE-TOKEN";
        return Map.of(header, token.reveal(), "Accept", "application/json", "User-Agent", "allocgate");
    }

    @Override
    public String reference(String repository, long pullRequest) {
        return repository + "!" + pullRequest;
    }

    @Override
    public String noun() {
        return "note";
    }

    @Override
    public String loginField() {
        return "username";
    }

    @Override
    public String commentsPath(CommentTarget target) {
        return "/projects/" + HttpApi.encodePathSegment(target.repository()) + "/merge_requests/"
                + target.pullRequest() + "/notes";
    }

    @Override
    public String firstPageQuery() {
        return "?per_page=100&sort=asc&order_by=created_at";
    }

    @Override
    public String commentPath(CommentTarget target, long id) {
        return commentsPath(target) + "/" + id;
    }

    @Override
    public String updateMethod() {
        return "PUT";
    }

    /** A note by a user; system notes ("added 1 commit") are not. */
    @Override
    public Optional<ExistingComment> existing(JsonNode note) {
        if (note.path("system").asBoolean(false) || !note.path("id").canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(new ExistingComment(note.path("id").asLong(), note.path("author").path("username").asText(""),
                note.path("body").asText(null)));
    }

    /** The {@code Link} header, else GitLab's {@code X-Next-Page}. */
    @Override
    public Optional<URI> nextPage(HttpApi api, HttpApi.Response response, String firstPage) throws HttpApi.Failure {
        Optional<URI> link = api.nextLink(response);
        Optional<String> nextPage = response.header("X-Next-Page").map(String::strip).filter(p -> p.matches("[0-9]{1,6}"));
        return link.or(() -> nextPage.map(p -> api.resolve(firstPage + "&page=" + p)));
    }
}
