package io.iocstream.match;

import static io.iocstream.match.MatcherHarness.loaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.changes.BranchLifetimes;
import io.iocstream.changes.Trigger;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.IocEntry;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * When a branch's keyed state goes away, and what its findings say then: each finding resolved carries why, a
 * deleted ref resolves its findings as {@code ref_deleted} and an expired one says them once more as open and
 * {@code expired}; then its state goes, all of it once {@link BranchLifetimes#ENDED_REF_MEMORY} has passed, timers
 * too. A ref created again continues after its end.
 */
class InventoryMatcherLifetimesTest {

    private static final IocEntry CHALK = new IocEntry("MAL-2025-46969", "npm", "chalk", Set.of("5.6.1"), false,
            false, "critical", "osv/chalk.json");
    private static final IocEntry DEBUG = new IocEntry("MAL-2025-46974", "npm", "debug", Set.of("4.4.2"), false,
            false, "critical", "osv/debug.json");
    private static final long MEMORY = BranchLifetimes.ENDED_REF_MEMORY.toMillis();

    @Test
    void eachResolutionSaysWhy() throws Exception {
        try (var harness = loaded(CHALK, DEBUG)) {
            harness.processElement1(content(1, 3, "a/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(1, 3, "b/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(1, 3, "c/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1"),
                    dep("debug", "4.4.2")), 0);
            harness.processElement1(content(2, 1, "a/package-lock.json", Trigger.PUSH, dep("chalk", "5.6.2")), 0);
            harness.processElement1(update(3, "b/package-lock.json", FileOp.REMOVED, List.of()), 0);
            harness.processElement1(update(4, "", FileOp.SNAPSHOT, List.of("c/package-lock.json")), 0);
            // the feed withdraws the chalk entry: not a fix
            harness.processElement2(FeedUpdate.entry(new IocEntry(CHALK.id(), "npm", "chalk", Set.of("5.6.1"), false,
                    true, "critical", "osv/chalk.json")), 0);

            assertThat(findings(harness)).filteredOn(f -> f.status().equals("resolved"))
                    .extracting(Finding::path, Finding::packageName, Finding::resolution)
                    .containsExactly(
                            tuple("a/package-lock.json", "chalk", "removed_by_push"),
                            tuple("b/package-lock.json", "chalk", "file_deleted"),
                            tuple("c/package-lock.json", "chalk", "ioc_withdrawn"));
            assertThat(findings(harness)).filteredOn(f -> f.status().equals("open"))
                    .extracting(Finding::resolution).containsOnlyNulls();
        }
    }

    @Test
    void aDeletedRefResolvesItsFindingsAsRefDeletedAndItsStateGoes() throws Exception {
        try (var harness = loaded(CHALK, DEBUG)) {
            int baseline = harness.numKeyedStateEntries();
            harness.processElement1(content(1, 2, "a/package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(1, 2, "b/package-lock.json", Trigger.BASELINE, dep("debug", "4.4.2")), 0);
            assertThat(harness.numKeyedStateEntries()).isGreaterThan(baseline);

            harness.processElement1(update(2, "", FileOp.REF_DELETED, List.of()), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::path, Finding::resolution)
                    .containsExactlyInAnyOrder(
                            tuple("open", "a/package-lock.json", null), tuple("open", "b/package-lock.json", null),
                            tuple("resolved", "a/package-lock.json", "ref_deleted"),
                            tuple("resolved", "b/package-lock.json", "ref_deleted"));
            // the inventory and its path list are gone; the scan number, the moment to clear it and the ref's state
            // layout (InventoryMatcher.LAYOUT, new with the path list) stay a while, as does the stall watch the
            // two-record scan started
            assertThat(harness.numKeyedStateEntries()).isEqualTo(baseline + 4);
            assertThat(harness.numEventTimeTimers()).isZero();

            harness.setProcessingTime(MEMORY);

            assertThat(harness.numKeyedStateEntries()).isEqualTo(baseline);
            assertThat(harness.numProcessingTimeTimers()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void anExpiredRefSaysItsOpenFindingsOnceMoreAsExpiredAndItsStateGoes() throws Exception {
        try (var harness = loaded(CHALK, DEBUG)) {
            int baseline = harness.numKeyedStateEntries();
            harness.processElement1(content(1, 1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1"),
                    dep("debug", "4.4.2")), 0);
            harness.processElement1(update(2, "", FileOp.REF_EXPIRED, List.of()), 0);

            List<Finding> out = findings(harness);
            assertThat(out).extracting(Finding::status, Finding::packageName, Finding::resolution)
                    .containsExactlyInAnyOrder(tuple("open", "chalk", null), tuple("open", "debug", null),
                            tuple("open", "chalk", "expired"), tuple("open", "debug", "expired"));
            assertThat(out).noneMatch(f -> f.status().equals("resolved"));

            harness.setProcessingTime(MEMORY);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(baseline);
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aRefCreatedAgainSoonIsAppliedAfterItsEndEvenWhenItOvertakesIt() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement1(content(1, 1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            // the new branch's baseline (scan 3, numbered on by the planner) arrives before the deletion (scan 2)
            harness.processElement1(content(3, 1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(update(2, "", FileOp.REF_DELETED, List.of()), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::commit, Finding::resolution)
                    .containsExactly(tuple("open", "c1", null), tuple("resolved", "c2", "ref_deleted"),
                            tuple("open", "c3", null));

            // the ref lives: its clear timer leaves it as it is
            harness.setProcessingTime(MEMORY);
            harness.processElement1(content(4, 1, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.2")), 0);
            assertThat(findings(harness)).last().extracting(Finding::status, Finding::commit)
                    .containsExactly("resolved", "c4");
        }
    }

    @Test
    void aRefCreatedAgainAfterThePlannerForgotItStartsAfresh() throws Exception {
        try (var harness = loaded(CHALK)) {
            harness.processElement1(content(1, 1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(2, 1, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.2")), 0);
            harness.processElement1(update(3, "", FileOp.REF_DELETED, List.of()), 0);
            // numbered from 1 again: not a straggler of the old ref's scan 1
            harness.processElement1(content(1, 1, "package-lock.json", Trigger.BASELINE, dep("chalk", "5.6.1")), 0);
            harness.processElement1(content(2, 1, "package-lock.json", Trigger.PUSH, dep("chalk", "5.6.2")), 0);

            assertThat(findings(harness)).extracting(Finding::status, Finding::commit)
                    .containsExactly(tuple("open", "c1"), tuple("resolved", "c2"), tuple("open", "c1"),
                            tuple("resolved", "c2"));
        }
    }

    private static Dependency dep(String name, String version) {
        return new Dependency("npm", name, version);
    }

    private static InventoryUpdate content(long seq, int scanSize, String path, Trigger trigger, Dependency... deps) {
        return new InventoryUpdate("acme/app", "refs/heads/feature", "c" + seq, path, trigger, seq, scanSize,
                FileOp.CONTENT, new FileFacts(List.of(deps), null, List.of(), List.of()), List.of());
    }

    private static InventoryUpdate update(long seq, String path, FileOp op, List<String> present) {
        return new InventoryUpdate("acme/app", "refs/heads/feature", "c" + seq, path, Trigger.PUSH, seq, 1, op, null,
                present);
    }

    private static List<Finding> findings(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness) {
        return harness.extractOutputValues();
    }
}
