package io.iocstream.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub REST API on OkHttp: contents (raw), recursive git trees, compare. Retries and waits as
 * {@link RetryPolicy} says. It only ever contacts the configured base URL: redirects are not followed and any
 * other host is refused before a connection is made.
 */
public final class GitHubClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GitHubClientConfig config;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final RetryPolicy retry;
    private final AtomicLong requests = new AtomicLong();

    public GitHubClient(GitHubClientConfig config) {
        this.config = config;
        this.base = HttpUrl.get(config.baseUrl());
        this.retry = new RetryPolicy(config);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .addInterceptor(new OnlyBaseUrl(base))
                .build();
    }

    /** The file's bytes at {@code commit}, through the contents API's raw media type. */
    public byte[] fileContent(String repo, String commit, String path) throws IOException {
        HttpUrl url = repoUrl(repo).addPathSegment("contents").addPathSegments(path)
                .addQueryParameter("ref", commit).build();
        return send(url, "application/vnd.github.raw", repo + "@" + commit + ":" + path);
    }

    /** Every blob of the commit's tree, recursively. */
    public List<TreeEntry> tree(String repo, String commit) throws IOException {
        HttpUrl url = repoUrl(repo).addPathSegments("git/trees").addPathSegment(commit)
                .addQueryParameter("recursive", "1").build();
        JsonNode tree = JSON.readTree(send(url, "application/vnd.github+json", repo + "@" + commit));
        if (tree.path("truncated").asBoolean(false)) {
            // GitHub truncates trees past 100,000 entries; a partial baseline must not pass silently
            throw new GitHubApiException(200, "tree of " + repo + "@" + commit + " is truncated");
        }
        List<TreeEntry> entries = new ArrayList<>();
        for (JsonNode entry : tree.path("tree")) {
            if ("blob".equals(entry.path("type").asText())) {
                entries.add(new TreeEntry(entry.path("path").asText(), entry.path("sha").asText(),
                        entry.path("size").asLong()));
            }
        }
        return entries;
    }

    /** What changed between two commits ({@code base...head}). */
    public CompareResult compare(String repo, String baseSha, String headSha) throws IOException {
        HttpUrl url = repoUrl(repo).addPathSegment("compare").addPathSegment(baseSha + "..." + headSha).build();
        JsonNode compare = JSON.readTree(send(url, "application/vnd.github+json",
                repo + "@" + baseSha + "..." + headSha));
        List<CompareFile> files = new ArrayList<>();
        for (JsonNode file : compare.path("files")) {
            files.add(new CompareFile(file.path("filename").asText(), file.path("status").asText(),
                    file.path("previous_filename").asText(null)));
        }
        return new CompareResult(files, files.size() >= CompareResult.FILE_CAP);
    }

    /** HTTP requests sent so far, retries included. */
    public long requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private HttpUrl.Builder repoUrl(String repo) {
        return base.newBuilder().addPathSegment("repos").addPathSegments(repo);
    }

    /** One logical call: the request and its retries. Returns the body of the successful response. */
    private byte[] send(HttpUrl url, String accept, String what) throws IOException {
        Request.Builder request = new Request.Builder().url(url)
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "iocstream");
        if (config.token() != null) {
            request.header("Authorization", "Bearer " + config.token());
        }
        for (int attempt = 0; ; attempt++) {
            requests.incrementAndGet();
            int status;
            String retryAfter = null;
            String remaining = null;
            String reset = null;
            String failure;
            try (Response response = http.newCall(request.build()).execute()) {
                status = response.code();
                if (response.isSuccessful()) {
                    return response.body().bytes();
                }
                if (status == 404) {
                    throw new GitHubNotFoundException(what);
                }
                retryAfter = response.header("retry-after");
                remaining = response.header("x-ratelimit-remaining");
                reset = response.header("x-ratelimit-reset");
                failure = "HTTP " + status + " for " + what;
            } catch (GitHubApiException e) {
                throw e;
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                status = 0;
                failure = "timeout for " + what;
            } catch (IOException e) {
                status = 0;
                failure = e.getMessage() + " for " + what;
            }
            Optional<Duration> wait = retry.delayFor(status, retryAfter, remaining, reset, attempt, Instant.now());
            if (wait.isEmpty()) {
                throw status == 0 ? new IOException(failure + " (gave up after " + (attempt + 1) + " attempts)")
                        : new GitHubApiException(status, failure + " (gave up after " + (attempt + 1) + " attempts)");
            }
            LOG.debug("{}; retrying in {} ms", failure, wait.get().toMillis());
            sleep(wait.get());
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

    /** Refuses any request that would leave the configured API base URL. */
    static final class OnlyBaseUrl implements Interceptor {
        private final HttpUrl base;

        OnlyBaseUrl(HttpUrl base) {
            this.base = base;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            HttpUrl url = chain.request().url();
            if (!url.scheme().equals(base.scheme()) || !url.host().equals(base.host()) || url.port() != base.port()) {
                throw new IOException("refused: " + url.scheme() + "://" + url.host() + ":" + url.port()
                        + " is not the configured GitHub API");
            }
            return chain.proceed(chain.request());
        }
    }
}
