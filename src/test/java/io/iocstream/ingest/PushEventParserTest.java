package io.iocstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Real webhook payloads (push/, see SOURCES.tsv), Events API objects built from GitHub's documented shape. */
class PushEventParserTest {

    private static final Path PUSH = Path.of("src/test/resources/push");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> realPayloads() throws Exception {
        return Files.list(PUSH).sorted();
    }

    @ParameterizedTest
    @MethodSource("realPayloads")
    void everyRealWebhookPayloadIsAPush(Path payload) throws Exception {
        ParsedEvent parsed = PushEventParser.parse(Files.readString(payload));
        assertThat(parsed.reason()).isNull();
        PushEvent push = parsed.event();
        assertThat(push.origin()).isEqualTo(PushOrigin.WEBHOOK);
        assertThat(push.repo()).matches("[\\w.-]+/[\\w.-]+");
        assertThat(push.ref()).startsWith("refs/");
        assertThat(push.hasFileLists()).isTrue();
        assertThat(push.eventId()).matches("[0-9a-f]{32}");
    }

    @Test
    void anOrdinaryPushKeepsItsShasAndFileLists() throws Exception {
        PushEvent push = PushEventParser.parse(Files.readString(PUSH.resolve("go-scm-push.json"))).event();
        assertThat(push.repo()).isEqualTo("Codertocat/Hello-World");
        assertThat(push.ref()).isEqualTo("refs/heads/master");
        assertThat(push.before()).isEqualTo("a10867b14bb761a232cd80139fbd4c0d33264240");
        assertThat(push.after()).isEqualTo("199eddf46df50de8d02e99bf1c5fdb4101338224");
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
        assertThat(push.commits()).singleElement().satisfies(commit -> {
            assertThat(commit.id()).isEqualTo("199eddf46df50de8d02e99bf1c5fdb4101338224");
            assertThat(commit.modified()).containsExactly("README.md");
            assertThat(commit.added()).isEmpty();
        });
    }

    @Test
    void createAndDeleteFlagsComeFromThePayload() throws Exception {
        PushEvent created = PushEventParser.parse(Files.readString(PUSH.resolve("octokit-with-new-branch.payload.json")))
                .event();
        assertThat(created.created()).isTrue();
        assertThat(created.before()).isEqualTo(PushEvent.ZERO_SHA);
        assertThat(created.commits().get(0).added()).containsExactly("README.md");

        PushEvent deleted = PushEventParser.parse(Files.readString(PUSH.resolve("go-scm-push_branch_delete.json")))
                .event();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.after()).isEqualTo(PushEvent.ZERO_SHA);
        assertThat(deleted.ref()).isEqualTo("refs/heads/feature-branch");
    }

    @Test
    void theSameDeliveryGetsTheSameId() throws Exception {
        String payload = Files.readString(PUSH.resolve("go-scm-push.json"));
        assertThat(PushEventParser.parse(payload).event().eventId())
                .isEqualTo(PushEventParser.parse(payload).event().eventId());
    }

    @Test
    void aRealWebhookPushSaysWhoPushedAndWhen() throws Exception {
        PushEvent push = PushEventParser.parse(Files.readString(PUSH.resolve("octokit-with-new-branch.payload.json")))
                .event();
        // pusher.name, sender.login, and repository.pushed_at (epoch seconds in push payloads) in UTC
        assertThat(push.stamp()).isEqualTo(new PushStamp("Codertocat", "Codertocat", "2019-05-15T15:20:57Z"));
        PushEvent goScm = PushEventParser.parse(Files.readString(PUSH.resolve("go-scm-push.json"))).event();
        assertThat(goScm.stamp()).isEqualTo(new PushStamp("Codertocat", "Codertocat", "2018-05-30T20:18:48Z"));
    }

    @Test
    void withoutRepositoryPushedAtTheHeadCommitsTimeStandsInAndAnOddFieldIsLeftOut() throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(
                Files.readString(PUSH.resolve("go-scm-push.json")));
        ((ObjectNode) payload.get("repository")).remove("pushed_at");
        payload.putObject("pusher").put("name", 42);
        PushEvent push = PushEventParser.parse(payload.toString()).event();
        // head_commit.timestamp is 2018-06-15T13:01:51-07:00
        assertThat(push.stamp()).isEqualTo(new PushStamp(null, "Codertocat", "2018-06-15T20:01:51Z"));
        payload.remove("sender");
        ((ObjectNode) payload.get("head_commit")).put("timestamp", "not a time");
        assertThat(PushEventParser.parse(payload.toString()).event().stamp()).isEqualTo(PushStamp.NONE);
    }

    @Test
    void aRealRepositoryEventSaysWhoAndWhenButNoPusher() throws Exception {
        PushEvent baseline = PushEventParser.parse(
                Files.readString(Path.of("src/test/resources/repository/octokit-created.payload.json"))).event();
        assertThat(baseline.stamp()).isEqualTo(new PushStamp(null, "Codertocat", "2019-05-15T15:20:33Z", "created",
                null));
    }

    /** Built from GitHub's documented PushEvent shape since 2025-10-07: no commits, only head and before. */
    @Test
    void anEventsApiPushEventHasNoFileLists() {
        String event = """
                {"id": "52000000001", "type": "PushEvent", "actor": {"id": 1, "login": "octocat"},
                 "repo": {"id": 7, "name": "acme/app", "url": "https://api.github.com/repos/acme/app"},
                 "payload": {"repository_id": 7, "push_id": 27000000001, "ref": "refs/heads/main",
                   "head": "1111111111111111111111111111111111111111",
                   "before": "2222222222222222222222222222222222222222"},
                 "public": false, "created_at": "2025-11-20T09:00:03Z", "org": {"id": 9, "login": "acme"}}""";
        PushEvent push = PushEventParser.parse(event).event();
        assertThat(push.origin()).isEqualTo(PushOrigin.EVENTS_API);
        assertThat(push.eventId()).isEqualTo("52000000001");
        assertThat(push.repo()).isEqualTo("acme/app");
        assertThat(push.after()).isEqualTo("1111111111111111111111111111111111111111");
        assertThat(push.hasFileLists()).isFalse();
        assertThat(push.created()).isFalse();
        // the Events API says who (actor.login) and when (created_at); the same login is pusher and sender
        assertThat(push.stamp()).isEqualTo(new PushStamp("octocat", "octocat", "2025-11-20T09:00:03Z"));
    }

    /** Built from the documented GH Archive / pre-2025 shape: commits without file lists, size fields. */
    @Test
    void aGhArchiveLineWithCommitsStillNeedsTheCompareApi() {
        String line = """
                {"id":"26170142016","type":"PushEvent","actor":{"id":1,"login":"dev"},"repo":{"id":5,"name":"o/r"},
                 "payload":{"repository_id":5,"push_id":12,"size":1,"distinct_size":1,"ref":"refs/heads/dev",
                 "head":"3333333333333333333333333333333333333333","before":"0000000000000000000000000000000000000000",
                 "commits":[{"sha":"3333333333333333333333333333333333333333","message":"x","distinct":true}]},
                 "public":true,"created_at":"2023-01-01T00:00:00Z"}""";
        PushEvent push = PushEventParser.parse(line).event();
        assertThat(push.hasFileLists()).isFalse();
        assertThat(push.created()).isTrue();
        assertThat(push.ref()).isEqualTo("refs/heads/dev");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty line",
        "'   '|empty line",
        "{\"ref\": \"refs/heads/main\", \"before\": |malformed JSON",
        "[1, 2]|not a JSON object",
        "\"text\"|not a JSON object",
        "{\"type\": \"IssuesEvent\", \"payload\": {}}|unsupported event type: IssuesEvent",
        "{\"zen\": \"Keep it logically awesome.\"}|not a push event",
        "{\"ref\": \"refs/heads/main\", \"before\": \"0000000000000000000000000000000000000000\", \"repository\": {\"full_name\": \"o/r\"}}|missing field 'after'",
        "{\"ref\": \"refs/heads/main\", \"before\": \"xyz\", \"after\": \"0000000000000000000000000000000000000000\", \"repository\": {\"full_name\": \"o/r\"}}|malformed sha in 'before'",
        "{\"ref\": \"refs/heads/main\", \"before\": \"0000000000000000000000000000000000000000\", \"after\": \"0000000000000000000000000000000000000001\", \"repository\": {\"full_name\": \"no-slash\"}}|malformed repository name",
        "{\"ref\": \"refs/heads/main\", \"before\": \"0000000000000000000000000000000000000000\", \"after\": \"0000000000000000000000000000000000000001\", \"repository\": {}}|missing field 'repository.full_name'",
        "{\"ref\": \"refs/heads/main\", \"before\": \"0000000000000000000000000000000000000000\", \"after\": \"0000000000000000000000000000000000000001\", \"repository\": {\"full_name\": \"o/r\"}, \"commits\": 5}|'commits' is not an array",
        "{\"id\": \"1\", \"type\": \"PushEvent\", \"repo\": {\"name\": \"o/r\"}, \"payload\": {\"ref\": \"refs/heads/x\"}}|missing field 'before'",
    })
    void anythingElseIsRejectedWithAReason(String line, String reason) {
        ParsedEvent parsed = PushEventParser.parse(line);
        assertThat(parsed.event()).isNull();
        assertThat(parsed.reason()).contains(reason);
        assertThat(parsed.reason()).doesNotContain("\n");
    }

    @Test
    void aBaselineRequestIsACreatedRefAtItsCommit() {
        PushEvent baseline = PushEventParser.parse("""
                {"iocstream": "baseline", "repository": "acme/app", "ref": "refs/heads/main",
                 "commit": "1111111111111111111111111111111111111111"}""").event();
        assertThat(baseline.origin()).isEqualTo(PushOrigin.BASELINE);
        assertThat(baseline.repo()).isEqualTo("acme/app");
        assertThat(baseline.ref()).isEqualTo("refs/heads/main");
        assertThat(baseline.after()).isEqualTo("1111111111111111111111111111111111111111");
        assertThat(baseline.before()).isEqualTo(PushEvent.ZERO_SHA);
        assertThat(baseline.created()).isTrue();
        assertThat(baseline.hasFileLists()).isFalse();
        assertThat(baseline.eventId()).matches("[0-9a-f]{32}");
    }

    @Test
    void aRescanRequestIsReadLikeABaselineWithItsOwnOrigin() {
        PushEvent rescan = PushEventParser.parse(
                "{\"iocstream\": \"rescan\", \"repository\": \"acme/app\", \"ref\": \"refs/heads/main\"}").event();
        assertThat(rescan.origin()).isEqualTo(PushOrigin.RESCAN);
        assertThat(rescan.after()).as("the head, looked up when listed").isNull();
        assertThat(rescan.eventId()).isNotEqualTo(PushEventParser.parse(
                "{\"iocstream\": \"baseline\", \"repository\": \"acme/app\", \"ref\": \"refs/heads/main\"}")
                .event().eventId());
    }

    @Test
    void aBaselineRequestWithoutACommitLeavesTheHeadToTheListing() {
        PushEvent baseline = PushEventParser.parse(
                "{\"iocstream\": \"baseline\", \"repository\": \"acme/app\", \"ref\": \"refs/heads/dev/x\"}").event();
        assertThat(baseline.origin()).isEqualTo(PushOrigin.BASELINE);
        assertThat(baseline.after()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "created|Octocoders/Hello-World",
        "renamed|Octocoders/Hello-World",
        "transferred|Octocoders/Hello-World",
        "publicized|Codertocat/Hello-World",
    })
    void aRealRepositoryEventThatBringsARepositoryIntoViewIsABaselineOfItsDefaultBranch(String action, String repo)
            throws Exception {
        ParsedEvent parsed = PushEventParser.parse(
                Files.readString(Path.of("src/test/resources/repository/octokit-" + action + ".payload.json")));
        assertThat(parsed.reason()).isNull();
        assertThat(parsed.event().origin()).isEqualTo(PushOrigin.BASELINE);
        assertThat(parsed.event().repo()).isEqualTo(repo);
        assertThat(parsed.event().ref()).isEqualTo("refs/heads/master");
        assertThat(parsed.event().after()).as("the head is looked up when the scan is listed").isNull();
    }

    @Test
    void aRepositoryEventCarriesItsActionAndDescriptionToTheMatcher() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(
                Files.readString(Path.of("src/test/resources/repository/octokit-publicized.payload.json")));
        ((ObjectNode) event.get("repository")).put("description", "  Shai-Hulud Migration ");

        PushStamp stamp = PushEventParser.parse(event.toString()).event().stamp();

        assertThat(stamp.repositoryEvent()).isEqualTo("publicized");
        assertThat(stamp.description()).isEqualTo("Shai-Hulud Migration");
        assertThat(stamp.fromRepositoryEvent()).isTrue();
    }

    /** Built from GitHub's documented Events API CreateEvent and PublicEvent shapes. */
    @Test
    void anEventsApiRepositoryCreationOrPublicationIsABaselineThatJudgesTheRepository() {
        PushEvent created = PushEventParser.parse("""
                {"id": "50000000001", "type": "CreateEvent", "actor": {"login": "victim"},
                 "repo": {"id": 9, "name": "acme/x9y8z7", "url": "https://api.github.com/repos/acme/x9y8z7"},
                 "payload": {"ref": null, "ref_type": "repository", "master_branch": "main",
                             "description": "Sha1-Hulud: The Second Coming.", "pusher_type": "user"},
                 "public": true, "created_at": "2025-11-24T08:00:00Z"}
                """).event();
        assertThat(created.origin()).isEqualTo(PushOrigin.BASELINE);
        assertThat(created.repo()).isEqualTo("acme/x9y8z7");
        assertThat(created.ref()).isEqualTo("refs/heads/main");
        assertThat(created.after()).isNull();
        assertThat(created.stamp()).isEqualTo(new PushStamp("victim", "victim", "2025-11-24T08:00:00Z", "created",
                "Sha1-Hulud: The Second Coming."));

        PushEvent publicized = PushEventParser.parse("""
                {"id": "50000000002", "type": "PublicEvent", "actor": {"login": "victim"},
                 "repo": {"id": 10, "name": "acme/lib-migration"}, "payload": {},
                 "public": true, "created_at": "2025-09-16T10:00:00Z"}
                """).event();
        assertThat(publicized.ref()).as("the payload names no branch").isEqualTo("refs/heads/main");
        assertThat(publicized.stamp().repositoryEvent()).isEqualTo("publicized");
        assertThat(publicized.stamp().description()).isNull();

        ParsedEvent branch = PushEventParser.parse("""
                {"id": "50000000003", "type": "CreateEvent", "repo": {"id": 9, "name": "acme/app"},
                 "payload": {"ref": "dev", "ref_type": "branch", "master_branch": "main"}}
                """);
        assertThat(branch.event()).isNull();
        assertThat(branch.reason()).isNull();
        assertThat(branch.ignored()).isEqualTo("CreateEvent of a branch");

        ParsedEvent noBranch = PushEventParser.parse("""
                {"id": "50000000004", "type": "CreateEvent", "repo": {"id": 9, "name": "acme/app"},
                 "payload": {"ref_type": "repository"}}
                """);
        assertThat(noBranch.reason()).isEqualTo("missing field 'payload.master_branch'");
    }

    @ParameterizedTest
    @CsvSource({"privatized", "edited"})
    void otherRepositoryEventsAreIgnoredNotDeadLetters(String action) throws Exception {
        ParsedEvent parsed = PushEventParser.parse(
                Files.readString(Path.of("src/test/resources/repository/octokit-" + action + ".payload.json")));
        assertThat(parsed.event()).isNull();
        assertThat(parsed.reason()).isNull();
        assertThat(parsed.ignored()).isEqualTo("repository event '" + action + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"iocstream\": \"relist\", \"repository\": \"o/r\", \"ref\": \"refs/heads/main\"}|unknown iocstream request: 'relist' (only 'baseline' and 'rescan')",
        "{\"iocstream\": \"rescan\", \"repository\": \"o/r\", \"ref\": \"refs/tags/v1\"}|a rescan without 'commit' must name a branch",
        "{\"iocstream\": \"baseline\", \"repository\": \"o/r\"}|missing field 'ref'",
        "{\"iocstream\": \"baseline\", \"repository\": \"no-slash\", \"ref\": \"refs/heads/main\"}|malformed repository name in 'repository'",
        "{\"iocstream\": \"baseline\", \"repository\": \"o/r\", \"ref\": \"refs/heads/a..b\"}|invalid ref in 'ref'",
        "{\"iocstream\": \"baseline\", \"repository\": \"o/r\", \"ref\": \"refs/heads/main\", \"commit\": \"HEAD\"}|malformed sha in 'commit'",
        "{\"iocstream\": \"baseline\", \"repository\": \"o/r\", \"ref\": \"refs/tags/v1\"}|a baseline without 'commit' must name a branch",
        "{\"action\": \"created\", \"repository\": {\"full_name\": \"o/r\"}}|missing field 'repository.default_branch'",
        "{\"action\": \"created\", \"repository\": {\"full_name\": \"o/r\", \"default_branch\": \"a b\"}}|invalid default branch",
        "{\"action\": \"publicized\", \"repository\": {\"full_name\": \"../r\", \"default_branch\": \"main\"}}|malformed repository name in 'repository.full_name'",
        "{\"action\": \"created\", \"repository\": {\"full_name\": \"o/r\"}, \"label\": {}}|not a push event",
    })
    void aBadBaselineRequestOrRepositoryEventIsRejectedWithAReason(String line, String reason) {
        ParsedEvent parsed = PushEventParser.parse(line);
        assertThat(parsed.event()).isNull();
        assertThat(parsed.reason()).contains(reason);
    }

    @Test
    void nullIsRejectedToo() {
        assertThat(PushEventParser.parse(null).reason()).isEqualTo("empty line");
    }

    @Test
    void commitFileListsKeepTheirOrder() {
        String payload = """
                {"ref": "refs/heads/main", "before": "1111111111111111111111111111111111111111",
                 "after": "2222222222222222222222222222222222222222", "repository": {"full_name": "o/r"},
                 "commits": [{"id": "2222222222222222222222222222222222222222", "added": ["x", "y"], "removed": ["z"], "modified": []}]}""";
        PushCommit commit = PushEventParser.parse(payload).event().commits().get(0);
        assertThat(commit.added()).isEqualTo(List.of("x", "y"));
        assertThat(commit.removed()).isEqualTo(List.of("z"));
    }
}
