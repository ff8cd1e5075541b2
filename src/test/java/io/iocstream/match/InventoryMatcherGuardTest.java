package io.iocstream.match;

import static io.iocstream.match.MatcherHarness.harness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.changes.Trigger;
import io.iocstream.core.DeadLetter;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.IocEntry;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * What the matcher fails on, on either side, is a dead letter and the matcher goes on. A PyPI dependency or entry
 * without a name (which no parser or feed reader of ours makes) stands for any record the lookup fails on: the
 * index throws on it when it normalises the name.
 */
class InventoryMatcherGuardTest {

    private static final IocEntry CHALK = IocEntry.ofVersions("MAL-2025-46969", "npm", "chalk", Set.of("5.6.1"),
            "critical", "osv/chalk.json");
    private static final IocEntry LITELLM = IocEntry.ofVersions("MAL-2026-2144", "PyPI", "litellm",
            Set.of("1.82.7"), "critical", "osv/litellm.json");
    private static final Dependency NAMELESS = new Dependency("PyPI", null, "1.0");
    private static final String MAIN = "refs/heads/main";

    @Test
    void aRecordTheMatcherFailsOnIsADeadLetterAndItsScanStillCompletes() throws Exception {
        try (var harness = harness()) {
            harness.processElement2(FeedUpdate.entry(CHALK), 0);
            harness.processElement2(FeedUpdate.entry(LITELLM), 0);
            harness.processElement2(FeedUpdate.initialLoadDone(), 0);
            // scan 1 sends two records, the first of which the lookup fails on; scan 2 must not wait for it
            harness.processElement1(content("acme/app", MAIN, 1, 2, "requirements.txt", NAMELESS), 0);
            harness.processElement1(content("acme/app", MAIN, 1, 2, "package-lock.json", npm("chalk", "5.6.1")), 0);
            harness.processElement1(content("acme/app", MAIN, 2, 1, "requirements.txt",
                    new Dependency("PyPI", "litellm", "1.82.7")), 0);

            assertThat(deadLetters(harness)).singleElement().satisfies(dead -> {
                assertThat(dead.stage()).isEqualTo("match");
                assertThat(dead.origin()).isEqualTo("acme/app@c1:requirements.txt (refs/heads/main)");
                assertThat(dead.reason()).startsWith("failed with NullPointerException");
                assertThat(dead.raw()).startsWith("CONTENT FileFacts[");
            });
            assertThat(harness.extractOutputValues()).extracting(Finding::status, Finding::path, Finding::packageName)
                    .containsExactly(tuple("open", "package-lock.json", "chalk"),
                            tuple("open", "requirements.txt", "litellm"));
        }
    }

    @Test
    void aPathTheHuntFailsOnIsADeadLetterAndEveryOtherPathIsHunted() throws Exception {
        try (var harness = harness()) {
            harness.processElement2(FeedUpdate.entry(CHALK), 0);
            harness.processElement2(FeedUpdate.initialLoadDone(), 0);
            // no PyPI entry yet, so the nameless dependency is never looked up and stays in the inventory
            harness.processElement1(content("acme/app", MAIN, 1, 2, "a/requirements.txt", NAMELESS), 0);
            harness.processElement1(content("acme/app", MAIN, 1, 2, "b/requirements.txt",
                    new Dependency("PyPI", "litellm", "1.82.7")), 0);
            harness.processElement1(content("acme/lib", MAIN, 1, 1, "requirements.txt",
                    new Dependency("PyPI", "litellm", "1.82.7")), 0);

            harness.processElement2(FeedUpdate.entry(LITELLM), 0);

            assertThat(deadLetters(harness)).singleElement().satisfies(dead -> {
                assertThat(dead.stage()).isEqualTo("match");
                assertThat(dead.origin()).isEqualTo("acme/app@c1:a/requirements.txt (refs/heads/main)");
                assertThat(dead.reason()).startsWith("failed with NullPointerException");
            });
            assertThat(harness.extractOutputValues()).extracting(Finding::trigger, Finding::repo, Finding::path)
                    .containsExactlyInAnyOrder(tuple("retro_hunt", "acme/app", "b/requirements.txt"),
                            tuple("retro_hunt", "acme/lib", "requirements.txt"));
        }
    }

    @Test
    void theHuntOfLateFeedsGoesOnPastAPathItFailsOn() throws Exception {
        try (var harness = harness()) {
            harness.processElement2(FeedUpdate.entry(CHALK), 0);
            harness.processElement2(FeedUpdate.initialLoadDone(), 0);
            harness.processElement2(FeedUpdate.deferred(LITELLM), 0);
            harness.processElement1(content("acme/app", MAIN, 1, 2, "a/requirements.txt", NAMELESS), 0);
            harness.processElement1(content("acme/app", MAIN, 1, 2, "b/requirements.txt",
                    new Dependency("PyPI", "litellm", "1.82.7")), 0);

            harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

            assertThat(deadLetters(harness)).extracting(DeadLetter::origin)
                    .containsExactly("acme/app@c1:a/requirements.txt (refs/heads/main)");
            assertThat(harness.extractOutputValues()).extracting(Finding::trigger, Finding::path)
                    .containsExactly(tuple("retro_hunt", "b/requirements.txt"));
        }
    }

    @Test
    void aFeedUpdateTheMatcherFailsOnIsADeadLetterAndTheNextUpdateApplies() throws Exception {
        IocEntry nameless = IocEntry.ofVersions("constructed.txt:1", "PyPI", null, Set.of("1.0"), "critical",
                "constructed.txt");
        try (var harness = harness()) {
            harness.processElement2(FeedUpdate.entry(nameless), 0);
            harness.processElement2(FeedUpdate.entry(CHALK), 0);
            harness.processElement2(FeedUpdate.initialLoadDone(), 0);
            harness.processElement1(content("acme/app", MAIN, 1, 1, "package-lock.json", npm("chalk", "5.6.1")), 0);

            assertThat(deadLetters(harness)).singleElement().satisfies(dead -> {
                assertThat(dead.stage()).isEqualTo("match");
                assertThat(dead.origin()).isEqualTo("constructed.txt");
                assertThat(dead.reason()).startsWith("failed with NullPointerException");
                assertThat(dead.raw()).contains("constructed.txt:1");
            });
            assertThat(harness.extractOutputValues()).extracting(Finding::packageName).containsExactly("chalk");
        }
    }

    private static Dependency npm(String name, String version) {
        return new Dependency("npm", name, version);
    }

    private static InventoryUpdate content(String repo, String ref, long seq, int scanSize, String path,
            Dependency dependency) {
        return new InventoryUpdate(repo, ref, "c" + seq, path, seq == 1 ? Trigger.BASELINE : Trigger.PUSH, seq,
                scanSize, FileOp.CONTENT, new FileFacts(List.of(dependency), null, List.of(), List.of()), List.of());
    }

    private static List<DeadLetter> deadLetters(
            KeyedTwoInputStreamOperatorTestHarness<String, InventoryUpdate, FeedUpdate, Finding> harness) {
        return harness.getSideOutput(DeadLetter.TAG).stream().map(StreamRecord::getValue).toList();
    }
}
