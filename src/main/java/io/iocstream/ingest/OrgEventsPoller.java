package io.iocstream.ingest;

import io.iocstream.github.EventsPage;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.ListedEvent;
import io.iocstream.source.Poll;
import io.iocstream.source.Poller;
import io.iocstream.source.PollerFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of {@code /orgs/ORG/events}: a conditional first page (a 304 means nothing new and costs no rate
 * limit), further pages until one reaches an event already seen, and every unseen push event oldest first.
 * Each event is its own chunk, so a checkpoint never splits an event from its id.
 */
final class OrgEventsPoller implements Poller<String, OrgEventsPosition> {

    private static final Logger LOG = LoggerFactory.getLogger(OrgEventsPoller.class);
    /** GitHub lists 300 events: three pages of 100; a fourth is refused. */
    static final int MAX_PAGES = OrgEventsSettings.GITHUB_LISTED_EVENTS / GitHubClient.EVENTS_PER_PAGE;

    private final OrgEventsSettings settings;
    private final GitHubClient client;
    private final Clock clock;

    OrgEventsPoller(OrgEventsSettings settings, GitHubClient client, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public Poll<String, OrgEventsPosition> poll(OrgEventsPosition position) throws IOException {
        long now = clock.millis();
        if (now < position.notBeforeEpochMillis()) {
            // restored (or retried) before the last X-Poll-Interval ran out
            return Poll.idle(Duration.ofMillis(position.notBeforeEpochMillis() - now));
        }
        EventsPage first = client.orgEvents(settings.org(), position.etag());
        Duration interval = first.pollInterval().compareTo(settings.pollInterval()) > 0
                ? first.pollInterval() : settings.pollInterval();
        long notBefore = now + interval.toMillis();
        String etag = first.etag() != null ? first.etag() : position.etag();
        Poll.Chunk<String, OrgEventsPosition> done = new Poll.Chunk<>(List.of(), p -> p.polled(etag, notBefore));
        if (first.notModified()) {
            return new Poll<>(List.of(done), interval);
        }
        List<List<ListedEvent>> pages = new ArrayList<>(List.of(first.events()));
        boolean reachedSeen = anySeen(first.events(), position);
        String next = first.nextUrl();
        while (!reachedSeen && next != null && pages.size() < MAX_PAGES) {
            EventsPage more = client.orgEventsPage(next);
            pages.add(more.events());
            reachedSeen = anySeen(more.events(), position);
            next = more.nextUrl();
        }
        if (position.seenCount() > 0 && !reachedSeen) {
            LOG.warn("org {}: none of the {} events listed was seen before; more happened since the last poll than "
                    + "GitHub lists, so some may be missing", settings.org(), pages.stream().mapToInt(List::size).sum());
        }
        List<Poll.Chunk<String, OrgEventsPosition>> chunks = new ArrayList<>();
        for (ListedEvent event : unseenOldestFirst(pages, position::hasSeen)) {
            // other event types are remembered too, so paging stops at them, but only pushes and repository
            // creations and publications go to the pipeline
            chunks.add(new Poll.Chunk<>(event.isIngested() ? List.of(event.raw()) : List.of(),
                    p -> p.remember(event.id())));
        }
        chunks.add(done);
        return new Poll<>(chunks, interval);
    }

    /**
     * The events of {@code pages} (newest first, as GitHub pages them) not seen before, oldest first. Pages that
     * overlap (events arrived while paging and pushed older ones onto the next page) give each event once.
     */
    static List<ListedEvent> unseenOldestFirst(List<List<ListedEvent>> pages, Predicate<String> seen) {
        Set<String> taken = new HashSet<>();
        List<ListedEvent> fresh = new ArrayList<>();
        for (List<ListedEvent> page : pages) {
            for (ListedEvent event : page) {
                if (!seen.test(event.id()) && taken.add(event.id())) {
                    fresh.add(event);
                }
            }
        }
        Collections.reverse(fresh);
        return fresh;
    }

    private static boolean anySeen(List<ListedEvent> page, OrgEventsPosition position) {
        return page.stream().anyMatch(e -> position.hasSeen(e.id()));
    }

    @Override
    public Duration afterFailure() {
        return settings.pollInterval();
    }

    @Override
    public void close() {
        client.close();
    }

    /** Builds the poller and its client on the task manager, where the token is read. */
    record Factory(OrgEventsSettings settings) implements PollerFactory<String, OrgEventsPosition> {
        @Override
        public Poller<String, OrgEventsPosition> create() {
            return new OrgEventsPoller(settings, new GitHubClient(settings.clientConfig()), Clock.systemUTC());
        }
    }
}
