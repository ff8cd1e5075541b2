package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.changes.Trigger;
import io.iocstream.feeds.Indicator;
import io.iocstream.fetch.FileOp;
import io.iocstream.ingest.PushStamp;
import io.iocstream.parse.BranchKey;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A repository that a repository event creates or makes public, judged as a worm marker ({@code repository}
 * indicators): by its name, {@code owner/name} or description, case-insensitively; one finding on the repository's
 * own path of the branch the event named, that outlives tree snapshots, resolves with the ref or the indicator, and
 * is hunted for when an indicator arrives later (by the description the event gave).
 */
class RepositoryFindingTest {

    private static final BranchKey WORM = new BranchKey("acme/Shai-Hulud", "refs/heads/main");
    private static final PushStamp CREATED = new PushStamp(null, "victim", "2025-09-15T20:00:00Z", "created",
            "Shai-Hulud Migration");

    private final List<Finding> findings = new ArrayList<>();
    private final BranchInventory inventory = new BranchInventory(WORM, findings::add);
    private final Map<String, PathState> paths = new LinkedHashMap<>();

    @Test
    void theNameOwnerAndNameAndDescriptionEachHitCaseInsensitively() {
        IocIndex index = index(repository("R-1", "shai-hulud"), repository("R-2", "ACME/shai-hulud"),
                repository("R-3", "description:shai-hulud migration"), repository("R-4", "description:Shai-Hulud"),
                repository("R-5", "hulud"));

        assertThat(index.repositoryHits("acme/Shai-Hulud", "Shai-Hulud Migration"))
                .extracting(h -> h.kind().wire(), Hit::indicator, Hit::iocIds, Hit::line).containsExactly(
                        tuple("repository", "acme/shai-hulud", List.of("R-2"), 0),
                        tuple("repository", "shai-hulud", List.of("R-1"), 0),
                        tuple("repository", "description:shai-hulud migration", List.of("R-3"), 0));
        assertThat(index.repositoryHits("other/shai-hulud-tools", null)).isEmpty();
        assertThat(index.repositoryHits("acme/app", "  ")).isEmpty();
        // a repository indicator is no file name, ref or workflow value, and those kinds are no repository's
        assertThat(index.hits("shai-hulud", FileFacts.PATH_ONLY)).isEmpty();
        assertThat(index.refHits("refs/heads/shai-hulud")).isEmpty();
        IocIndex others = index(new Indicator("F-1", Indicator.Kind.FILE_NAME, "Shai-Hulud", "high", "", false,
                "i.csv"), new Indicator("REF-1", Indicator.Kind.REF, "Shai-Hulud", "high", "", false, "i.csv"));
        assertThat(others.repositoryHits("acme/Shai-Hulud", null)).isEmpty();
    }

    @Test
    void aRepositoryEventOpensOneFindingOnTheRepositorysPathWithoutCommitWhenItHasNone() {
        IocIndex index = index(repository("R-1", "Shai-Hulud"));
        paths.put(BranchInventory.REPOSITORY_PATH, inventory.repositoryChange(null, 1, Trigger.BASELINE, null,
                CREATED, index));
        inventory.repositoryChange("c2", 2, Trigger.BASELINE, paths.get(BranchInventory.REPOSITORY_PATH), CREATED,
                index);

        assertThat(findings).extracting(Finding::status, Finding::kind, Finding::path, Finding::ref,
                Finding::commit, Finding::indicator, Finding::trigger, Finding::sender, Finding::htmlUrl)
                .containsExactly(tuple("open", "repository", ".", "refs/heads/main", null, "shai-hulud", "baseline",
                        "victim", null));
    }

    @Test
    void aSnapshotKeepsItTheRefsDeletionResolvesItAndWithoutHitsTheEventIsStillKept() {
        IocIndex index = index(repository("R-1", "Shai-Hulud"));
        paths.put(BranchInventory.REPOSITORY_PATH, inventory.repositoryChange("c1", 1, Trigger.BASELINE, null,
                CREATED, index));

        paths.putAll(inventory.removeAbsent(update(2, FileOp.SNAPSHOT), paths.entrySet()));
        assertThat(findings).extracting(Finding::status).containsExactly("open");
        paths.putAll(inventory.removeAbsent(update(3, FileOp.REF_DELETED), paths.entrySet()));
        assertThat(findings).extracting(Finding::status, Finding::resolution)
                .containsExactly(tuple("open", null), tuple("resolved", "ref_deleted"));

        PathState quiet = new BranchInventory(new BranchKey("acme/app", "refs/heads/main"), findings::add)
                .repositoryChange("c1", 1, Trigger.BASELINE, null, CREATED, new IocIndex());
        assertThat(quiet.open()).isEmpty();
        assertThat(quiet.pushed().description()).isEqualTo("Shai-Hulud Migration");
    }

    @Test
    void aHuntFindsARepositoryByTheDescriptionItsEventGaveAndAWithdrawalResolvesIt() {
        BranchKey secondWave = new BranchKey("acme/x9y8z7", "refs/heads/main");
        BranchInventory branch = new BranchInventory(secondWave, findings::add);
        PushStamp created = new PushStamp("worm", "worm", "2025-11-24T08:00:00Z", "created",
                "Sha1-Hulud: The Second Coming.");
        paths.put(BranchInventory.REPOSITORY_PATH, branch.repositoryChange("c1", 1, Trigger.BASELINE, null, created,
                new IocIndex()));
        IocIndex fresh = index(repository("R-6", "description:Sha1-Hulud: The Second Coming."));

        paths.putAll(branch.retroHunt(paths.entrySet(), (path, state) ->
                BranchInventory.hitsOf(fresh, secondWave, path, state, DocumentationPolicy.SAME)));
        paths.putAll(branch.judgeOpenFindings(paths.entrySet(), (path, state) ->
                BranchInventory.hitsOf(new IocIndex(), secondWave, path, state, DocumentationPolicy.SAME)));

        assertThat(findings).extracting(Finding::status, Finding::trigger, Finding::indicator, Finding::pusher,
                Finding::resolution).containsExactly(
                        tuple("open", "retro_hunt", "description:sha1-hulud: the second coming.", "worm", null),
                        tuple("resolved", "retro_hunt", "description:sha1-hulud: the second coming.", "worm",
                                "ioc_withdrawn"));
    }

    private static Indicator repository(String id, String value) {
        return new Indicator(id, Indicator.Kind.REPOSITORY, value, "high", "", false, "iocs/repos.csv");
    }

    private static IocIndex index(Indicator... indicators) {
        IocIndex index = new IocIndex();
        for (Indicator indicator : indicators) {
            index.add(indicator);
        }
        return index;
    }

    private static InventoryUpdate update(long seq, FileOp op) {
        return new InventoryUpdate(WORM.repo(), WORM.ref(), "c" + seq, "", Trigger.PUSH, seq, 1, op,
                FileFacts.PATH_ONLY, List.of());
    }
}
