package io.iocstream.ingest;

import io.iocstream.github.GitHubClient;
import io.iocstream.source.Poll;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One listing of the repositories, run to its end outside Flink: the very steps {@link OrgRepositoriesSource} takes
 * (the same pages, pace and rate-limit share), each baseline request handed to a consumer. {@code relist} uses it to
 * list again when told, publishing the requests to the job's input topic.
 */
public final class OrgRepositoriesListing {

    private OrgRepositoriesListing() {}

    /**
     * Lists every repository {@code settings} names once and hands each baseline request line to {@code emit};
     * returns how many there were. A page that fails is an {@link IOException}: the caller runs it again.
     */
    public static long run(OrgRepositoriesSettings settings, Consumer<String> emit)
            throws IOException, InterruptedException {
        try (GitHubClient client = new GitHubClient(settings.clientConfig())) {
            return run(new OrgRepositoriesPoller(settings, client, Clock.systemUTC()), emit);
        }
    }

    static long run(OrgRepositoriesPoller poller, Consumer<String> emit) throws IOException, InterruptedException {
        OrgRepositoriesPosition position = new OrgRepositoriesPosition();
        long emitted = 0;
        while (position.lastListingEndedAt() == 0) {
            long started = System.nanoTime();
            Poll<String, OrgRepositoriesPosition> poll = poller.poll(OrgRepositoriesPosition.CODEC.copy(position));
            for (Poll.Chunk<String, OrgRepositoriesPosition> chunk : poll.chunks()) {
                chunk.records().forEach(emit);
                emitted += chunk.records().size();
                position = chunk.advance().apply(position);
            }
            if (position.lastListingEndedAt() == 0) {
                // the pace, or the wait for a rate-limit window's reset
                long waited = System.nanoTime() - started;
                long pause = poll.nextPollIn().toNanos() - waited;
                if (pause > 0) {
                    Thread.sleep(Duration.ofNanos(pause).toMillis());
                }
            }
        }
        return emitted;
    }
}
