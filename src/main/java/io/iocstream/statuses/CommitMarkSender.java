package io.iocstream.statuses;

import io.iocstream.github.GitHubApiException;
import io.iocstream.github.GitHubClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commit marks from a queue, one at a time on its own thread, within the content-creation limits: when the
 * limit binds, the queue gives failures first, then the oldest ({@link CommitMark#compare}). Every attempt is one
 * request the limiter counts (the client makes no retries of its own); an answer GitHub asks to retry later (a
 * secondary limit's 403 or 429, a 5xx) puts the mark back and pauses the sender for the {@code retry-after} it
 * gave, an I/O error backs off; a mark GitHub refuses for good (a 422, a 404) is dropped, logged and counted.
 */
final class CommitMarkSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommitMarkSender.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** How often a drain looks again. */
    private static final long DRAIN_POLL_MS = 20;

    private final StatusSettings settings;
    private final GitHubClient client;
    private final ContentLimiter limiter;
    private final Clock clock;
    private final PriorityBlockingQueue<CommitMark> queue = new PriorityBlockingQueue<>(64, CommitMark::compare);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    /** Marks added and not yet sent or refused: a mark put back stays counted. */
    private final AtomicLong outstanding = new AtomicLong();
    private final Thread thread;
    private volatile CommitMark inFlight;
    private volatile boolean running = true;
    private int ioFailures;

    CommitMarkSender(StatusSettings settings, GitHubClient client, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.limiter = new ContentLimiter(settings.limits());
        this.clock = clock;
        this.thread = new Thread(this::run, "commit-marks");
        thread.setDaemon(true);
    }

    /** A sender whose client writes with no retries of its own, so that every request passes the limiter. */
    static CommitMarkSender start(StatusSettings settings) {
        GitHubClient client = new GitHubClient(settings.clientConfig().withRetries(0, FIRST_BACKOFF, MAX_BACKOFF));
        CommitMarkSender sender = new CommitMarkSender(settings, client, Clock.systemUTC());
        sender.thread.start();
        return sender;
    }

    void add(CommitMark mark) {
        outstanding.incrementAndGet();
        queue.add(mark);
    }

    /** What is still to send, the mark in flight included: a checkpoint keeps them. */
    List<CommitMark> pending() {
        List<CommitMark> pending = new ArrayList<>(queue);
        CommitMark current = inFlight;
        if (current != null) {
            pending.add(current);
        }
        return pending;
    }

    long queued() {
        return outstanding.get();
    }

    long sent() {
        return sent.get();
    }

    long refused() {
        return refused.get();
    }

    long deferred() {
        return deferred.get();
    }

    /** Waits until every mark is sent (or refused): the end of a bounded input. */
    void awaitDrained() throws InterruptedException {
        while (running && outstanding.get() > 0) {
            Thread.sleep(DRAIN_POLL_MS);
        }
    }

    private void run() {
        try {
            while (running) {
                // block until there is work, then choose at the moment of sending: a failure may arrive meanwhile
                queue.put(queue.take());
                Duration wait = limiter.waitAt(clock.instant());
                if (!wait.isZero()) {
                    Thread.sleep(Math.max(1, wait.toMillis()));
                    continue;
                }
                inFlight = queue.poll();
                if (inFlight != null) {
                    Duration pause = send(inFlight);
                    inFlight = null;
                    if (!pause.isZero()) {
                        Thread.sleep(pause.toMillis());
                    }
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /** Sends one mark; the pause before the next request (zero unless GitHub asked for one or an error backs off). */
    private Duration send(CommitMark mark) throws InterruptedException {
        try {
            if (settings.mode() == StatusMode.CHECK_RUN) {
                client.createCheckRun(mark.repo(), mark.sha(), settings.context(), mark.verdict().conclusion(),
                        mark.title(), mark.summary());
            } else {
                client.createCommitStatus(mark.repo(), mark.sha(), mark.verdict().state(), mark.description(),
                        settings.context(), settings.targetUrl());
            }
            sent.incrementAndGet();
            outstanding.decrementAndGet();
            ioFailures = 0;
            return Duration.ZERO;
        } catch (GitHubApiException e) {
            if (e.retryAfter() != null) {
                queue.add(mark);
                deferred.incrementAndGet();
                LOG.info("{} deferred {} ms: {}", mark, e.retryAfter().toMillis(), e.getMessage());
                return e.retryAfter();
            }
            refused.incrementAndGet();
            outstanding.decrementAndGet();
            LOG.warn("{} refused, not sent again: {}", mark, e.getMessage());
            return Duration.ZERO;
        } catch (InterruptedIOException e) {
            queue.add(mark);
            throw new InterruptedException("closing");
        } catch (RuntimeException e) {
            // a repository or commit the client cannot name in a URL, or a fault of ours: no attempt can cure it,
            // and the sender must go on with the next
            refused.incrementAndGet();
            outstanding.decrementAndGet();
            LOG.warn("{} refused, not sent: {}", mark, e.getMessage());
            return Duration.ZERO;
        } catch (IOException e) {
            queue.add(mark);
            deferred.incrementAndGet();
            Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(ioFailures++, 6));
            backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
            LOG.warn("{} failed, again in {} ms: {}", mark, backoff.toMillis(), e.getMessage());
            return backoff;
        } finally {
            // after the answer: the server saw the request no later than now, so windows counted from here hold there
            limiter.sent(clock.instant());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    /** For tests: starts the sending thread of a sender made with its own client. */
    void startSending() {
        thread.start();
    }
}
