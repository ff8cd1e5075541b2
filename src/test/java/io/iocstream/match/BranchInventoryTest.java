package io.iocstream.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.changes.Trigger;
import io.iocstream.feeds.Advisory;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.fetch.FileOp;
import io.iocstream.ingest.PushStamp;
import io.iocstream.parse.BranchKey;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The inventory rules of one branch without Flink: a path's state goes in, its new state and the findings it opens
 * and resolves come out. The paths live in a map here, as keyed state holds them in the matcher.
 */
class BranchInventoryTest {

    private static final BranchKey MAIN = new BranchKey("acme/app", "refs/heads/main");
    private static final IocEntry CHALK = IocEntry.ofVersions("MAL-2025-46969", "npm", "chalk", Set.of("5.6.1"),
            "critical", "osv/chalk.json");
    private static final IocEntry DEBUG = IocEntry.ofVersions("MAL-2025-46974", "npm", "debug", Set.of("4.4.2"),
            "critical", "osv/debug.json");
    private static final String LOCK = "package-lock.json";

    private final List<Finding> findings = new ArrayList<>();
    private final BranchInventory inventory = new BranchInventory(MAIN, findings::add);
    private final Map<String, PathState> paths = new LinkedHashMap<>();

    @Test
    void aBadVersionOpensOneFindingAndItsPathKeepsItOpen() {
        IocIndex index = index(CHALK);
        change(content(1, Trigger.BASELINE, dep("chalk", "5.6.1"), dep("chalk-template", "1.1.0")), index);
        change(content(2, Trigger.PUSH, dep("chalk", "5.6.1")), index);

        assertThat(findings).extracting(Finding::status, Finding::trigger, Finding::commit, Finding::packageName,
                Finding::severity).containsExactly(tuple("open", "baseline", "c1", "chalk", "critical"));
        assertThat(paths.get(LOCK).open()).hasSize(1).containsKey(findings.get(0).findingId());
        assertThat(paths.get(LOCK).seq()).isEqualTo(2);
    }

    @Test
    void aPushWithoutTheBadVersionResolvesItsFinding() {
        IocIndex index = index(CHALK);
        change(content(1, Trigger.BASELINE, dep("chalk", "5.6.1")), index);
        change(content(2, Trigger.PUSH, dep("chalk", "5.6.2")), index);

        assertThat(findings).extracting(Finding::status, Finding::trigger, Finding::commit)
                .containsExactly(tuple("open", "baseline", "c1"), tuple("resolved", "push", "c2"));
        assertThat(findings.get(1).findingId()).isEqualTo(findings.get(0).findingId());
        assertThat(paths.get(LOCK).open()).isEmpty();
    }

    @Test
    void aDeletedFileResolvesAndStaysAsATombstoneThatAnOlderChangeCannotRevive() {
        IocIndex index = index(CHALK);
        change(content(1, Trigger.BASELINE, dep("chalk", "5.6.1")), index);
        change(update(3, LOCK, FileOp.REMOVED, null, List.of()), index);

        assertThat(findings).extracting(Finding::status, Finding::commit)
                .containsExactly(tuple("open", "c1"), tuple("resolved", "c3"));
        assertThat(paths.get(LOCK).present()).isFalse();
        assertThat(inventory.change(content(2, Trigger.PUSH, dep("chalk", "5.6.1")), paths.get(LOCK), index))
                .as("a change older than the removal").isNull();
        assertThat(findings).hasSize(2);
    }

    @Test
    void aDeletedRefResolvesEveryPathAndASnapshotThoseItLeavesOut() {
        IocIndex index = index(CHALK, DEBUG);
        change(content(1, "a/" + LOCK, Trigger.BASELINE, dep("chalk", "5.6.1")), index);
        change(content(1, "b/" + LOCK, Trigger.BASELINE, dep("debug", "4.4.2")), index);
        change(content(1, "c/" + LOCK, Trigger.BASELINE, dep("chalk", "5.6.1")), index);

        paths.putAll(inventory.removeAbsent(update(2, "", FileOp.SNAPSHOT, null, List.of("b/" + LOCK, "c/" + LOCK)),
                paths.entrySet()));
        assertThat(findings.subList(3, findings.size())).extracting(Finding::status, Finding::path, Finding::commit)
                .containsExactly(tuple("resolved", "a/" + LOCK, "c2"));

        paths.putAll(inventory.removeAbsent(update(3, "", FileOp.REF_DELETED, null, List.of()), paths.entrySet()));
        assertThat(findings.subList(4, findings.size())).extracting(Finding::status, Finding::path, Finding::commit)
                .containsExactlyInAnyOrder(tuple("resolved", "b/" + LOCK, "c3"), tuple("resolved", "c/" + LOCK, "c3"));
        assertThat(paths.values()).allSatisfy(state -> {
            assertThat(state.present()).isFalse();
            assertThat(state.open()).isEmpty();
        });
    }

    @Test
    void aWithdrawnEntryResolvesWhatNoOtherEntryStillSupports() {
        IocEntry debugElsewhere = IocEntry.ofVersions("list.txt:1", "npm", "debug", Set.of("4.4.2"), "high",
                "list.txt");
        change(content(1, Trigger.BASELINE, dep("chalk", "5.6.1"), dep("debug", "4.4.2")),
                index(CHALK, DEBUG, debugElsewhere));
        paths.put("README.md", new PathState(1, "c1", FileFacts.PATH_ONLY, Map.of()));

        // chalk and the osv debug entry were withdrawn: the list still names debug
        IocIndex after = index(debugElsewhere);
        paths.putAll(inventory.judgeOpenFindings(paths.entrySet(), lookUpIn(after)));

        assertThat(findings.subList(2, findings.size()))
                .extracting(Finding::status, Finding::trigger, Finding::packageName, Finding::commit)
                .containsExactly(tuple("resolved", "retro_hunt", "chalk", "c1"));
        assertThat(paths.get(LOCK).open().values()).extracting(hit -> hit.dependency().name())
                .containsExactly("debug");
    }

    @Test
    void aRetroHuntOpensNewHitsAtTheCommitTheFileWasReadAtAndSkipsTombstonesAndOpenOnes() {
        Indicator bundle = new Indicator("iocs.csv:3", Indicator.Kind.FILE_NAME, "bundle.js", "critical", "", false,
                "iocs.csv");
        IocIndex index = index(CHALK);
        change(content(1, Trigger.BASELINE, dep("chalk", "5.6.1"), dep("debug", "4.4.2")), index);
        change(update(2, "dist/bundle.js", FileOp.LISTED, FileFacts.PATH_ONLY, List.of()), index);
        change(update(3, "old/bundle.js", FileOp.LISTED, FileFacts.PATH_ONLY, List.of()), index);
        change(update(4, "old/bundle.js", FileOp.REMOVED, null, List.of()), index);

        IocIndex fresh = index(CHALK, DEBUG);
        fresh.add(bundle);
        Map<String, PathState> changed = inventory.retroHunt(paths.entrySet(), lookUpIn(fresh));

        assertThat(findings.subList(1, findings.size()))
                .extracting(Finding::trigger, Finding::path, Finding::kind, Finding::commit, Finding::packageName)
                .containsExactlyInAnyOrder(tuple("retro_hunt", LOCK, "package", "c1", "debug"),
                        tuple("retro_hunt", "dist/bundle.js", "file_name", "c2", null));
        assertThat(changed).containsOnlyKeys(LOCK, "dist/bundle.js");
        assertThat(changed.get(LOCK).open()).hasSize(2);
        assertThat(changed.get(LOCK).seq()).isEqualTo(1);
    }

    @Test
    void aPathTheLookupFailsOnKeepsItsStateAndTheOthersAreHunted() {
        change(content(1, "a/" + LOCK, Trigger.BASELINE, dep("debug", "4.4.2")), null);
        change(content(1, "b/" + LOCK, Trigger.BASELINE, dep("debug", "4.4.2")), null);

        IocIndex fresh = index(DEBUG);
        Map<String, PathState> changed = inventory.retroHunt(paths.entrySet(),
                (path, state) -> path.startsWith("a/") ? null : BranchInventory.hitsOf(fresh, path, state.facts()));

        assertThat(findings).extracting(Finding::path).containsExactly("b/" + LOCK);
        assertThat(changed).containsOnlyKeys("b/" + LOCK);
    }

    /** A skipped entry may be the one that held the bad version: the file keeps its findings until read whole. */
    @Test
    void aFileReadInPartKeepsItsFindingsUntilAPushReadsItWhole() {
        IocIndex index = index(CHALK, DEBUG);
        change(content(1, Trigger.BASELINE, dep("chalk", "5.6.1")), index);
        change(update(2, LOCK, FileOp.CONTENT, new FileFacts(List.of(dep("debug", "4.4.2")), null, List.of(),
                List.of(), 1), List.of()), index);

        assertThat(findings).extracting(Finding::status, Finding::packageName)
                .containsExactly(tuple("open", "chalk"), tuple("open", "debug"));
        assertThat(paths.get(LOCK).facts().dependencies()).containsExactly(dep("debug", "4.4.2"),
                dep("chalk", "5.6.1"));

        change(content(3, Trigger.PUSH, dep("chalk", "5.6.2")), index);
        assertThat(findings.subList(2, findings.size())).extracting(Finding::status, Finding::packageName)
                .containsExactlyInAnyOrder(tuple("resolved", "chalk"), tuple("resolved", "debug"));
    }

    @Test
    void aFileThatFailsToParseKeepsItsDependenciesAndAFailedFetchLeavesThePathAsItWas() {
        IocIndex index = index(CHALK);
        change(content(1, Trigger.BASELINE, dep("chalk", "5.6.1")), index);
        change(update(2, LOCK, FileOp.FAILED, new FileFacts(List.of(), "ab", List.of(), List.of()), List.of()),
                index);
        assertThat(inventory.change(update(3, LOCK, FileOp.FAILED, null, List.of()), paths.get(LOCK), index))
                .isNull();

        assertThat(findings).extracting(Finding::status).containsExactly("open");
        assertThat(paths.get(LOCK).facts().dependencies()).containsExactly(dep("chalk", "5.6.1"));
        assertThat(paths.get(LOCK).facts().sha256()).isEqualTo("ab");
    }

    @Test
    void aFindingSaysWhoPushedWhenWhereAndWhatTheFeedSaysOfIt() {
        IocEntry chalk = new IocEntry("MAL-2025-46969", "npm", "chalk", Set.of("5.6.1"), false, List.of(), false,
                "critical", "osv/chalk.json", new Advisory("Malicious code in chalk (npm)",
                        List.of("GHSA-2v46-p5h4-248w"), List.of("https://example.com/advisory")));
        IocIndex index = index(chalk);
        PushStamp alice = new PushStamp("alice", "alice-bot", "2025-09-08T13:16:00Z");
        Dependency placed = dep("chalk", "5.6.1").atLine(12).as(Dependency.RUNTIME, Dependency.DIRECT);
        change(pushed(content(1, Trigger.PUSH, placed), alice), index);
        change(pushed(update(2, LOCK, FileOp.REMOVED, null, List.of()), new PushStamp("bob", "bob", null)), index);

        Finding open = findings.get(0);
        assertThat(open).extracting(Finding::pusher, Finding::sender, Finding::pushedAt, Finding::line,
                Finding::summary, Finding::aliases, Finding::references, Finding::feed, Finding::scope,
                Finding::relationship).containsExactly("alice", "alice-bot", "2025-09-08T13:16:00Z", 12,
                "Malicious code in chalk (npm)", List.of("GHSA-2v46-p5h4-248w"), List.of("https://example.com/advisory"),
                "osv/chalk.json", "runtime", "direct");
        assertThat(open.htmlUrl()).isEqualTo("https://github.com/acme/app/blob/c1/package-lock.json#L12");
        // the push that removed the file resolves it, and the link is to the file as it was last read
        Finding resolved = findings.get(1);
        assertThat(resolved).extracting(Finding::status, Finding::commit, Finding::pusher, Finding::htmlUrl)
                .containsExactly("resolved", "c2", "bob", "https://github.com/acme/app/blob/c1/package-lock.json#L12");
    }

    @Test
    void aRetroHuntReportsThePushThatBroughtTheFileIn() {
        PushStamp alice = new PushStamp("alice", "alice", "2025-09-08T13:16:00Z");
        change(pushed(content(1, Trigger.PUSH, dep("chalk", "5.6.1")), alice), index());
        change(pushed(update(2, "README.md", FileOp.CONTENT, FileFacts.PATH_ONLY, List.of()), PushStamp.NONE),
                index());

        inventory.retroHunt(paths.entrySet(), lookUpIn(index(CHALK)));

        assertThat(findings).extracting(Finding::trigger, Finding::pusher, Finding::pushedAt)
                .containsExactly(tuple("retro_hunt", "alice", "2025-09-08T13:16:00Z"));
    }

    @Test
    void aRescanOfTheSameFileKeepsWhoBroughtItIn() {
        PushStamp alice = new PushStamp("alice", "alice", "2025-09-08T13:16:00Z");
        PushStamp forcePusher = new PushStamp("mallory", "mallory", "2025-09-09T08:00:00Z");
        FileFacts same = new FileFacts(List.of(dep("chalk", "5.6.1")), "ab".repeat(32), List.of(), List.of());
        change(pushed(update(1, LOCK, FileOp.CONTENT, same, List.of()), alice), index());
        change(pushed(update(2, LOCK, FileOp.CONTENT, same, List.of()), forcePusher), index());
        change(pushed(update(3, LOCK, FileOp.LISTED, FileFacts.PATH_ONLY, List.of()), PushStamp.NONE), index());
        assertThat(paths.get(LOCK).pushed()).isEqualTo(alice);

        FileFacts changed = new FileFacts(List.of(dep("chalk", "5.6.1")), "cd".repeat(32), List.of(), List.of());
        change(pushed(update(4, LOCK, FileOp.CONTENT, changed, List.of()), forcePusher), index());
        assertThat(paths.get(LOCK).pushed()).isEqualTo(forcePusher);
    }

    @Test
    void findingsLinkToTheConfiguredWebSite() {
        BranchInventory enterprise = new BranchInventory(MAIN, findings::add,
                new io.iocstream.github.WebLinks("https://ghe.example.com"));
        enterprise.change(content(1, Trigger.BASELINE, dep("chalk", "5.6.1")), null, index(CHALK));
        assertThat(findings).extracting(Finding::htmlUrl, Finding::line, Finding::pusher)
                .containsExactly(tuple("https://ghe.example.com/acme/app/blob/c1/package-lock.json", null, null));
    }

    private static InventoryUpdate pushed(InventoryUpdate u, PushStamp stamp) {
        return new InventoryUpdate(u.repo(), u.ref(), u.commit(), u.path(), u.trigger(), u.seq(), u.scanSize(), u.op(),
                u.facts(), u.presentPaths(), stamp);
    }

    /** Applies a file record as the matcher does: the rule gives the new state, which is written back. */
    private void change(InventoryUpdate update, IocIndex index) {
        PathState after = inventory.change(update, paths.get(update.path()), index);
        if (after != null) {
            paths.put(update.path(), after);
        }
    }

    private static BranchInventory.Lookup lookUpIn(IocIndex index) {
        return (path, state) -> BranchInventory.hitsOf(index, path, state.facts());
    }

    private static IocIndex index(IocEntry... entries) {
        IocIndex index = new IocIndex();
        for (IocEntry entry : entries) {
            index.add(entry);
        }
        return index;
    }

    private static Dependency dep(String name, String version) {
        return new Dependency("npm", name, version);
    }

    private static InventoryUpdate content(long seq, Trigger trigger, Dependency... deps) {
        return content(seq, LOCK, trigger, deps);
    }

    private static InventoryUpdate content(long seq, String path, Trigger trigger, Dependency... deps) {
        return new InventoryUpdate(MAIN.repo(), MAIN.ref(), "c" + seq, path, trigger, seq, 1, FileOp.CONTENT,
                new FileFacts(List.of(deps), null, List.of(), List.of()), List.of());
    }

    private static InventoryUpdate update(long seq, String path, FileOp op, FileFacts facts, List<String> present) {
        return new InventoryUpdate(MAIN.repo(), MAIN.ref(), "c" + seq, path, Trigger.PUSH, seq, 1, op, facts,
                present);
    }
}
