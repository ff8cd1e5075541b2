package io.iocstream.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.ingest.PushCommit;
import io.iocstream.ingest.PushEvent;
import io.iocstream.ingest.PushEventParser;
import io.iocstream.ingest.PushOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kinds of push on real payloads; net changed and removed paths across the commits of one push. */
class ChangeExtractorTest {

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);

    @ParameterizedTest
    @CsvSource({
        "go-scm-push.json, ORDINARY",
        "go-scm-push_branch_create.json, BRANCH_CREATE",
        "go-scm-push_branch_delete.json, BRANCH_DELETE",
        "go-scm-push_tag.json, TAG",
        "go-scm-push_tag_delete.json, TAG",
        "octokit-with-new-branch.payload.json, BRANCH_CREATE",
        "octokit-payload.json, TAG",
    })
    void theKindOfARealPush(String payload, PushKind kind) throws Exception {
        PushEvent push = PushEventParser.parse(Files.readString(Path.of("src/test/resources/push", payload))).event();
        assertThat(ChangeExtractor.extract(push).kind()).isEqualTo(kind);
    }

    @Test
    void aRealPushListsItsModifiedFile() throws Exception {
        PushEvent push = PushEventParser.parse(Files.readString(Path.of("src/test/resources/push/go-scm-push.json")))
                .event();
        ChangeSet changes = ChangeExtractor.extract(push);
        assertThat(changes.changed()).containsExactly("README.md");
        assertThat(changes.removed()).isEmpty();
        assertThat(changes.complete()).isTrue();
    }

    @Test
    void aForcePushIsItsOwnKind() {
        assertThat(ChangeExtractor.extract(push(true, commit(List.of(), List.of(), List.of("a")))).kind())
                .isEqualTo(PushKind.FORCE_PUSH);
    }

    @Test
    void addedThenRemovedInOnePushIsOnlyRemoved() {
        ChangeSet changes = ChangeExtractor.extract(push(false,
                commit(List.of("package-lock.json", "src/a.js"), List.of(), List.of()),
                commit(List.of(), List.of("package-lock.json"), List.of())));
        assertThat(changes.changed()).containsExactly("src/a.js");
        assertThat(changes.removed()).containsExactly("package-lock.json");
    }

    @Test
    void removedThenAddedAgainIsChanged() {
        ChangeSet changes = ChangeExtractor.extract(push(false,
                commit(List.of(), List.of("yarn.lock"), List.of()),
                commit(List.of("yarn.lock"), List.of(), List.of())));
        assertThat(changes.changed()).containsExactly("yarn.lock");
        assertThat(changes.removed()).isEmpty();
    }

    @Test
    void modifiedThenRemovedIsRemovedAndPathsKeepFirstSeenOrder() {
        ChangeSet changes = ChangeExtractor.extract(push(false,
                commit(List.of(), List.of(), List.of("b", "a", "c")),
                commit(List.of(), List.of("a"), List.of("b"))));
        assertThat(changes.changed()).containsExactly("b", "c");
        assertThat(changes.removed()).containsExactly("a");
    }

    @Test
    void anEventsApiPushIsIncomplete() {
        PushEvent push = new PushEvent("1", PushOrigin.EVENTS_API, "o/r", "refs/heads/main", A, B, false, false,
                false, null);
        ChangeSet changes = ChangeExtractor.extract(push);
        assertThat(changes.complete()).isFalse();
        assertThat(changes.changed()).isEmpty();
    }

    @Test
    void aDeletedBranchChangesNoPaths() {
        PushEvent push = new PushEvent("1", PushOrigin.WEBHOOK, "o/r", "refs/heads/x", A, PushEvent.ZERO_SHA,
                false, true, false, List.of(commit(List.of("a"), List.of(), List.of())));
        assertThat(ChangeExtractor.extract(push).changed()).isEmpty();
        assertThat(ChangeExtractor.extract(push).kind()).isEqualTo(PushKind.BRANCH_DELETE);
    }

    @Test
    void aPushAtGitHubsCommitLimitIsIncomplete() {
        PushCommit[] commits = new PushCommit[ChangeExtractor.WEBHOOK_COMMIT_LIMIT];
        java.util.Arrays.fill(commits, commit(List.of("a"), List.of(), List.of()));
        assertThat(ChangeExtractor.extract(push(false, commits)).complete()).isFalse();
        assertThat(ChangeExtractor.extract(push(false, commit(List.of("a"), List.of(), List.of()))).complete())
                .isTrue();
    }

    private static PushCommit commit(List<String> added, List<String> removed, List<String> modified) {
        return new PushCommit("c", added, removed, modified);
    }

    private static PushEvent push(boolean forced, PushCommit... commits) {
        return new PushEvent("1", PushOrigin.WEBHOOK, "o/r", "refs/heads/main", A, B, false, false, forced,
                List.of(commits));
    }
}
