package io.iocstream.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.ingest.ParsedEvent;
import io.iocstream.ingest.PushEventParser;
import io.iocstream.ingest.PushOrigin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each event becomes what the job's ingest reads, or nothing, counted. */
class DeliveryRouteTest {

    @Test
    void aPushIsWrittenAsSentKeyedByRepository() throws Exception {
        byte[] push = Files.readAllBytes(Path.of("src/test/resources/push/octokit-payload.json"));
        DeliveryRoute route = DeliveryRoute.of("push", push);
        assertThat(route.value()).isSameAs(push);
        assertThat(route.repository()).isEqualTo("Codertocat/Hello-World");
        assertThat(PushEventParser.parse(new String(route.value(), StandardCharsets.UTF_8)).event()).isNotNull();
    }

    @Test
    void aRepositoryEventIsWrittenAsSentForTheIngestToBaseline() throws Exception {
        byte[] created = Files.readAllBytes(Path.of("src/test/resources/repository/octokit-created.payload.json"));
        DeliveryRoute route = DeliveryRoute.of("repository", created);
        assertThat(route.value()).isSameAs(created);
        assertThat(PushEventParser.parse(new String(route.value(), StandardCharsets.UTF_8)).event().origin())
                .isEqualTo(PushOrigin.BASELINE);
    }

    @Test
    void aCreatedBranchIsABaselineRequestOfItsHead() {
        DeliveryRoute route = DeliveryRoute.of("create", create("feature/x", "branch"));
        ParsedEvent parsed = PushEventParser.parse(new String(route.value(), StandardCharsets.UTF_8));
        assertThat(parsed.event().origin()).isEqualTo(PushOrigin.BASELINE);
        assertThat(parsed.event().repo()).isEqualTo("acme/storefront");
        assertThat(parsed.event().ref()).isEqualTo("refs/heads/feature/x");
    }

    @Test
    void tagsAndDeletionsComeWithTheirPushEvents() {
        assertThat(DeliveryRoute.of("create", create("v1.0", "tag")).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(DeliveryRoute.of("delete", create("feature/x", "branch")).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void pingOtherEventsAndUnusableBodies() {
        assertThat(DeliveryRoute.of("ping", "{}".getBytes(StandardCharsets.UTF_8)).outcome()).isEqualTo(Outcome.PING);
        assertThat(DeliveryRoute.of("issues", "{}".getBytes(StandardCharsets.UTF_8)).outcome())
                .isEqualTo(Outcome.IGNORED);
        assertThat(DeliveryRoute.of("push", "[1]".getBytes(StandardCharsets.UTF_8)).outcome())
                .isEqualTo(Outcome.BAD_REQUEST);
        assertThat(DeliveryRoute.of("push", "{\"ref\": \"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8))
                .reason()).isEqualTo("no repository.full_name in the push event");
    }

    private static byte[] create(String ref, String type) {
        return ("{\"ref\": \"" + ref + "\", \"ref_type\": \"" + type + "\", \"master_branch\": \"main\", "
                + "\"pusher_type\": \"user\", \"repository\": {\"id\": 1, \"full_name\": \"acme/storefront\"}, "
                + "\"sender\": {\"login\": \"octocat\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
