package io.iocstream.match;

import static io.iocstream.match.MatcherHarness.harness;
import static io.iocstream.match.MatcherHarness.loaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.changes.Trigger;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The matcher's lifecycle on one branch: open, no duplicates, resolve, retro hunt, restore from a snapshot. */
class InventoryMatcherTest {

    private static final IocEntry CHALK = new IocEntry("MAL-2025-46969", "npm", "chalk", Set.of("5.6.1"), false,
            false, "critical", "osv/chalk.json");
    private static final IocEntry DEBUG = new IocEntry("MAL-2025-46974", "npm", "debug", Set.of("4.4.2"), false,
            false, "critical", "osv/debug.json");

    @Test
    void pushesWaitUntilTheInitialFeedsAreLoaded() throws Exception {
        try (var harness = harness(null)) {
            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            assertThat(findings(harness)).isEmpty();

            harness.processElement2(FeedUpdate.entry(CHALK), 0);
            harness.processElement2(FeedUpdate.initialLoadDone(), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::trigger, Finding::packageName)
                    .containsExactly(tuple("open", "baseline", "chalk"));
        }
    }

    @Test
    void opensOnceResolvesWhenTheVersionChangesAndNeverMatchesNeighbours() throws Exception {
        try (var harness = loaded(CHALK, DEBUG)) {
            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE,
                    dep("chalk", "5.6.1"), dep("chalk", "5.6.0"), dep("chalk-template", "1.1.0")), 0);
            harness.processElement1(content(2, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(3, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.2")), 0);

            List<Finding> out = findings(harness);
            assertThat(out).extracting(Finding::status, Finding::trigger, Finding::commit)
                    .containsExactly(tuple("open", "baseline", "c1"), tuple("resolved", "push", "c3"));
            assertThat(out.get(0).findingId()).isEqualTo(out.get(1).findingId());
        }
    }

    @Test
    void aRemovedFileASnapshotWithoutItAndADeletedRefAllResolve() throws Exception {
        try (var harness = loaded(CHALK, DEBUG)) {
            harness.processElement1(content(1, 3, "a/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(1, 3, "b/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(1, 3, "c/package-lock.json", Trigger.BASELINE, dep("debug", "4.4.2")), 0);
            harness.processElement1(update(2, "a/package-lock.json", FileOp.REMOVED, List.of()), 0);
            harness.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c3", "", Trigger.PUSH, 3, 1,
                    FileOp.SNAPSHOT, null, List.of("c/package-lock.json")), 0);
            harness.processElement1(update(4, "", FileOp.REF_DELETED, List.of()), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::path, Finding::commit)
                    .containsExactly(
                            tuple("open", "a/package-lock.json", "c1"),
                            tuple("open", "b/package-lock.json", "c1"),
                            tuple("open", "c/package-lock.json", "c1"),
                            tuple("resolved", "a/package-lock.json", "c2"),
                            tuple("resolved", "b/package-lock.json", "c3"),
                            tuple("resolved", "c/package-lock.json", "c4"));
        }
    }

    @Test
    void aLaterScanThatOvertakesAnEarlierOneWaitsForIt() throws Exception {
        try (var harness = loaded(CHALK, DEBUG)) {
            harness.processElement1(content(2, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.2")), 0);
            assertThat(findings(harness)).isEmpty();

            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);

            // the bad version came and went: both events are reported, in order
            assertThat(findings(harness)).extracting(Finding::status, Finding::commit)
                    .containsExactly(tuple("open", "c1"), tuple("resolved", "c2"));
        }
    }

    @Test
    void aRefDeletionThatOvertakesTheBaselineStillResolvesIt() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement1(update(2, "", FileOp.REF_DELETED, List.of()), 0);
            harness.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c1", "", Trigger.BASELINE, 1,
                    2, FileOp.SNAPSHOT, null, List.of("package-lock.json")), 0);
            assertThat(findings(harness)).isEmpty();

            harness.processElement1(content(1, 2, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);

            assertThat(findings(harness)).extracting(Finding::status).containsExactly("open", "resolved");
        }
    }

    @Test
    void aFailedFileCompletesItsScanAndLeavesThePathAsItWas() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(3, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.2")), 0);
            harness.processElement1(update(2, "package-lock.json", FileOp.FAILED, List.of()), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::commit)
                    .containsExactly(tuple("open", "c1"), tuple("resolved", "c3"));
        }
    }

    /**
     * A skipped entry may be the one that held the bad version: a file read in part keeps its findings (and what
     * it said before) until a push reads it whole, while what it says now still opens findings.
     */
    @Test
    void aFileReadInPartKeepsItsFindingsUntilAPushReadsItWhole() throws Exception {
        try (var harness = loaded(CHALK, DEBUG)) {
            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(update(2, 1, "package-lock.json", FileOp.CONTENT,
                    new FileFacts(List.of(dep("debug", "4.4.2")), null, List.of(), List.of(), 1)), 0);
            harness.processElement1(content(3, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.2")), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::packageName, Finding::commit)
                    .containsExactlyInAnyOrder(tuple("open", "chalk", "c1"), tuple("open", "debug", "c2"),
                            tuple("resolved", "chalk", "c3"), tuple("resolved", "debug", "c3"));
        }
    }

    @Test
    void aScanMissingARecordIsAppliedAfterTheStallTimeout() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.setProcessingTime(0);
            // scan 1 announced two records; only one ever arrives: it is applied, and scan 2 waits behind it
            harness.processElement1(content(1, 2, "a/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(2, "b/package-lock.json", Trigger.PUSH, dep("chalk", "5.6.1")), 0);
            assertThat(findings(harness)).extracting(Finding::path).containsExactly("a/package-lock.json");

            harness.setProcessingTime(InventoryMatcher.STALL_TIMEOUT.toMillis() + 1);

            assertThat(findings(harness)).extracting(Finding::path)
                    .containsExactly("a/package-lock.json", "b/package-lock.json");
        }
    }

    @Test
    void theEndOfTheInputAppliesWhatIsStillHeld() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement1(content(1, 2, "a/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
            assertThat(findings(harness)).hasSize(1);
        }
    }

    @Test
    void aNewIocEntryIsHuntedInEveryInventoryAlreadyInState() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE, dep("debug", "4.4.2")), 0);
            harness.processElement1(new InventoryUpdate("acme/other", "refs/heads/dev", "d1", "x/package-lock.json",
                    Trigger.PUSH, 1, 1, FileOp.CONTENT, facts(dep("debug", "4.4.2")), List.of()), 0);
            assertThat(findings(harness)).isEmpty();

            harness.processElement2(FeedUpdate.entry(DEBUG), 0);

            assertThat(findings(harness)).extracting(Finding::trigger, Finding::repo, Finding::ref, Finding::path)
                    .containsExactlyInAnyOrder(
                            tuple("retro_hunt", "acme/app", "refs/heads/main", "package-lock.json"),
                            tuple("retro_hunt", "acme/other", "refs/heads/dev", "x/package-lock.json"));
        }
    }

    @Test
    void deferredEntriesAreHuntedWhenTheInputEnds() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement2(FeedUpdate.deferred(DEBUG), 0);
            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE, dep("debug", "4.4.2")), 0);
            assertThat(findings(harness)).isEmpty();

            harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));

            assertThat(findings(harness)).extracting(Finding::status, Finding::trigger)
                    .containsExactly(tuple("open", "retro_hunt"));
        }
    }

    @Test
    void aDeferredWithdrawalResolvesItsFindingsWhenTheInputEnds() throws Exception {
        IocEntry chalkWithdrawn = new IocEntry(CHALK.id(), "npm", "chalk", Set.of("5.6.1"), false, true, "critical",
                "osv/chalk.json");
        Indicator webhook = new Indicator("iocs.csv:2", Indicator.Kind.DOMAIN, "webhook.site", "high", "", false,
                "iocs.csv");
        try (var harness = loaded(CHALK, DEBUG)) {
            harness.processElement2(FeedUpdate.indicator(webhook), 0);
            harness.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c1", "package-lock.json",
                    Trigger.BASELINE, 1, 1, FileOp.CONTENT, new FileFacts(List.of(dep("chalk", "5.6.1"),
                    dep("debug", "4.4.2")), "ab", List.of("webhook.site"), List.of()), List.of()), 0);
            harness.processElement2(FeedUpdate.deferred(chalkWithdrawn), 0);
            harness.processElement2(FeedUpdate.deferredIndicator(new Indicator(webhook.id(), webhook.kind(),
                    webhook.value(), "high", "", true, "iocs.csv")), 0);
            // deferred: nothing changes while the input runs
            assertThat(findings(harness)).extracting(Finding::status).containsExactly("open", "open", "open");

            harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));

            assertThat(findings(harness).subList(3, findings(harness).size()))
                    .extracting(Finding::status, Finding::trigger, Finding::indicator, Finding::packageName)
                    .containsExactlyInAnyOrder(tuple("resolved", "retro_hunt", null, "chalk"),
                            tuple("resolved", "retro_hunt", "webhook.site", null));
        }
    }

    @Test
    void openFindingsSurviveASnapshotAndResolveAfterRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = loaded(CHALK, DEBUG)) {
            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness(snapshot)) {
            restored.processElement1(content(2, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.1")), 0);
            restored.processElement1(content(3, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.2")), 0);
            assertThat(findings(restored)).extracting(Finding::status).containsExactly("resolved");
        }
    }

    @Test
    void indicatorsOpenOnContentAndNewOnesAreHuntedInFilesSeenBefore() throws Exception {
        Indicator webhook = new Indicator("iocs.csv:2", Indicator.Kind.DOMAIN, "webhook.site", "high", "", false,
                "iocs.csv");
        Indicator bundle = new Indicator("iocs.csv:3", Indicator.Kind.FILE_NAME, "bundle.js", "critical", "", false,
                "iocs.csv");
        try (var harness = loaded(CHALK)) {
            harness.processElement2(FeedUpdate.indicator(webhook), 0);
            harness.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c1", "scripts/post.sh",
                    Trigger.PUSH, 1, 2, FileOp.CONTENT,
                    new FileFacts(List.of(), "ab", List.of("hooks.webhook.site"), List.of()), List.of()), 0);
            harness.processElement1(update(1, 2, "dist/bundle.js", FileOp.LISTED, FileFacts.PATH_ONLY), 0);
            harness.processElement1(update(2, 2, "old/bundle.js", FileOp.LISTED, FileFacts.PATH_ONLY), 0);
            harness.processElement1(update(2, 2, "old/bundle.js", FileOp.REMOVED, null), 0);
            assertThat(findings(harness)).extracting(Finding::kind, Finding::indicator, Finding::trigger)
                    .containsExactly(tuple("domain", "webhook.site", "push"));

            harness.processElement2(FeedUpdate.indicator(bundle), 0);

            // the removed path is a tombstone: it must not be hunted
            assertThat(findings(harness)).extracting(Finding::kind, Finding::path, Finding::trigger, Finding::packageName)
                    .containsExactly(tuple("domain", "scripts/post.sh", "push", null),
                            tuple("file_name", "dist/bundle.js", "retro_hunt", null));
        }
    }

    @Test
    void aWithdrawnEntryResolvesWhatOnlyItRaised() throws Exception {
        IocEntry secondSource = IocEntry.ofVersions("ghsa:9", "npm", "debug", Set.of("4.4.2"), "high", "list.txt");
        IocEntry chalkWithdrawn = new IocEntry(CHALK.id(), "npm", "chalk", Set.of("5.6.1"), false, true, "critical",
                CHALK.feed());
        IocEntry debugWithdrawn = new IocEntry(DEBUG.id(), "npm", "debug", Set.of("4.4.2"), false, true, "critical",
                DEBUG.feed());
        try (var harness = loaded(CHALK, DEBUG, secondSource)) {
            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1"),
                    dep("debug", "4.4.2")), 0);

            harness.processElement2(FeedUpdate.entry(chalkWithdrawn), 0);
            harness.processElement2(FeedUpdate.entry(debugWithdrawn), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::packageName, Finding::trigger)
                    .containsExactly(tuple("open", "chalk", "baseline"), tuple("open", "debug", "baseline"),
                            tuple("resolved", "chalk", "retro_hunt"));
            // the index no longer knows chalk: a new push of it is clean
            harness.processElement1(content(2, "b/package-lock.json", Trigger.PUSH, dep("chalk", "5.6.1")), 0);
            assertThat(findings(harness)).hasSize(3);
        }
    }

    @Test
    void aFeedFileReadAgainReplacesWhatItSaidBefore() throws Exception {
        IocEntry chalkListed = IocEntry.ofVersions("list.txt:1", "npm", "chalk", Set.of("5.6.1"), "critical", "list.txt");
        IocEntry debugListed = IocEntry.ofVersions("list.txt:2", "npm", "debug", Set.of("4.4.2"), "critical", "list.txt");
        try (var harness = loaded(chalkListed, debugListed)) {
            harness.processElement1(content(1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1"),
                    dep("debug", "4.4.2")), 0);

            // the list lost its chalk line: debug moved up to line 1
            IocEntry debugMoved = IocEntry.ofVersions("list.txt:1", "npm", "debug", Set.of("4.4.2"), "critical",
                    "list.txt");
            harness.processElement2(new FeedUpdate(FeedUpdate.Type.ENTRIES, List.of(debugMoved), List.of(),
                    "list.txt", true, null), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::packageName, Finding::trigger)
                    .containsExactly(tuple("open", "chalk", "baseline"), tuple("open", "debug", "baseline"),
                            tuple("resolved", "chalk", "retro_hunt"));
        }
    }

    @Test
    void indicatorsAndTheirFindingsSurviveASnapshot() throws Exception {
        Indicator hash = new Indicator("iocs.csv:4", Indicator.Kind.FILE_HASH, "ab", "critical", "", false,
                "iocs.csv");
        OperatorSubtaskState snapshot;
        try (var harness = loaded()) {
            harness.processElement2(FeedUpdate.indicator(hash), 0);
            harness.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c1", "x.js",
                    Trigger.BASELINE, 1, 1, FileOp.CONTENT, new FileFacts(List.of(), "ab", List.of(), List.of()),
                    List.of()), 0);
            assertThat(findings(harness)).extracting(Finding::kind).containsExactly("file_hash");
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = harness(snapshot)) {
            restored.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c2", "x.js",
                    Trigger.PUSH, 2, 1, FileOp.CONTENT, new FileFacts(List.of(), "cd", List.of(), List.of()),
                    List.of()), 0);
            assertThat(findings(restored)).extracting(Finding::status, Finding::kind, Finding::indicator)
                    .containsExactly(tuple("resolved", "file_hash", "ab"));
        }
    }

    private static Dependency dep(String name, String version) {
        return new Dependency("npm", name, version);
    }

    private static InventoryUpdate content(long seq, String path, Trigger trigger, Dependency... deps) {
        return content(seq, 1, path, trigger, deps);
    }

    private static InventoryUpdate content(long seq, int scanSize, String path, Trigger trigger, Dependency... deps) {
        return new InventoryUpdate("acme/app", "refs/heads/main", "c" + seq, path, trigger, seq, scanSize,
                FileOp.CONTENT, facts(deps), List.of());
    }

    private static InventoryUpdate update(long seq, int scanSize, String path, FileOp op, FileFacts facts) {
        return new InventoryUpdate("acme/app", "refs/heads/main", "c" + seq, path, Trigger.PUSH, seq, scanSize, op,
                facts, List.of());
    }

    private static InventoryUpdate update(long seq, String path, FileOp op, List<String> present) {
        return new InventoryUpdate("acme/app", "refs/heads/main", "c" + seq, path, Trigger.PUSH, seq, 1, op,
                null, present);
    }

    private static FileFacts facts(Dependency... deps) {
        return new FileFacts(List.of(deps), null, List.of(), List.of());
    }

    private static List<Finding> findings(KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate,
            FeedUpdate, Finding> harness) {
        List<Finding> out = harness.extractOutputValues();
        return out;
    }
}
