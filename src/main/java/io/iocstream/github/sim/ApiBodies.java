package io.iocstream.github.sim;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the simulated endpoints, field for field as GitHub names them (snake_case on the wire). */
final class ApiBodies {

    private ApiBodies() {}

    record ContentFile(String type, String encoding, long size, String name, String path, String content,
                       String sha, String url, String gitUrl) {}

    record ContentEntry(String type, long size, String name, String path, String sha, String url) {}

    record Tree(String sha, String url, List<TreeItem> tree, boolean truncated) {}

    /** {@code size} is null for trees, as on GitHub. */
    record TreeItem(String path, String mode, String type, String sha, Long size, String url) {}

    record Compare(String status, int aheadBy, int behindBy, int totalCommits, List<Object> commits,
                   List<CompareFile> files, int totalFiles) {}

    record CompareFile(String sha, String filename, String status, int additions, int deletions, int changes,
                       String previousFilename) {}

    record Blob(String sha, long size, String url, String content, String encoding) {}

    record Error(String message, String documentationUrl, String status) {}

    record RateLimit(Map<String, Rate> resources, Rate rate) {}

    /** The fields of a listed repository that iocstream reads, and a few that identify it. */
    record Repository(long id, String name, String fullName,
                      @com.fasterxml.jackson.annotation.JsonProperty("private") boolean isPrivate, Owner owner,
                      String defaultBranch, boolean fork, boolean archived, String visibility, String url) {}

    record Owner(String login, String type) {}

    /** {@code GET /installation/repositories} wraps its page in an object. */
    record InstallationRepositories(int totalCount, String repositorySelection, List<Repository> repositories) {}

    record GitRef(String ref, String url, GitObject object) {}

    record GitObject(String sha, String type, String url) {}

    /** What {@code POST /repos/OWNER/NAME/statuses/SHA} answers (201), with GitHub's field names. */
    record Status(String url, String avatarUrl, long id, String nodeId, String state, String description,
                  String targetUrl, String context, String createdAt, String updatedAt, User creator) {}

    /** What {@code POST /repos/OWNER/NAME/check-runs} answers (201), with GitHub's field names. */
    record CheckRunBody(long id, String headSha, String nodeId, String externalId, String url, String htmlUrl,
                        String detailsUrl, String status, String conclusion, String startedAt, String completedAt,
                        CheckOutput output, String name, CheckSuite checkSuite, User app,
                        List<Object> pullRequests) {}

    record CheckOutput(String title, String summary, String text, int annotationsCount, String annotationsUrl) {}

    record CheckSuite(long id) {}

    record User(String login, long id, String nodeId, String avatarUrl, String url, String htmlUrl, String type,
                boolean siteAdmin) {}

    /** A 422's body: GitHub's message and what failed validation. */
    record ValidationError(String message, List<ValidationDetail> errors, String documentationUrl, String status) {}

    record ValidationDetail(String resource, String code, String field) {}

    record Rate(int limit, int used, int remaining, long reset, String resource) {}

    /** What {@code POST /app/installations/ID/access_tokens} answers (201). */
    record InstallationToken(String token, String expiresAt, Map<String, String> permissions,
                             String repositorySelection) {}

    /** An attempt to deliver a webhook, as the deliveries API lists it. */
    record HookDelivery(long id, String guid, String deliveredAt, boolean redelivery, double duration, String status,
            int statusCode, String event, String action, Long installationId, Long repositoryId, String throttledAt) {}
}
