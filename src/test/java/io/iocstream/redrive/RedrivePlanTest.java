package io.iocstream.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.changes.ScanMode;
import io.iocstream.changes.ScanRequest;
import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FileRef;
import io.iocstream.ingest.PushEvent;
import io.iocstream.ingest.PushEventParser;
import io.iocstream.ingest.PushOrigin;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which dead letters come back and as what: the fetch stage's failures that may pass come back as one rescan per
 * ref (a branch at its head, a tag at its commit), read by the ingest as it reads any event line; the rest are
 * reported with why. The raw requests are the fetch stage's own (a file reference, a scan request, as JSON).
 */
class RedrivePlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);

    @Test
    void eachBranchWithARetryableFetchFailureIsRescannedOnceAtItsHead() throws Exception {
        List<DeadLetter> deadLetters = List.of(
                file("acme/api", "refs/heads/main", "package-lock.json", "GitHub API 502: Bad Gateway"),
                file("acme/api", "refs/heads/main", "go.sum", "timed out"),
                listing("acme/web", "refs/heads/dev", "TREE listing failed: listing timed out"),
                file("acme/api", "refs/heads/dev", "x.txt", "GitHub API 429: rate limited (blob, 6 attempts)"),
                file("acme/ops", "refs/heads/main", "y.txt", "blob failed after 6 attempts: java.net.SocketException"));

        RedrivePlan plan = RedrivePlan.of(deadLetters, Selection.all());

        assertThat(plan.rescans()).containsExactly(new Rescan("acme/api", "refs/heads/main", null),
                new Rescan("acme/web", "refs/heads/dev", null), new Rescan("acme/api", "refs/heads/dev", null),
                new Rescan("acme/ops", "refs/heads/main", null));
        assertThat(plan.notRetried()).isEmpty();
        assertThat(plan.selected()).isEqualTo(5);
    }

    @Test
    void whatARetryCannotChangeIsReportedNotResent() throws Exception {
        DeadLetter malformed = new DeadLetter("ingest", "events.ndjson line 3", "malformed JSON: Unexpected end", "{");
        DeadLetter unparsable = new DeadLetter("parse", "acme/api@" + A + ":package-lock.json", "not JSON", "{x");
        DeadLetter gone = file("acme/api", "refs/heads/main", "a.json", "not found at " + A);
        DeadLetter tooLarge = file("acme/api", "refs/heads/main", "big.bin",
                "GitHub API 413: file is over the cap of 100 bytes");
        DeadLetter noRequest = new DeadLetter("fetch", "acme/api@" + A, "file fetch failed: timed out", "not json");

        RedrivePlan plan = RedrivePlan.of(List.of(malformed, unparsable, gone, tooLarge, noRequest), Selection.all());

        assertThat(plan.rescans()).isEmpty();
        assertThat(plan.notRetried()).extracting(RedrivePlan.NotRetried::deadLetter)
                .containsExactly(malformed, unparsable, gone, tooLarge, noRequest);
        assertThat(plan.notRetried()).extracting(RedrivePlan.NotRetried::why).containsExactly(
                "a ingest dead letter: the input itself is at fault, a re-send fails the same way",
                "a parse dead letter: the input itself is at fault, a re-send fails the same way",
                "GitHub no longer has it", "GitHub answered 413, which a retry does not change",
                "carries no repository and ref to scan again: not json");
    }

    @Test
    void aTagIsRescannedAtTheCommitItNamed() throws Exception {
        RedrivePlan plan = RedrivePlan.of(List.of(listing("acme/api", "refs/tags/v1", "GitHub API 503: x")),
                Selection.all());

        assertThat(plan.rescans()).containsExactly(new Rescan("acme/api", "refs/tags/v1", B));
    }

    @Test
    void theSelectionTakesStagesAndAReasonText() throws Exception {
        List<DeadLetter> deadLetters = List.of(
                file("acme/api", "refs/heads/main", "a", "GitHub API 502: Bad Gateway"),
                file("acme/web", "refs/heads/main", "b", "timed out"),
                new DeadLetter("ingest", "line 1", "malformed JSON: x", "{"));

        RedrivePlan plan = RedrivePlan.of(deadLetters, new Selection(Set.of("fetch"), "bad gateway"));

        assertThat(plan.rescans()).containsExactly(new Rescan("acme/api", "refs/heads/main", null));
        assertThat(plan.selected()).isEqualTo(1);
        assertThat(plan.skipped()).isEqualTo(2);
    }

    @Test
    void aRescanLineIsReadByTheIngestAsARescanOfTheRef() {
        PushEvent head = PushEventParser.parse(new Rescan("acme/api", "refs/heads/main", null).line()).event();
        PushEvent tag = PushEventParser.parse(new Rescan("acme/api", "refs/tags/v1", B).line()).event();

        assertThat(head.origin()).isEqualTo(PushOrigin.RESCAN);
        assertThat(head.repo()).isEqualTo("acme/api");
        assertThat(head.ref()).isEqualTo("refs/heads/main");
        assertThat(head.after()).isNull();
        assertThat(tag.after()).isEqualTo(B);
    }

    /** A file fetch's dead letter as the fetch stage writes it: its file reference as JSON. */
    private static DeadLetter file(String repo, String ref, String path, String reason) throws Exception {
        FileRef file = new FileRef(repo, ref, A, path, Trigger.PUSH, 3, 10, null, 100);
        return new DeadLetter("fetch", repo + "@" + A + ":" + path, "file fetch failed: " + reason,
                JSON.writeValueAsString(file));
    }

    /** A listing's dead letter as the fetch stage writes it: its scan request as JSON. */
    private static DeadLetter listing(String repo, String ref, String reason) throws Exception {
        ScanRequest request = new ScanRequest("e1", repo, ref, A, B, ScanMode.TREE, Trigger.PUSH, 2, List.of(),
                List.of());
        return new DeadLetter("fetch", repo + "@" + B, reason, JSON.writeValueAsString(request));
    }
}
