package io.iocstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.github.EventsPage;
import io.iocstream.github.ForeignHostException;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.ListedEvent;
import io.iocstream.github.sim.EventLines;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import io.iocstream.source.Poll;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The org events poller against the real simulator: ETags and 304s, the world growing, X-Poll-Interval, paging
 * and de-duplication. Each poll's chunks are emitted as the source reader does, moving the position.
 */
class OrgEventsPollerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A poller whose clock says the poll interval has long passed. */
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

    @TempDir
    Path world;
    private GitHubSimulator sim;
    private GitHubClient client;

    @BeforeEach
    void start() throws Exception {
        TestWorld.write(world);
        List<String> lines = new ArrayList<>(EventLines.pushes(0, 3));
        lines.add(EventLines.issuesEvent("40000000004", TestWorld.REPO));
        lines.addAll(EventLines.pushes(3, 2));
        EventLines.append(world, lines);
        sim = GitHubSimulator.start(world, SimulatorOptions.defaults().withPollIntervalSeconds(2), 0);
        client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null));
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void theFirstPollEmitsEveryPushOldestFirstAndNoOtherEventType() throws Exception {
        OrgEventsPosition position = fresh();

        List<String> refs = refs(emit(poller(Duration.ofMillis(100), Clock.systemUTC()).poll(position), position));

        assertThat(refs).containsExactly("refs/heads/b0", "refs/heads/b1", "refs/heads/b2", "refs/heads/b3",
                "refs/heads/b4");
        // the issue event is remembered, so paging can stop at it, but never emitted
        assertThat(position.seenCount()).isEqualTo(6);
        assertThat(position.etag()).startsWith("W/\"");
    }

    @Test
    void repositoryCreationsAndPublicationsAreEmittedBesideThePushesAsWormMarkers() throws Exception {
        OrgEventsPosition position = fresh();
        emit(poller(Duration.ofMillis(100), Clock.systemUTC()).poll(position), position);
        String created = "{\"id\":\"40000000010\",\"type\":\"CreateEvent\",\"repo\":{\"id\":43,\"name\":\"acme/Shai-Hulud\"},"
                + "\"payload\":{\"ref\":null,\"ref_type\":\"repository\",\"master_branch\":\"main\","
                + "\"description\":\"Shai-Hulud Migration\"},\"public\":true,\"created_at\":\"2026-01-01T00:00:01Z\"}";
        String publicized = "{\"id\":\"40000000011\",\"type\":\"PublicEvent\",\"repo\":{\"id\":44,"
                + "\"name\":\"acme/lib-migration\"},\"payload\":{},\"public\":true,\"created_at\":\"2026-01-01T00:00:02Z\"}";
        EventLines.append(world, List.of(created, EventLines.issuesEvent("40000000012", TestWorld.REPO), publicized));

        List<String> emitted = emit(poller(Duration.ofMillis(100), LATER).poll(position), position);

        assertThat(emitted).extracting(line -> JSON.readTree(line).path("type").asText())
                .containsExactly("CreateEvent", "PublicEvent");
        assertThat(emitted).allSatisfy(line -> assertThat(PushEventParser.parse(line).event().stamp()
                .fromRepositoryEvent()).isTrue());
    }

    @Test
    void anUnchangedOrgAnswers304AndNothingIsEmitted() throws Exception {
        OrgEventsPosition position = fresh();
        emit(poller(Duration.ofMillis(100), Clock.systemUTC()).poll(position), position);
        String etag = position.etag();

        List<String> second = emit(poller(Duration.ofMillis(100), LATER).poll(position), position);

        assertThat(second).isEmpty();
        assertThat(sim.requestCounts()).containsEntry("org_events_not_modified", 1L).containsEntry("org_events", 1L);
        assertThat(position.etag()).isEqualTo(etag);
    }

    @Test
    void whenTheWorldGrowsOnlyTheNewEventsAreEmitted() throws Exception {
        OrgEventsPosition position = fresh();
        emit(poller(Duration.ofMillis(100), Clock.systemUTC()).poll(position), position);
        String etag = position.etag();

        EventLines.append(world, EventLines.pushes(5, 2));
        List<String> refs = refs(emit(poller(Duration.ofMillis(100), LATER).poll(position), position));

        assertThat(refs).containsExactly("refs/heads/b5", "refs/heads/b6");
        assertThat(position.etag()).isNotEqualTo(etag);
    }

    @Test
    void aChangedEtagWithNothingNewEmitsNothingAndTakesTheNewEtag() throws Exception {
        OrgEventsPosition position = fresh();
        emit(poller(Duration.ofMillis(100), Clock.systemUTC()).poll(position), position);
        String current = position.etag();
        position.polled("W/\"from-another-deployment\"", 0);

        List<String> again = emit(poller(Duration.ofMillis(100), LATER).poll(position), position);

        assertThat(again).isEmpty();
        assertThat(sim.requestCounts()).containsEntry("org_events", 2L);
        assertThat(position.etag()).isEqualTo(current);
    }

    @Test
    void neverPollsSoonerThanXPollIntervalNorTheConfiguredInterval() throws Exception {
        OrgEventsPosition position = fresh();
        OrgEventsPoller eager = poller(Duration.ofMillis(100), Clock.systemUTC());
        Poll<String, OrgEventsPosition> first = eager.poll(position);
        emit(first, position);
        long requests = sim.totalRequests();

        Poll<String, OrgEventsPosition> tooSoon = eager.poll(position);

        assertThat(first.nextPollIn()).as("GitHub's X-Poll-Interval wins").isEqualTo(Duration.ofSeconds(2));
        assertThat(tooSoon.chunks()).isEmpty();
        assertThat(tooSoon.nextPollIn()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(sim.totalRequests()).as("no request before the interval").isEqualTo(requests);
        assertThat(poller(Duration.ofSeconds(5), Clock.systemUTC()).poll(fresh()).nextPollIn())
                .as("a longer configured interval wins").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void followsPagesToTheEndOnTheFirstPollAndStopsAtASeenEventAfterwards() throws Exception {
        EventLines.append(world, EventLines.pushes(5, 245));
        OrgEventsPosition position = fresh();

        List<String> refs = refs(emit(poller(Duration.ofMillis(100), Clock.systemUTC()).poll(position), position));

        assertThat(refs).hasSize(250).doesNotHaveDuplicates();
        assertThat(refs.get(0)).isEqualTo("refs/heads/b0");
        assertThat(refs.get(249)).isEqualTo("refs/heads/b249");
        assertThat(sim.requestCounts()).containsEntry("org_events", 3L);

        EventLines.append(world, EventLines.pushes(250, 3));
        assertThat(refs(emit(poller(Duration.ofMillis(100), LATER).poll(position), position)))
                .containsExactly("refs/heads/b250", "refs/heads/b251", "refs/heads/b252");
        assertThat(sim.requestCounts()).as("page 1 reached a seen event").containsEntry("org_events", 4L);
    }

    @Test
    void overlappingPagesGiveEachEventOnce() throws Exception {
        EventLines.append(world, EventLines.pushes(5, 145));
        EventsPage first = client.orgEvents("acme", null);
        // ten events arrive while paging: the second page now repeats the oldest ten of the first
        EventLines.append(world, EventLines.pushes(150, 10));
        EventsPage second = client.orgEventsPage(first.nextUrl());
        List<ListedEvent> page1 = first.events();
        List<ListedEvent> page2 = second.events();
        Set<String> ids1 = page1.stream().map(ListedEvent::id).collect(Collectors.toSet());
        assertThat(page2.stream().filter(e -> ids1.contains(e.id())).count()).isEqualTo(10);

        List<ListedEvent> fresh = OrgEventsPoller.unseenOldestFirst(List.of(page1, page2), id -> false);

        assertThat(fresh).extracting(ListedEvent::id).doesNotHaveDuplicates();
        assertThat(fresh).hasSize(page1.size() + page2.size() - 10);
        List<Long> ids = fresh.stream().map(e -> Long.parseLong(e.id())).toList();
        assertThat(ids).isSorted();
    }

    @Test
    void aNextPageOutsideTheConfiguredApiIsNeverRequested() {
        long requests = sim.totalRequests();
        String foreign = "http://127.0.0.2:" + sim.baseUrl().substring(sim.baseUrl().lastIndexOf(':') + 1)
                + "/orgs/acme/events?page=2";

        assertThatThrownBy(() -> client.orgEventsPage(foreign)).isInstanceOf(ForeignHostException.class);
        assertThatThrownBy(() -> client.orgEventsPage("https://api.github.com.evil.example/orgs/acme/events"))
                .isInstanceOf(ForeignHostException.class);
        assertThat(sim.totalRequests()).isEqualTo(requests);
    }

    private OrgEventsPoller poller(Duration interval, Clock clock) {
        return new OrgEventsPoller(OrgEventsSettings.of("acme", sim.baseUrl(), null, interval), client, clock);
    }

    private static OrgEventsPosition fresh() {
        return new OrgEventsPosition(OrgEventsSettings.DEFAULT_REMEMBERED_IDS);
    }

    /** What the source reader does with a poll: emit each chunk, then move the position. */
    static List<String> emit(Poll<String, OrgEventsPosition> poll, OrgEventsPosition position) {
        List<String> out = new ArrayList<>();
        for (Poll.Chunk<String, OrgEventsPosition> chunk : poll.chunks()) {
            out.addAll(chunk.records());
            chunk.advance().apply(position);
        }
        return out;
    }

    static List<String> refs(List<String> events) throws Exception {
        List<String> refs = new ArrayList<>();
        for (String event : events) {
            refs.add(JSON.readTree(event).path("payload").path("ref").asText());
        }
        return refs;
    }
}
