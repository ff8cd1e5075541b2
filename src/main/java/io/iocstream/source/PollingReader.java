package io.iocstream.source;

import io.iocstream.core.JobMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Poller} on a thread of its own and emits what it found on the task thread, one whole chunk per
 * {@link #pollNext} call, moving the position past it in the same call. Flink snapshots only between calls, so a
 * snapshot holds exactly the chunks emitted before it. The next poll starts after every chunk of the last one is
 * out and its {@link Poll#nextPollIn()} has passed.
 */
final class PollingReader<T, P> implements SourceReader<T, PollingSplit<P>> {

    private static final Logger LOG = LoggerFactory.getLogger(PollingReader.class);

    /** What the poll thread hands over: a result, or the error that ended the reader. */
    private record Arrival<T, P>(Poll<T, P> poll, long startedNanos, Throwable failure) {}

    private final PollerFactory<T, P> factory;
    private final PositionCodec<P> codec;
    private final String name;
    private final SourceReaderContext context;
    private final AtomicReference<Arrival<T, P>> arrived = new AtomicReference<>();
    private final ArrayDeque<Poll.Chunk<T, P>> pending = new ArrayDeque<>();
    private ScheduledExecutorService pollThread;
    private Poller<T, P> poller;
    private String splitId;
    private P position;
    private boolean pollInFlight;
    private long nextPollAtNanos;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    /** @param context the reader's context in a job, for metrics; null in tests that drive the reader by hand */
    PollingReader(PollerFactory<T, P> factory, PositionCodec<P> codec, String name, SourceReaderContext context) {
        this.factory = factory;
        this.codec = codec;
        this.name = name;
        this.context = context;
    }

    @Override
    public void start() {
        pollThread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "poll-" + name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            poller = factory.create();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the poller of " + name, e);
        }
        if (context != null) {
            poller.registerMetrics(JobMetrics.group(context.metricGroup()));
        }
        if (splitId != null) {
            schedulePoll(0);
        }
    }

    @Override
    public void addSplits(List<PollingSplit<P>> splits) {
        for (PollingSplit<P> split : splits) {
            if (splitId != null) {
                throw new IllegalStateException(name + " has one split, got a second: " + split.splitId());
            }
            splitId = split.splitId();
            position = split.position();
            // on a restore Flink adds the splits before it starts the reader, which then polls
            if (pollThread != null) {
                schedulePoll(0);
            }
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        Arrival<T, P> arrival = arrived.getAndSet(null);
        if (arrival != null) {
            if (arrival.failure() != null) {
                throw new IOException(name + " failed to poll", arrival.failure());
            }
            pollInFlight = false;
            pending.addAll(arrival.poll().chunks());
            nextPollAtNanos = arrival.startedNanos() + arrival.poll().nextPollIn().toNanos();
        }
        Poll.Chunk<T, P> chunk = pending.poll();
        if (chunk != null) {
            // the whole chunk in one call: Flink snapshots only between calls, never inside a chunk
            chunk.records().forEach(output::collect);
            position = chunk.advance().apply(position);
            return InputStatus.MORE_AVAILABLE;
        }
        if (splitId != null && !pollInFlight) {
            schedulePoll(Math.max(0, nextPollAtNanos - System.nanoTime()));
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    private void schedulePoll(long delayNanos) {
        pollInFlight = true;
        // Flink may already wait on the current future: it is replaced only once completed
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        CompletableFuture<Void> signal = available;
        P from = codec.copy(position);
        pollThread.schedule(() -> runPoll(from, signal), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void runPoll(P from, CompletableFuture<Void> signal) {
        long started = System.nanoTime();
        try {
            arrived.set(new Arrival<>(poller.poll(from), started, null));
        } catch (IOException e) {
            // an outage is not a reason to fail the job: the position is unchanged, so nothing is lost
            Duration wait = poller.afterFailure();
            LOG.warn("{}: poll failed, trying again in {} s: {}", name, wait.toSeconds(), e.toString());
            arrived.set(new Arrival<>(Poll.idle(wait), started, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Throwable t) {
            arrived.set(new Arrival<>(null, started, t));
        }
        signal.complete(null);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return arrived.get() != null ? CompletableFuture.completedFuture(null) : available;
    }

    @Override
    public List<PollingSplit<P>> snapshotState(long checkpointId) {
        return splitId == null ? List.of() : List.of(new PollingSplit<>(splitId, codec.copy(position)));
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() throws Exception {
        if (pollThread != null) {
            pollThread.shutdownNow();
            pollThread.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (poller != null) {
            poller.close();
        }
    }
}
