package io.iocstream.github.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HTTP server on 127.0.0.1 that answers GitHub REST calls (contents, git trees, git blobs, compare,
 * org events, an organisation's or installation's repositories, branch refs, rate_limit, commit statuses, check
 * runs (within GitHub's content-creation limits), GitHub App installation tokens, a webhook's deliveries and
 * redeliveries) from a world directory's {@code repos/OWNER/NAME/COMMIT/...} trees, with GitHub's
 * rate-limit headers, and with the latency, 5xx errors and credentials asked for in {@link SimulatorOptions}.
 */
public final class GitHubSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubSimulator.class);
    private static final int THREADS = 160;  // more than the secondary limit, so that limit and not the pool is what bites
    private static final Duration GITHUB_RATE_WINDOW = Duration.ofHours(1);
    /** The organisation and id of the simulated webhook ({@link #hook()}). */
    public static final String HOOK_ORG = "acme";
    public static final long HOOK_ID = 1;

    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestCounter counter;
    private final RateLimitWindow rateLimit;
    private final InstallationTokenIssuer tokens;
    private final List<CommitStatus> statuses;
    private final HookDeliveries hook;
    private final List<CheckRun> checkRuns;
    private final ContentCreationWindow contentCreation;
    private final String baseUrl;

    private GitHubSimulator(HttpServer server, ExecutorService executor, RequestCounter counter,
            RateLimitWindow rateLimit, InstallationTokenIssuer tokens, List<CommitStatus> statuses,
            HookDeliveries hook, List<CheckRun> checkRuns, ContentCreationWindow contentCreation, String baseUrl) {
        this.server = server;
        this.executor = executor;
        this.counter = counter;
        this.rateLimit = rateLimit;
        this.tokens = tokens;
        this.statuses = statuses;
        this.hook = hook;
        this.checkRuns = checkRuns;
        this.contentCreation = contentCreation;
        this.baseUrl = baseUrl;
    }

    /** Serves {@code world} on 127.0.0.1; port 0 picks a free port, see {@link #baseUrl()}. */
    public static GitHubSimulator start(Path world, SimulatorOptions options, int port) throws IOException {
        return start(world, options, port, GITHUB_RATE_WINDOW);
    }

    /** As {@link #start(Path, SimulatorOptions, int)} with a shorter rate-limit window, so tests can see a reset. */
    static GitHubSimulator start(Path world, SimulatorOptions options, int port, Duration rateLimitWindow)
            throws IOException {
        WorldRepos repos = new WorldRepos(world);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        RequestCounter counter = new RequestCounter();
        RateLimitWindow rateLimit = new RateLimitWindow(options.rateLimit(), rateLimitWindow, Clock.systemUTC());
        InstallationTokenIssuer tokens = new InstallationTokenIssuer(options.auth(), Clock.systemUTC());
        List<CommitStatus> statuses = new CopyOnWriteArrayList<>();
        HookDeliveries hook = new HookDeliveries(HOOK_ORG, HOOK_ID, Clock.systemUTC());
        List<CheckRun> checkRuns = new CopyOnWriteArrayList<>();
        ContentCreationWindow contentCreation = new ContentCreationWindow(options.contentLimits(), Clock.systemUTC());
        server.createContext("/", new ApiHandler(repos, rateLimit, new FaultInjector(options), counter, baseUrl,
                world, options.pollIntervalSeconds(), options.treeEntryCap(), tokens, statuses, hook, checkRuns,
                contentCreation, options.cost()));
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, new DaemonThreads());
        server.setExecutor(executor);
        server.start();
        LOG.info("GitHub simulator serving {} at {} ({})", world, baseUrl, options);
        return new GitHubSimulator(server, executor, counter, rateLimit, tokens, statuses, hook, checkRuns,
                contentCreation, baseUrl);
    }

    /** For example {@code http://127.0.0.1:43125}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Requests answered so far, by kind: {@code contents}, {@code trees}, {@code compare}, {@code blobs},
     * {@code org_events}, {@code org_events_not_modified}, {@code repositories}, {@code git_refs}, {@code rate_limit},
     * {@code rate_limited}, {@code injected_error}, {@code not_found}, {@code statuses}, {@code check_runs}, {@code content_limited} (refused by the content-creation limits),
     * {@code access_tokens}
     * (installation tokens minted), {@code access_tokens_refused} (a JWT refused), {@code unauthorized} (no accepted
     * token). Each answered request
     * counts once, under the kind of answer it got.
     */
    public Map<String, Long> requestCounts() {
        return counter.snapshot();
    }

    /** The lowest {@code x-ratelimit-remaining} answered so far, in any window: how far clients drove the limit. */
    public int lowestRateLimitRemaining() {
        return rateLimit.lowestRemaining();
    }

    /** The commit statuses clients set ({@code POST /repos/OWNER/NAME/statuses/SHA}), in the order they came. */
    public List<CommitStatus> commitStatuses() {
        return List.copyOf(statuses);
    }

    /**
     * The simulated webhook of organisation {@value #HOOK_ORG} (id {@value #HOOK_ID}), also the App's hook: it
     * delivers events to a receiver, and its deliveries are listed and redelivered through
     * {@code /orgs/acme/hooks/1/deliveries} and {@code /app/hook/deliveries}.
     */
    public HookDeliveries hook() {
        return hook;
    }

    /** The check runs GitHub Apps created ({@code POST /repos/OWNER/NAME/check-runs}), in the order they came. */
    public List<CheckRun> checkRuns() {
        return List.copyOf(checkRuns);
    }

    /**
     * Every content-creating request (commit statuses, check runs) in the order received, with its time and whether
     * the content-creation limits took it: what a test counts per window.
     */
    public List<ContentRequest> contentRequests() {
        return contentCreation.seen();
    }

    /** Revokes every installation token minted so far: requests with one are answered 401 from now on. */
    public void revokeInstallationTokens() {
        tokens.revokeAll();
    }

    /** Every request received, whatever its answer. */
    public long totalRequests() {
        return counter.total();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "github-sim-" + next.incrementAndGet());
            // a simulator left open must not keep the JVM alive
            thread.setDaemon(true);
            return thread;
        }
    }
}
