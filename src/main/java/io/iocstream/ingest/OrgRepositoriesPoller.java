package io.iocstream.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubNotFoundException;
import io.iocstream.github.ListedRepository;
import io.iocstream.github.RateWindow;
import io.iocstream.github.RepositoriesPage;
import io.iocstream.source.Poll;
import io.iocstream.source.Poller;
import io.iocstream.source.PollerFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of a listing: while the rate-limit windows are spent below the baselines' share, the next few
 * repositories of the current page become baseline requests ({@code {"iocstream": "baseline", "repository": "o/r",
 * "ref": "refs/heads/DEFAULT"}}, the head looked up when the scan is listed), as many as the pace allows, then the
 * listing moves to the next page, the next organisation, or ends until the next is due. Each repository is its own
 * chunk, so a checkpoint never splits one from its place in the position.
 */
final class OrgRepositoriesPoller implements Poller<String, OrgRepositoriesPosition> {

    private static final Logger LOG = LoggerFactory.getLogger(OrgRepositoriesPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AFTER_FAILURE = Duration.ofMinutes(1);
    /** A next-page link longer than this is refused: the position keeps it, and GitHub's are short. */
    static final int MAX_PAGE_URL = 4096;
    /** Metric: repositories read from listing pages. */
    static final String REPOSITORIES_LISTED = "repositoriesListed";
    /** Metric: baseline requests emitted. */
    static final String BASELINES_REQUESTED = "baselinesRequested";

    private final OrgRepositoriesSettings settings;
    private final GitHubClient client;
    private final Clock clock;
    private Counter repositoriesListed = new SimpleCounter();
    private Counter baselinesRequested = new SimpleCounter();
    /** The page being requested, kept between polls so that it is fetched once, not once per batch. */
    private String cachedKey;
    private RepositoriesPage cachedPage;

    OrgRepositoriesPoller(OrgRepositoriesSettings settings, GitHubClient client, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void registerMetrics(MetricGroup group) {
        repositoriesListed = group.counter(REPOSITORIES_LISTED);
        baselinesRequested = group.counter(BASELINES_REQUESTED);
    }

    @Override
    public Poll<String, OrgRepositoriesPosition> poll(OrgRepositoriesPosition position) throws IOException {
        List<Poll.Chunk<String, OrgRepositoriesPosition>> chunks = new ArrayList<>();
        List<String> targets = settings.targets();
        String target = position.target();
        String pageUrl = position.pageUrl();
        int done = position.doneOnPage();
        long requested = position.requested();
        if (target == null || !targets.contains(target)) {
            long due = position.lastListingEndedAt() + settings.relistInterval().toMillis();
            long now = clock.millis();
            if (target == null && position.lastListingEndedAt() > 0 && now < due) {
                return Poll.idle(Duration.ofMillis(due - now));
            }
            // a target no longer configured (the settings changed since the checkpoint) starts the listing over
            target = targets.get(0);
            pageUrl = null;
            done = 0;
            requested = 0;
            String first = target;
            chunks.add(new Poll.Chunk<>(List.of(), p -> p.started(first)));
            LOG.info("listing the repositories of {} to baseline every default branch, at most {} a minute",
                    describe(targets), settings.reposPerMinute());
        }

        Optional<Duration> spent = untilBudgetIsBack();
        if (spent.isPresent()) {
            return new Poll<>(chunks, spent.get());
        }

        RepositoriesPage page;
        try {
            page = page(target, pageUrl);
        } catch (GitHubNotFoundException e) {
            LOG.error("{}: not found, or not visible to the token; left out of this listing", describe(target));
            chunks.add(moveOn(target, null, requested));
            return new Poll<>(chunks, Duration.ZERO);
        }
        List<ListedRepository> repositories = page.repositories();
        // a page fetched again after a restore may have shrunk since (repositories deleted)
        int from = Math.min(done, repositories.size());
        int batch = Math.min(repositories.size() - from, batchSize());
        for (ListedRepository repository : repositories.subList(from, from + batch)) {
            chunks.add(new Poll.Chunk<>(List.of(baselineLine(repository)), p -> {
                baselinesRequested.inc();
                return p.requestedOne();
            }));
        }
        if (from + batch == repositories.size()) {
            LOG.info("{}: {} baselines requested so far in this listing", describe(target), requested + batch);
            chunks.add(moveOn(target, page.nextUrl(), requested + batch));
        }
        return new Poll<>(chunks, pause(batch));
    }

    /** The chunk that leaves a finished page: to the next page, the next target, or the end of the listing. */
    private Poll.Chunk<String, OrgRepositoriesPosition> moveOn(String target, String nextUrl, long requested) {
        if (nextUrl != null && nextUrl.length() <= MAX_PAGE_URL) {
            return new Poll.Chunk<>(List.of(), p -> p.nextPage(nextUrl));
        }
        if (nextUrl != null) {
            LOG.error("{}: the next page's link is {} characters long; the rest of this listing is left out",
                    describe(target), nextUrl.length());
        }
        List<String> targets = settings.targets();
        int at = targets.indexOf(target);
        if (at + 1 < targets.size()) {
            String next = targets.get(at + 1);
            return new Poll.Chunk<>(List.of(), p -> p.nextTarget(next));
        }
        return new Poll.Chunk<>(List.of(), p -> {
            LOG.info("listing done: {} baselines requested; the next listing starts in {}", requested,
                    settings.relistInterval());
            return p.ended(clock.millis());
        });
    }

    /** The page being requested, fetched only when it is not the one fetched last. */
    private RepositoriesPage page(String target, String pageUrl) throws IOException {
        String key = target + "\n" + pageUrl;
        if (!key.equals(cachedKey)) {
            if (pageUrl != null) {
                cachedPage = client.repositoriesPage(pageUrl);
            } else if (target.equals(OrgRepositoriesSettings.INSTALLATION)) {
                cachedPage = client.installationRepositories(settings.pageSize());
            } else {
                cachedPage = client.orgRepositories(target, settings.pageSize());
            }
            cachedKey = key;
            repositoriesListed.inc(cachedPage.repositories().size());
        }
        return cachedPage;
    }

    /** How long to wait for a rate-limit window spent past the baselines' share to start over; empty if none is. */
    private Optional<Duration> untilBudgetIsBack() throws IOException {
        for (RateWindow window : client.rateLimits()) {
            if (window.usedShare() >= settings.baselineShare()) {
                Duration wait = Duration.ofMillis(Math.max(0,
                        window.resetEpochSeconds() * 1000 - clock.millis())).plusSeconds(1);
                LOG.info("baselines wait {} s for the {} rate limit's reset: {} of {} spent, the baselines' share is {}",
                        wait.toSeconds(), window.resource(), window.limit() - window.remaining(), window.limit(),
                        settings.baselineShare());
                return Optional.of(wait);
            }
        }
        return Optional.empty();
    }

    /** Repositories a poll requests: a second's worth of the pace, at least one. */
    private int batchSize() {
        return (settings.reposPerMinute() + 59) / 60;
    }

    /** The pause after requesting {@code batch} repositories that keeps to the pace. */
    private Duration pause(int batch) {
        return Duration.ofMillis(batch * 60_000L / settings.reposPerMinute());
    }

    /** A baseline request; without a default branch it has no ref, and the ingest says so in a dead letter. */
    static String baselineLine(ListedRepository repository) {
        ObjectNode line = JSON.createObjectNode();
        line.put("iocstream", "baseline");
        line.put("repository", repository.fullName());
        if (repository.defaultBranch() != null) {
            line.put("ref", "refs/heads/" + repository.defaultBranch());
        }
        return line.toString();
    }

    private static String describe(String target) {
        return target.equals(OrgRepositoriesSettings.INSTALLATION) ? "the App installation" : "org " + target;
    }

    private static String describe(List<String> targets) {
        return targets.equals(List.of(OrgRepositoriesSettings.INSTALLATION)) ? "the App installation"
                : "org " + String.join(", ", targets);
    }

    @Override
    public Duration afterFailure() {
        return AFTER_FAILURE;
    }

    @Override
    public void close() {
        client.close();
    }

    /** Builds the poller and its client on the task manager, where the token is read. */
    record Factory(OrgRepositoriesSettings settings) implements PollerFactory<String, OrgRepositoriesPosition> {
        @Override
        public Poller<String, OrgRepositoriesPosition> create() {
            return new OrgRepositoriesPoller(settings, new GitHubClient(settings.clientConfig()), Clock.systemUTC());
        }
    }
}
