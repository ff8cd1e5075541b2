package io.iocstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real webhook payloads (push/, see SOURCES.tsv) and an Events API object built from GitHub's documented shape,
 * each mutated into a hostile variant: refs git refuses, repository names GitHub refuses, malformed ids and shas.
 * Every variant is rejected with a reason that names the rule; git's and GitHub's own valid names still pass.
 */
class HostilePushEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PUSH = Path.of("src/test/resources/push");

    /** Built from GitHub's documented PushEvent shape since 2025-10-07 (see data/events/README.md). */
    private static final String EVENTS_API_PUSH = """
            {"id": "52000000001", "type": "PushEvent", "actor": {"id": 1, "login": "octocat"},
             "repo": {"id": 7, "name": "acme/app", "url": "https://api.github.com/repos/acme/app"},
             "payload": {"repository_id": 7, "push_id": 27000000001, "ref": "refs/heads/main",
               "head": "1111111111111111111111111111111111111111",
               "before": "2222222222222222222222222222222222222222"},
             "public": false, "created_at": "2025-11-20T09:00:03Z", "org": {"id": 9, "login": "acme"}}""";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "refs/heads/../../etc|'..'",
        "refs/heads/a..b|'..'",
        "refs/heads/.hidden|starts with '.'",
        "refs/heads/x/.git/config|starts with '.'",
        "refs/heads/main.lock|ends with '.lock'",
        "refs/heads/a.lock/b|ends with '.lock'",
        "refs/heads/v@{1}|'@{'",
        "refs/heads/main/|'/'",
        "/refs/heads/main|'/'",
        "refs//heads/main|'/'",
        "refs/heads/main.|ends with '.'",
        "@|'@' alone",
        "main|no '/'",
        "refs/heads/a b|space",
        "refs/heads/a~1|'~'",
        "refs/heads/a^2|'^'",
        "refs/heads/a:b|':'",
        "refs/heads/a?|'?'",
        "refs/heads/a*|'*'",
        "refs/heads/a[0]|'['",
        "refs/heads/a\\b|'\\'",
    })
    void aRefGitRefusesIsRejectedNamingTheRule(String ref, String rule) throws Exception {
        for (String payload : new String[] {webhook("go-scm-push.json", p -> p.put("ref", ref)),
                eventsApi(p -> p.put("ref", ref))}) {
            ParsedEvent parsed = PushEventParser.parse(payload);
            assertThat(parsed.event()).as(ref).isNull();
            assertThat(parsed.reason()).as(ref).startsWith("invalid ref in 'ref'").contains(rule);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\n", "\u001b[31m", "\u007f"})
    void aRefWithAControlCharacterIsRejectedOnOneLine(String control) throws Exception {
        ParsedEvent parsed = PushEventParser.parse(
                webhook("go-scm-push.json", p -> p.put("ref", "refs/heads/a" + control + "b")));
        assertThat(parsed.event()).isNull();
        assertThat(parsed.reason()).contains("control character").doesNotContain("\n", "\u001b", "\u0000");
    }

    @Test
    void aRefPastGitHubsLimitOf255BytesIsRejected() throws Exception {
        String longest = "refs/heads/" + "a".repeat(255 - "refs/heads/".length());
        assertThat(PushEventParser.parse(webhook("go-scm-push.json", p -> p.put("ref", longest))).event().ref())
                .isEqualTo(longest);

        // 2-byte characters: 123 of them are 246 bytes, under the limit in characters but not in bytes
        for (String ref : new String[] {longest + "a", "refs/heads/" + "é".repeat(123), "refs/heads/" + "a".repeat(1 << 20)}) {
            ParsedEvent parsed = PushEventParser.parse(webhook("go-scm-push.json", p -> p.put("ref", ref)));
            assertThat(parsed.event()).isNull();
            assertThat(parsed.reason()).contains("longer than 255 bytes").hasSizeLessThan(200);
        }
    }

    @Test
    void aRefWithALoneSurrogateIsRejected() throws Exception {
        // JSON escapes can spell what no UTF-8 byte sequence can; as bytes it would be folded into one '?'
        String payload = webhook("go-scm-push.json", p -> p.put("ref", "refs/heads/x"))
                .replace("\"refs/heads/x\"", "\"refs/heads/\\udc80\"");
        ParsedEvent parsed = PushEventParser.parse(payload);
        assertThat(parsed.event()).isNull();
        assertThat(parsed.reason()).contains("invalid ref", "not valid Unicode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refs/heads/feature/x-1", "refs/tags/v1.0.0", "refs/heads/foo@bar", "refs/heads/foo./bar",
        "refs/heads/café", "refs/heads/@", "refs/heads/a.b-c_d+e=f,g"})
    void refsGitAcceptsStillPass(String ref) throws Exception {
        ParsedEvent parsed = PushEventParser.parse(webhook("go-scm-push.json", p -> p.put("ref", ref)));
        assertThat(parsed.reason()).isNull();
        assertThat(parsed.event().ref()).isEqualTo(ref);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../etc|owner",
        "acme/..|'..'",
        "acme/.|'.'",
        "ac.me/app|owner",
        "acme/app/x|one '/'",
        "acme/a b|name",
        "'acme/app\u0000'|name",
        "acme/ápp|name",
        "/app|owner",
        "acme/|name",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/app|owner",
    })
    void aRepositoryNameGitHubRefusesIsRejected(String fullName, String rule) throws Exception {
        ParsedEvent webhook = PushEventParser.parse(
                webhook("go-scm-push.json", p -> ((ObjectNode) p.get("repository")).put("full_name", fullName)));
        assertThat(webhook.event()).as(fullName).isNull();
        assertThat(webhook.reason()).as(fullName).startsWith("malformed repository name in 'repository.full_name'")
                .contains(rule).doesNotContain("\u0000");

        ParsedEvent event = PushEventParser.parse(eventsApi(p -> {}).replace("\"acme/app\"", JSON.writeValueAsString(fullName)));
        assertThat(event.event()).as(fullName).isNull();
        assertThat(event.reason()).as(fullName).startsWith("malformed repository name in 'repo.name'");
    }

    @Test
    void aRepositoryNameOfAHundredCharactersPassesAndOneMoreDoesNot() throws Exception {
        String owner39 = "a".repeat(39);
        String longest = owner39 + "/" + "n".repeat(100);
        assertThat(PushEventParser.parse(webhook("go-scm-push.json",
                p -> ((ObjectNode) p.get("repository")).put("full_name", longest))).event().repo()).isEqualTo(longest);
        ParsedEvent tooLong = PushEventParser.parse(webhook("go-scm-push.json",
                p -> ((ObjectNode) p.get("repository")).put("full_name", longest + "n")));
        assertThat(tooLong.reason()).contains("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Codertocat/Hello-World", "octo-org/.github", "a/b", "x/.dotfiles", "under_score/repo.name_x-1",
        "1/2"})
    void repositoryNamesGitHubAllowsStillPass(String fullName) throws Exception {
        ParsedEvent parsed = PushEventParser.parse(
                webhook("go-scm-push.json", p -> ((ObjectNode) p.get("repository")).put("full_name", fullName)));
        assertThat(parsed.reason()).isNull();
        assertThat(parsed.event().repo()).isEqualTo(fullName);
    }

    @Test
    void aCommitIdThatIsNoShaIsRejected() throws Exception {
        ParsedEvent parsed = PushEventParser.parse(webhook("go-scm-push.json",
                p -> ((ObjectNode) p.get("commits").get(0)).put("id", "x".repeat(1 << 20))));
        assertThat(parsed.event()).isNull();
        assertThat(parsed.reason()).startsWith("malformed sha in 'commits[0].id'").hasSizeLessThan(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1e9", "123456789012345678901"})
    void anEventsApiIdThatIsNoEventIdIsRejected(String id) throws Exception {
        ParsedEvent parsed = PushEventParser.parse(eventsApi(p -> {}).replace("\"52000000001\"",
                JSON.writeValueAsString(id)));
        assertThat(parsed.event()).as(id).isNull();
        assertThat(parsed.reason()).as(id).startsWith("malformed event id");
    }

    @Test
    void theUnmutatedPayloadsPass() throws Exception {
        assertThat(PushEventParser.parse(webhook("go-scm-push.json", p -> {})).reason()).isNull();
        assertThat(PushEventParser.parse(eventsApi(p -> {})).reason()).isNull();
    }

    private static String webhook(String file, Consumer<ObjectNode> mutation) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Files.readString(PUSH.resolve(file)));
        mutation.accept(payload);
        return JSON.writeValueAsString(payload);
    }

    private static String eventsApi(Consumer<ObjectNode> payloadMutation) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(EVENTS_API_PUSH);
        payloadMutation.accept((ObjectNode) event.get("payload"));
        return JSON.writeValueAsString(event);
    }
}
