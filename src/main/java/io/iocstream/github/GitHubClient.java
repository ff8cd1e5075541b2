package io.iocstream.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking GitHub client for the calls the scanner needs: file contents (size-capped), recursive trees,
 * compares, GraphQL batches of blobs, an organisation's events (conditional, paged), the repositories of an
 * organisation or App installation (paged), branch heads, the rate-limit status, and commit statuses and check runs
 * (the only calls that write). A {@link RateBudget} kept from the response headers makes it wait for
 * the reset instead of collecting 403s once a budget is spent.
 * It only ever talks to the configured base URL's origin, never follows redirects, and retries 5xx, rate limits
 * and I/O errors as {@link RetryPolicy} says. What a server sends back reaches its exceptions and log lines only
 * through a {@link TokenRedactor}. Thread-safe; the caller closes it.
 */
public final class GitHubClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubClient.class);
    private static final String JSON = "application/vnd.github+json";
    private static final String RAW = "application/vnd.github.raw+json";
    private static final String API_VERSION = "2022-11-28";
    private static final long ERROR_BODY_PEEK_BYTES = 8 * 1024;
    /** GitHub's largest page size for events. */
    public static final int EVENTS_PER_PAGE = 100;
    /** GitHub's largest page size for repository listings. */
    public static final int REPOSITORIES_PER_PAGE = 100;
    /** The rate-limit budgets the job spends: REST and GraphQL. */
    private static final List<String> SPENT_RESOURCES = List.of("core", "graphql");
    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-f]{40}");
    private static final MediaType GRAPHQL_BODY = MediaType.get("application/json; charset=utf-8");
    private static final MediaType JSON_BODY = GRAPHQL_BODY;
    /** Events API ids are decimal numbers. */
    private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern CONTROL_RUNS = Pattern.compile("[\\p{Cntrl}\\s&&[^ ]][\\p{Cntrl}\\s]*");

    private final GitHubClientConfig config;
    private final HttpUrl base;
    private final HttpUrl graphQl;
    private final SameOriginGuard guard;
    private final OkHttpClient http;
    private final RetryPolicy retryPolicy;
    private final AtomicLong requests = new AtomicLong();
    private final ObjectMapper json = new ObjectMapper();
    // ASCII lines: a lone surrogate that an event spelt as an escape stays one, for the ingest's ref rules to refuse
    private final ObjectWriter eventLine = json.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private final RateBudget budget;
    private final TokenRedactor redactor;
    /** The App's installation tokens; null unless the client is a GitHub App. */
    private final InstallationTokens installationTokens;

    public GitHubClient(GitHubClientConfig config) {
        this.config = config;
        this.redactor = new TokenRedactor(config.token());
        this.budget = new RateBudget(config.rateLimitShare());
        this.installationTokens = config.credentials() instanceof GitHubCredentials.App app
                ? new InstallationTokens(app, this::mintInstallationToken, redactor, Clock.systemUTC()) : null;
        this.base = HttpUrl.get(config.baseUrl());
        this.retryPolicy = RetryPolicy.of(config);
        this.graphQl = graphQlUrl(base);
        this.guard = new SameOriginGuard(base, graphQl);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(guard)
                // again on the network side, which also sees OkHttp's own follow-up requests
                .addNetworkInterceptor(guard)
                .addNetworkInterceptor(new CountingInterceptor(requests))
                .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
                .build();
    }

    /**
     * The bytes of one file at one commit, through the contents API with the raw media type (up to 100 MB).
     *
     * @param repo {@code owner/name}
     * @throws GitHubNotFoundException when the repository, commit or path does not exist, or the path cannot
     *                                 exist in git (empty, {@code .} or {@code ..} segments)
     */
    public byte[] fileContent(String repo, String commit, String path) throws IOException {
        HttpUrl.Builder url = repoUrl(repo).addPathSegment("contents");
        for (String segment : path.split("/", -1)) {
            if (!isPlainSegment(segment)) {
                throw new GitHubNotFoundException(repo + "@" + commit + ":" + path + " (not a git path)");
            }
            url.addPathSegment(segment);
        }
        url.addQueryParameter("ref", requireSegment(commit, "commit"));
        return get(url.build(), RAW);
    }

    /**
     * Like {@link #fileContent(String, String, String)}, streamed and refused with status 413 once the file is
     * past {@code maxBytes}, so an oversized file is never held whole.
     */
    public byte[] fileContent(String repo, String commit, String path, long maxBytes) throws IOException {
        return fileContent(repo, commit, path, (in, length) -> readCapped(in, length, maxBytes));
    }

    /**
     * Like {@link #fileContent(String, String, String)}, handing the raw body to {@code reader} as it arrives, so
     * that a file larger than the heap can go somewhere else than an array (the fetch stage spools it to disk).
     * The reader may be called again, from the start of a new answer, when reading the body failed and the request
     * is retried.
     */
    public <T> T fileContent(String repo, String commit, String path, ContentReader<T> reader) throws IOException {
        HttpUrl.Builder url = repoUrl(repo).addPathSegment("contents");
        for (String segment : path.split("/", -1)) {
            if (!isPlainSegment(segment)) {
                throw new GitHubNotFoundException(repo + "@" + commit + ":" + path + " (not a git path)");
            }
            url.addPathSegment(segment);
        }
        url.addQueryParameter("ref", requireSegment(commit, "commit"));
        return execute(request(url.build(), RAW).get().build(), "core", body -> {
            try (InputStream in = body.byteStream()) {
                return reader.read(in, body.contentLength());
            }
        });
    }

    /** Reads a file's raw body as it arrives. */
    @FunctionalInterface
    public interface ContentReader<T> {
        /**
         * @param in            the body; closed by the client once this returns
         * @param contentLength the length the server announced, or -1 when it did not
         */
        T read(InputStream in, long contentLength) throws IOException;
    }

    /**
     * Where GraphQL is posted for an API base: GitHub Enterprise Server serves REST under {@code /api/v3} and
     * GraphQL beside it at {@code /api/graphql}; github.com (and the simulator) serve it at {@code BASE/graphql}.
     */
    static HttpUrl graphQlUrl(HttpUrl base) {
        String path = base.encodedPath().replaceFirst("/$", "");  // empty for the root
        if (path.endsWith("/api/v3")) {
            return base.newBuilder().encodedPath(path.substring(0, path.length() - "v3".length()) + "graphql").build();
        }
        return base.newBuilder().encodedPath(path + "/graphql").build();
    }

    /** Many files in one GraphQL request; the answers come in the order asked. */
    public List<BlobQuery.Blob> blobs(List<BlobQuery.Wanted> wanted) throws IOException {
        return BlobQuery.read(wanted, postGraphQl(BlobQuery.body(wanted)));
    }

    /**
     * Many commit trees in one GraphQL request, in the order asked; empty for a tree GraphQL could not list
     * whole (not found, or deeper than {@link TreeQuery#DEPTH}), which {@link #tree} then lists.
     */
    public List<Optional<List<TreeEntry>>> trees(List<TreeQuery.Wanted> wanted) throws IOException {
        return TreeQuery.read(wanted, postGraphQl(TreeQuery.body(wanted)));
    }

    /** Posts one GraphQL query; its answer, which holds data. */
    private JsonNode postGraphQl(String query) throws IOException {
        Request post = request(graphQl, JSON).post(RequestBody.create(query, GRAPHQL_BODY)).build();
        JsonNode response = execute(post, "graphql", body -> json.readTree(body.bytes()));
        requireData(response);
        return response;
    }

    /**
     * A query refused as a whole (rate limited, too complex, timed out) answers errors and no data, sometimes with
     * status 200; a timeout is told apart, since the cure is a smaller query.
     */
    private void requireData(JsonNode response) throws GitHubApiException {
        if (response.path("data").isObject()) {
            return;
        }
        String errors = redactor.redact(response.path("errors").toString());
        if (RetryPolicy.isTimeout(200, errors)) {
            throw new GitHubTimeoutException(200, "GraphQL answered no data: " + errors);
        }
        throw new GitHubApiException(502, "GraphQL answered no data: " + errors);
    }

    /**
     * Sets a commit status ({@code POST /repos/O/R/statuses/SHA}): {@code state} one of {@code error},
     * {@code failure}, {@code pending}, {@code success}; {@code description} at most GitHub's 140 characters;
     * {@code targetUrl} may be null. A content-creating request: GitHub's secondary limits apply, and a 403 or 429
     * for one is retried after {@code retry-after} as {@link RetryPolicy} says.
     */
    public void createCommitStatus(String repo, String sha, String state, String description, String context,
            String targetUrl) throws IOException {
        var body = json.createObjectNode().put("state", state).put("description", description)
                .put("context", context);
        if (targetUrl != null) {
            body.put("target_url", targetUrl);
        }
        post(repoUrl(repo).addPathSegment("statuses").addPathSegment(requireSha(sha)).build(), body);
    }

    /**
     * Creates a completed check run ({@code POST /repos/O/R/check-runs}), which only a GitHub App may do:
     * {@code conclusion} one of GitHub's ({@code success}, {@code failure}, {@code neutral}, ...), {@code summary}
     * Markdown of at most 65,535 characters.
     */
    public void createCheckRun(String repo, String headSha, String name, String conclusion, String title,
            String summary) throws IOException {
        var body = json.createObjectNode().put("name", name).put("head_sha", requireSha(headSha))
                .put("status", "completed").put("conclusion", conclusion);
        body.putObject("output").put("title", title).put("summary", summary);
        post(repoUrl(repo).addPathSegment("check-runs").build(), body);
    }

    private void post(HttpUrl url, JsonNode body) throws IOException {
        Request post = request(url, JSON).post(RequestBody.create(json.writeValueAsBytes(body), JSON_BODY))
                .build();
        execute(post, "core", answer -> null);
    }

    private static String requireSha(String sha) {
        if (sha == null || !COMMIT_SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a commit sha: " + sha);
        }
        return sha;
    }

    /** The smallest fraction of this client's share of the rate limits left, as answers reported; 1 before any. */
    public double rateBudgetLeft() {
        return budget.left();
    }

    /** How many more requests this client's share of the rate limits allows now; Long.MAX_VALUE before any answer. */
    public long rateRequestsLeft() {
        return budget.requestsLeft(Instant.now());
    }

    /** Every file (blob) of the commit's tree, recursively, and whether GitHub truncated the listing. */
    public TreeListing tree(String repo, String commit) throws IOException {
        HttpUrl url = repoUrl(repo).addPathSegment("git").addPathSegment("trees")
                .addPathSegment(requireSegment(commit, "commit")).addQueryParameter("recursive", "1").build();
        JsonNode root = readJson(get(url, JSON), url);
        List<TreeEntry> files = new ArrayList<>();
        for (JsonNode entry : root.path("tree")) {
            if ("blob".equals(entry.path("type").asText())) {
                files.add(new TreeEntry(entry.path("path").asText(), entry.path("sha").asText(),
                        entry.path("size").asLong()));
            }
        }
        return new TreeListing(files, root.path("truncated").asBoolean(false));
    }

    /** The files changed from {@code base} to {@code head}; see {@link CompareResult#truncated()}. */
    public CompareResult compare(String repo, String base, String head) throws IOException {
        HttpUrl url = repoUrl(repo).addPathSegment("compare")
                .addPathSegment(requireSegment(base, "base") + "..." + requireSegment(head, "head")).build();
        JsonNode root = readJson(get(url, JSON), url);
        List<CompareFile> files = new ArrayList<>();
        for (JsonNode file : root.path("files")) {
            JsonNode previous = file.get("previous_filename");
            files.add(new CompareFile(file.path("filename").asText(), file.path("status").asText(),
                    previous == null || previous.isNull() ? null : previous.asText(), file.path("sha").asText(null)));
        }
        return new CompareResult(files, files.size() >= CompareResult.MAX_FILES);
    }

    /**
     * The first page of {@code org}'s events, newest first, {@value #EVENTS_PER_PAGE} a page. With {@code etag}
     * (from an earlier first page) it is a conditional request: when nothing changed GitHub answers 304, which
     * costs no rate limit, and the page comes back {@link EventsPage#notModified()}.
     */
    public EventsPage orgEvents(String org, String etag) throws IOException {
        HttpUrl url = base.newBuilder().addPathSegment("orgs").addPathSegment(requireSegment(org, "org"))
                .addPathSegment("events").addQueryParameter("per_page", Integer.toString(EVENTS_PER_PAGE)).build();
        return eventsPage(url, etag);
    }

    /**
     * A following page, from {@link EventsPage#nextUrl()}. The URL must lie on the configured base URL's origin;
     * any other is refused before a request is made.
     */
    public EventsPage orgEventsPage(String nextUrl) throws IOException {
        HttpUrl url = HttpUrl.parse(nextUrl);
        if (url == null || !guard.underBase(url)) {
            throw new ForeignHostException("refusing a next page outside " + base);
        }
        return eventsPage(url, null);
    }

    private EventsPage eventsPage(HttpUrl url, String etag) throws IOException {
        Request.Builder request = request(url, JSON).get();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return exchange(request.build(), "core", response -> {
            Duration interval = pollInterval(response.header("X-Poll-Interval"));
            String next = LinkHeader.url(response.header("Link"), "next");
            if (response.code() == 304) {
                return new EventsPage(true, List.of(), response.header("ETag"), null, interval);
            }
            JsonNode page = json.readTree(response.body().bytes());
            if (!page.isArray()) {
                throw new GitHubApiException(502, "events page is not a JSON array ("
                        + redactor.redact(url.encodedPath()) + ")");
            }
            List<ListedEvent> events = new ArrayList<>(page.size());
            int withoutId = 0;
            for (JsonNode event : page) {
                String id = event.path("id").asText("");
                // an event without a usable id cannot be de-duplicated, and the poll position keeps the ids it saw
                if (EVENT_ID.matcher(id).matches()) {
                    events.add(new ListedEvent(id, event.path("type").asText(""), eventLine.writeValueAsString(event)));
                } else {
                    withoutId++;
                }
            }
            if (withoutId > 0) {
                LOG.warn("{}: left out {} events without a numeric id", redactor.redact(url.encodedPath()),
                        withoutId);
            }
            return new EventsPage(false, events, response.header("ETag"), next, interval);
        });
    }

    /**
     * The first page of {@code org}'s repositories, every type (public, private, forks, archived), oldest first so
     * that repositories created while the listing pages on are added at its end.
     */
    public RepositoriesPage orgRepositories(String org, int perPage) throws IOException {
        HttpUrl url = base.newBuilder().addPathSegment("orgs").addPathSegment(requireSegment(org, "org"))
                .addPathSegment("repos").addQueryParameter("type", "all").addQueryParameter("sort", "created")
                .addQueryParameter("direction", "asc").addQueryParameter("per_page", Integer.toString(perPage))
                .build();
        return repositoriesPage(url);
    }

    /** The first page of the repositories the App installation whose token this client holds may read. */
    public RepositoriesPage installationRepositories(int perPage) throws IOException {
        HttpUrl url = base.newBuilder().addPathSegment("installation").addPathSegment("repositories")
                .addQueryParameter("per_page", Integer.toString(perPage)).build();
        return repositoriesPage(url);
    }

    /**
     * A following page of repositories, from {@link RepositoriesPage#nextUrl()}. The URL must lie under the
     * configured base URL; any other is refused before a request is made.
     */
    public RepositoriesPage repositoriesPage(String nextUrl) throws IOException {
        HttpUrl url = HttpUrl.parse(nextUrl);
        if (url == null || !guard.underBase(url)) {
            throw new ForeignHostException("refusing a next page outside " + base);
        }
        return repositoriesPage(url);
    }

    private RepositoriesPage repositoriesPage(HttpUrl url) throws IOException {
        return exchange(request(url, JSON).get().build(), "core", response -> {
            JsonNode page = readJson(response.body().bytes(), url);
            // an organisation's listing is an array; an installation's wraps it in {"repositories": [...]}
            JsonNode listed = page.isArray() ? page : page.path("repositories");
            if (!listed.isArray()) {
                throw new GitHubApiException(502, "repository listing is not a JSON array ("
                        + redactor.redact(url.encodedPath()) + ")");
            }
            List<ListedRepository> repositories = new ArrayList<>(listed.size());
            for (JsonNode repository : listed) {
                JsonNode branch = repository.path("default_branch");
                repositories.add(new ListedRepository(repository.path("full_name").asText(""),
                        branch.isTextual() ? branch.asText() : null));
            }
            return new RepositoriesPage(repositories, LinkHeader.url(response.header("Link"), "next"));
        });
    }

    /** GitHub's largest page of hook deliveries. */
    public static final int DELIVERIES_PER_PAGE = 100;

    /**
     * The first page of {@code hook}'s recent deliveries, newest first ({@code GET /orgs/ORG/hooks/ID/deliveries} or
     * {@code GET /app/hook/deliveries}).
     *
     * @param appJwt for the App's hook, a JWT the App signed ({@link #appJwt}); null for an organisation's hook, which
     *               is read with this client's token
     */
    public HookDeliveriesPage hookDeliveries(HookRef hook, int perPage, String appJwt) throws IOException {
        HttpUrl url = deliveriesUrl(hook).addQueryParameter("per_page", Integer.toString(perPage)).build();
        return hookDeliveriesPage(url, appJwt);
    }

    /**
     * A following page of deliveries, from {@link HookDeliveriesPage#nextUrl()} (GitHub pages them by cursor). The
     * URL must lie under the configured base URL; any other is refused before a request is made.
     */
    public HookDeliveriesPage hookDeliveriesPage(String nextUrl, String appJwt) throws IOException {
        HttpUrl url = HttpUrl.parse(nextUrl);
        if (url == null || !guard.underBase(url)) {
            throw new ForeignHostException("refusing a next page outside " + base);
        }
        return hookDeliveriesPage(url, appJwt);
    }

    /** Asks GitHub to deliver {@code deliveryId} of {@code hook} again ({@code POST .../deliveries/ID/attempts}). */
    public void redeliver(HookRef hook, long deliveryId, String appJwt) throws IOException {
        HttpUrl url = deliveriesUrl(hook).addPathSegment(Long.toString(deliveryId)).addPathSegment("attempts")
                .build();
        exchange(withJwt(request(url, JSON), appJwt).post(RequestBody.create(new byte[0])).build(), "core",
                response -> null);
    }

    /**
     * A JWT signed with the App's private key (a PEM file), for the App's own endpoints such as its hook's
     * deliveries; good for nine minutes.
     */
    public static String appJwt(String appId, java.nio.file.Path privateKeyFile) throws IOException {
        try {
            return AppJwt.sign(appId, AppPrivateKey.read(privateKeyFile), Instant.now());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot sign a JWT with the GitHub App private key in " + privateKeyFile + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private HttpUrl.Builder deliveriesUrl(HookRef hook) {
        HttpUrl.Builder url = base.newBuilder();
        if (hook.isApp()) {
            url.addPathSegment("app").addPathSegment("hook");
        } else {
            url.addPathSegment("orgs").addPathSegment(requireSegment(hook.org(), "org")).addPathSegment("hooks")
                    .addPathSegment(Long.toString(hook.hookId()));
        }
        return url.addPathSegment("deliveries");
    }

    private Request.Builder withJwt(Request.Builder request, String appJwt) {
        if (appJwt == null) {
            return request;
        }
        redactor.remember(appJwt);
        return request.header("Authorization", "Bearer " + appJwt);
    }

    private HookDeliveriesPage hookDeliveriesPage(HttpUrl url, String appJwt) throws IOException {
        return exchange(withJwt(request(url, JSON), appJwt).get().build(), "core", response -> {
            JsonNode page = readJson(response.body().bytes(), url);
            if (!page.isArray()) {
                throw new GitHubApiException(502, "hook deliveries are not a JSON array ("
                        + redactor.redact(url.encodedPath()) + ")");
            }
            List<HookDelivery> deliveries = new ArrayList<>(page.size());
            for (JsonNode delivery : page) {
                Instant deliveredAt;
                try {
                    deliveredAt = Instant.parse(delivery.path("delivered_at").asText(""));
                } catch (DateTimeParseException e) {
                    throw new GitHubApiException(502, "a hook delivery without a delivered_at time");
                }
                deliveries.add(new HookDelivery(delivery.path("id").asLong(), delivery.path("guid").asText(""),
                        deliveredAt, delivery.path("redelivery").asBoolean(false), delivery.path("status").asText(""),
                        delivery.path("status_code").asInt(0), delivery.path("event").asText(""),
                        delivery.path("action").isTextual() ? delivery.path("action").asText() : null));
            }
            return new HookDeliveriesPage(deliveries, LinkHeader.url(response.header("Link"), "next"));
        });
    }

    /**
     * The commit {@code branch} points at, through {@code GET /repos/O/R/git/ref/heads/BRANCH}; empty when the
     * branch does not exist or the repository has no commit yet (GitHub answers 409 "Git Repository is empty").
     */
    public Optional<String> branchHead(String repo, String branch) throws IOException {
        HttpUrl.Builder builder = repoUrl(repo).addPathSegment("git").addPathSegment("ref").addPathSegment("heads");
        for (String segment : branch.split("/", -1)) {
            builder.addPathSegment(requireSegment(segment, "branch"));
        }
        HttpUrl url = builder.build();
        JsonNode ref;
        try {
            ref = readJson(get(url, JSON), url);
        } catch (GitHubNotFoundException e) {
            return Optional.empty();
        } catch (GitHubApiException e) {
            if (e.status() == 409) {
                return Optional.empty();
            }
            throw e;
        }
        String sha = ref.path("object").path("sha").asText("");
        if (!"commit".equals(ref.path("object").path("type").asText()) || !COMMIT_SHA.matcher(sha).matches()) {
            throw new GitHubApiException(502, "branch " + redactor.redact(url.encodedPath())
                    + " does not point at a commit");
        }
        return Optional.of(sha);
    }

    /**
     * What {@code GET /rate_limit} says of the REST and GraphQL budgets; empty where rate limiting is off (GitHub
     * Enterprise answers 404). GitHub does not charge this request.
     */
    public List<RateWindow> rateLimits() throws IOException {
        HttpUrl url = base.newBuilder().addPathSegment("rate_limit").build();
        JsonNode root;
        try {
            root = readJson(get(url, JSON), url);
        } catch (GitHubNotFoundException e) {
            return List.of();
        }
        List<RateWindow> windows = new ArrayList<>();
        for (String resource : SPENT_RESOURCES) {
            JsonNode window = root.path("resources").path(resource);
            if (window.isObject()) {
                windows.add(new RateWindow(resource, window.path("limit").asLong(), window.path("remaining").asLong(),
                        window.path("reset").asLong()));
            }
        }
        return windows;
    }

    private static Duration pollInterval(String header) {
        Long seconds = RetryPolicy.parseLong(header);
        return seconds == null ? Duration.ZERO : Duration.ofSeconds(Math.max(0, seconds));
    }

    /** Every HTTP request sent so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private byte[] get(HttpUrl url, String accept) throws IOException {
        return execute(request(url, accept).get().build(), "core", ResponseBody::bytes);
    }

    /** A request without credentials: {@link #exchange} adds them to each attempt. */
    private Request.Builder request(HttpUrl url, String accept) {
        return new Request.Builder().url(url)
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", "iocstream");
    }

    /**
     * Trades the App's JWT for an installation token ({@code POST /app/installations/ID/access_tokens}, which
     * answers {@code token} and {@code expires_at}); called by {@link InstallationTokens} when it needs one.
     */
    private InstallationTokens.Minted mintInstallationToken(String jwt) throws IOException {
        long installation = ((GitHubCredentials.App) config.credentials()).installationId();
        HttpUrl url = base.newBuilder().addPathSegment("app").addPathSegment("installations")
                .addPathSegment(Long.toString(installation)).addPathSegment("access_tokens").build();
        Request post = request(url, JSON).header("Authorization", "Bearer " + jwt)
                .post(RequestBody.create(new byte[0])).build();
        return execute(post, "core", body -> {
            JsonNode answer;
            try {
                answer = json.readTree(body.bytes());
            } catch (JsonProcessingException e) {
                // without the parser's message: it would quote the body, and the body holds the token
                throw new IOException("malformed JSON from " + url.encodedPath());
            }
            String token = answer.path("token").asText("");
            String expiresAt = answer.path("expires_at").asText("");
            try {
                if (!token.isBlank()) {
                    return new InstallationTokens.Minted(token, Instant.parse(expiresAt));
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw new IOException(url.encodedPath() + " answered no token and expires_at");
        });
    }

    /** The {@code Authorization} header this client sends now, or null when it is anonymous. */
    private String authorization() throws IOException {
        if (installationTokens != null) {
            return "Bearer " + installationTokens.current();
        }
        return config.token() == null ? null : "Bearer " + config.token();
    }

    /** Reads a successful response's body. */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(ResponseBody body) throws IOException;
    }

    /** Reads a successful (or, for a conditional request, 304) response. */
    @FunctionalInterface
    private interface ResponseReader<T> {
        T read(Response response) throws IOException;
    }

    private <T> T execute(Request request, String resource, BodyReader<T> reader) throws IOException {
        return exchange(request, resource, response -> reader.read(response.body()));
    }

    /**
     * Sends {@code request} with the client's credentials until it succeeds or the retry policy gives up, each
     * attempt first waiting, when this client's share of the rate limit of {@code resource} is spent, for the reset.
     * An App's installation token that GitHub refuses (401) is replaced once, at once.
     */
    private <T> T exchange(Request request, String resource, ResponseReader<T> reader) throws IOException {
        // a next page's path comes from the server's Link header
        String what = redactor.redact(request.method() + " " + request.url().encodedPath());
        // the token exchange brings its own (a JWT); everything else is sent with the client's credentials
        boolean ownCredentials = request.header("Authorization") == null;
        boolean renewed = false;
        for (int attempt = 0; ; attempt++) {
            // before the budget is reserved: minting an installation token spends from it too
            String authorization = ownCredentials ? authorization() : null;
            Request attempted = authorization == null ? request
                    : request.newBuilder().header("Authorization", authorization).build();
            awaitBudget(resource);
            Duration wait;
            try (Response response = http.newCall(attempted).execute()) {
                budget.update(response.header("x-ratelimit-resource", resource),
                        response.header("x-ratelimit-limit"), response.header("x-ratelimit-remaining"),
                        response.header("x-ratelimit-reset"));
                if (response.isSuccessful() || response.code() == 304 && request.header("If-None-Match") != null) {
                    return reader.read(response);
                }
                int status = response.code();
                if (status == 404) {
                    throw new GitHubNotFoundException(what);
                }
                if (status == 401 && installationTokens != null && ownCredentials && !renewed) {
                    // revoked, or expired early by GitHub's clock: one new installation token, at once
                    installationTokens.refused(authorization.substring("Bearer ".length()));
                    renewed = true;
                    attempt--;
                    continue;
                }
                String message = errorMessage(response);
                if ("graphql".equals(resource) && RetryPolicy.isTimeout(status, message)) {
                    // the same query would time out again: the caller splits it
                    throw new GitHubTimeoutException(status, message + " (" + what + ")");
                }
                boolean retryable = RetryPolicy.isRetryable(status, response.headers(), message);
                if (!retryable || attempt >= config.maxRetries()) {
                    throw new GitHubApiException(status, message + " (" + what + ", " + (attempt + 1)
                            + (attempt == 0 ? " attempt)" : " attempts)"), retryable
                            ? retryPolicy.delayFor(status, response.headers(), attempt, Instant.now()) : null);
                }
                wait = retryPolicy.delayFor(status, response.headers(), attempt, Instant.now());
                LOG.debug("{} answered {}, retry {} of {} in {} ms", what, status, attempt + 1,
                        config.maxRetries(), wait.toMillis());
            } catch (GitHubApiException | ForeignHostException e) {
                throw e;
            } catch (IOException e) {
                // without the cause: its message may quote the answer (a JSON parser's does); this one is redacted
                String failure = redactor.redact(e.toString());
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException(what + " interrupted: " + failure);
                }
                if (attempt >= config.maxRetries()) {
                    throw new IOException(what + " failed after " + (attempt + 1) + " attempts: " + failure);
                }
                wait = retryPolicy.delayForIoError(attempt);
                LOG.debug("{} failed ({}), retry {} of {} in {} ms", what, failure, attempt + 1,
                        config.maxRetries(), wait.toMillis());
            } finally {
                budget.settle(resource);
            }
            sleep(wait);
        }
    }

    /** Waits until this client's share of {@code resource}'s rate limit lets one more request go, and reserves it. */
    private void awaitBudget(String resource) throws InterruptedIOException {
        for (Duration wait = budget.reserve(resource, Instant.now()); !wait.isZero();
                wait = budget.reserve(resource, Instant.now())) {
            if (wait.compareTo(Duration.ofSeconds(1)) >= 0) {
                LOG.info("this client's share of the {} rate limit is spent; waiting {} s for its reset", resource,
                        wait.toSeconds());
            }
            sleep(wait);
        }
    }

    /**
     * A body of at most {@code maxBytes} as one array; refused with status 413 past it. Public so that the fetch
     * stage reads a file it does not spool exactly as this client does.
     */
    public static byte[] readCapped(InputStream in, long contentLength, long maxBytes) throws IOException {
        if (contentLength > maxBytes) {
            throw new GitHubApiException(413, "file of " + contentLength + " bytes is over the cap of " + maxBytes);
        }
        if (contentLength >= 0) {
            // one array of the announced size: no growing copies of a large file
            byte[] bytes = new byte[(int) contentLength];
            new java.io.DataInputStream(in).readFully(bytes);
            return bytes;
        }
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new GitHubApiException(413, "file is over the cap of " + maxBytes + " bytes");
        }
        return bytes;
    }

    /**
     * The message of an error answer, redacted and on one line: where a redirect points (it is never followed), else
     * its JSON {@code message} with the {@code errors} GitHub lists for a 422, else its (peeked) text or status line.
     */
    private String errorMessage(Response response) {
        if (response.isRedirect()) {
            // the host only: a redirect's query may carry a token (codeload's archive links of private repositories)
            HttpUrl target = response.header("Location") == null ? null
                    : response.request().url().resolve(response.header("Location"));
            return "redirected to " + (target == null ? "nowhere" : target.scheme() + "://" + target.host())
                    + ", not followed: only " + base + " is contacted";
        }
        String text;
        try {
            text = response.peekBody(ERROR_BODY_PEEK_BYTES).string();
        } catch (IOException e) {
            return oneLine(redactor.redact(response.message()));
        }
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.hasNonNull("message")) {
                // redacted once decoded: JSON may spell the token with escapes
                return oneLine(redactor.redact(node.get("message").asText() + errorDetails(node.path("errors"))));
            }
        } catch (IOException notJson) {
            // proxies and load balancers answer in HTML or plain text
        }
        return oneLine(text.isBlank() ? redactor.redact(response.message()) : redactor.redactCut(text.strip()));
    }

    /**
     * GitHub's validation errors, e.g. {@code {"resource": "Label", "field": "color", "code": "invalid"}}, as
     * {@code " (Label.color invalid)"}; empty when there are none.
     */
    private static String errorDetails(JsonNode errors) {
        List<String> details = new ArrayList<>();
        for (JsonNode error : errors) {
            if (error.isTextual()) {
                details.add(error.asText());
            } else if (error.hasNonNull("message")) {
                details.add(error.get("message").asText());
            } else {
                String where = java.util.stream.Stream.of(error.path("resource").asText(""),
                        error.path("field").asText("")).filter(part -> !part.isBlank())
                        .collect(Collectors.joining("."));
                details.add((where + " " + error.path("code").asText("")).strip());
            }
        }
        return details.isEmpty() ? "" : " (" + String.join("; ", details) + ")";
    }

    /** Line breaks and other control characters become spaces: an error message is one line of a log or dead letter. */
    private static String oneLine(String text) {
        return text == null ? null : CONTROL_RUNS.matcher(text).replaceAll(" ");
    }

    /** A successful answer's JSON; a parse error quotes the body, so its message is redacted and its cause left out. */
    private JsonNode readJson(byte[] body, HttpUrl url) throws IOException {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException("malformed JSON from " + redactor.redact(url.encodedPath()) + ": "
                    + redactor.redact(e.getOriginalMessage()));
        }
    }

    private HttpUrl.Builder repoUrl(String repo) {
        int slash = repo.indexOf('/');
        if (slash < 0 || slash != repo.lastIndexOf('/')) {
            throw new IllegalArgumentException("repo must be owner/name, was " + repo);
        }
        return base.newBuilder().addPathSegment("repos")
                .addPathSegment(requireSegment(repo.substring(0, slash), "owner"))
                .addPathSegment(requireSegment(repo.substring(slash + 1), "name"));
    }

    // OkHttp resolves "." and ".." segments, which would silently point the request at another API path
    private static boolean isPlainSegment(String segment) {
        return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
    }

    private static String requireSegment(String value, String name) {
        if (value == null || !isPlainSegment(value) || value.contains("/")) {
            throw new IllegalArgumentException(name + " is not a valid path segment: " + value);
        }
        return value;
    }

    /** Counts on the network side, so every request really sent is counted, OkHttp's own retries included. */
    private static final class CountingInterceptor implements Interceptor {
        private final AtomicLong counter;

        CountingInterceptor(AtomicLong counter) {
            this.counter = counter;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            counter.incrementAndGet();
            return chain.proceed(chain.request());
        }
    }

    private static void sleep(Duration wait) throws InterruptedIOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while backing off");
        }
    }
}
