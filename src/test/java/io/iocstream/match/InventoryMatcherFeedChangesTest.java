package io.iocstream.match;

import static io.iocstream.match.MatcherHarness.harness;
import static io.iocstream.match.MatcherHarness.loaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.changes.Trigger;
import io.iocstream.feeds.FeedDirectory;
import io.iocstream.feeds.FeedFile;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.Indicator;
import io.iocstream.feeds.IocEntry;
import io.iocstream.feeds.OsvFeedReader;
import io.iocstream.fetch.FileOp;
import io.iocstream.parse.Dependency;
import io.iocstream.parse.FileFacts;
import io.iocstream.parse.InventoryUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The matcher when feeds change under open findings: several feeds naming one package, a feed file read again in
 * many batches, mirrored entries, and the facts of files that are only listed or fail to parse.
 */
class InventoryMatcherFeedChangesTest {

    /** A finding opened for one feed and named by a second stays open while either names it, and no longer. */
    @Test
    void aFindingStaysOpenWhileAnyFeedNamesItAndResolvesWhenNoneDoes() throws Exception {
        IocEntry a = IocEntry.ofVersions("a.csv:2", "npm", "evil", Set.of("1.0.0"), "critical", "a.csv");
        IocEntry b = IocEntry.ofVersions("b.txt:1", "npm", "evil", Set.of("1.0.0"), "critical", "b.txt");
        try (var h = loaded(a)) {
            h.processElement1(content(1, "package-lock.json", dep("evil", "1.0.0")), 0);
            h.processElement2(FeedUpdate.entry(b), 0);
            h.processElement2(new FeedUpdate(FeedUpdate.Type.ENTRIES, List.of(), List.of(), "a.csv", true, null), 0);
            h.processElement2(new FeedUpdate(FeedUpdate.Type.ENTRIES, List.of(), List.of(), "b.txt", true, null), 0);
            assertThat(h.<Finding>extractOutputValues()).extracting(Finding::status)
                    .containsExactly("open", "resolved");
        }
    }

    /** A feed file read again in several batches is judged whole: its later batches' findings do not flap. */
    @Test
    void reReadingALargeUnchangedFeedFileChangesNoFinding() throws Exception {
        List<IocEntry> list = new ArrayList<>();
        for (int i = 1; i <= FeedUpdate.MAX_BATCH + 1; i++) {
            list.add(IocEntry.ofVersions("big.txt:" + i, "npm", "pkg" + i, Set.of("1.0.0"), "critical", "big.txt"));
        }
        FeedDirectory.Result read = new FeedDirectory.Result(list, List.of(), List.of());
        try (var h = harness()) {
            for (FeedUpdate u : FeedUpdate.of(read, false, null)) {
                h.processElement2(u, 0);
            }
            h.processElement2(FeedUpdate.initialLoadDone(), 0);
            h.processElement1(content(1, "package-lock.json", dep("pkg" + (FeedUpdate.MAX_BATCH + 1), "1.0.0")), 0);
            // the same file read again (touched and rewritten with the same lines plus a comment, say)
            for (FeedUpdate u : FeedUpdate.of(read, false, "big.txt")) {
                h.processElement2(u, 0);
            }
            assertThat(h.<Finding>extractOutputValues()).extracting(Finding::status, Finding::trigger)
                    .containsExactly(tuple("open", "push"));
        }
    }

    /** Two affected[] items of one OSV entry for the same package both match. */
    @Test
    void everyAffectedItemOfAnOsvEntryMatches() throws Exception {
        String json = """
                {"id":"MAL-1","affected":[
                  {"package":{"ecosystem":"npm","name":"evil"},"versions":["1.0.0"]},
                  {"package":{"ecosystem":"npm","name":"evil"},"versions":["2.0.0"]}]}""";
        IocIndex index = new IocIndex();
        OsvFeedReader.read(new ObjectMapper().readTree(json), new FeedFile("MAL-1.json", "MAL-1.json"))
                .packages().forEach(index::add);
        assertThat(index.matches(new Dependency("npm", "evil", "1.0.0"))).isNotEmpty();
        assertThat(index.matches(new Dependency("npm", "evil", "2.0.0"))).isNotEmpty();
    }

    /** The same OSV entry in two feed files (mirrors): deleting one keeps the finding the other still supports. */
    @Test
    void deletingOneOfTwoFilesWithTheSameEntryKeepsTheFinding() throws Exception {
        IocEntry inA = new IocEntry("MAL-1", "npm", "evil", Set.of("1.0.0"), false, false, "critical", "a/MAL-1.json");
        IocEntry inB = new IocEntry("MAL-1", "npm", "evil", Set.of("1.0.0"), false, false, "critical", "b/MAL-1.json");
        try (var h = loaded(inA, inB)) {
            h.processElement1(content(1, "package-lock.json", dep("evil", "1.0.0")), 0);
            h.processElement2(new FeedUpdate(FeedUpdate.Type.ENTRIES, List.of(), List.of(), "b/MAL-1.json", true, null), 0);
            assertThat(h.<Finding>extractOutputValues()).extracting(Finding::status).containsExactly("open");
        }
    }

    /** Records that waited for the initial load still have a stall timer watching their ref. */
    @Test
    void anIncompleteScanHeldBeforeTheFeedsLoadedIsStillAppliedAfterTheStallTimeout() throws Exception {
        IocEntry evil = IocEntry.ofVersions("l:1", "npm", "evil", Set.of("1.0.0"), "critical", "l");
        try (var h = harness()) {
            h.setProcessingTime(0);
            h.processElement2(FeedUpdate.entry(evil), 0);
            // scan 1 of the ref never comes; scan 2 arrives while the feeds still load
            h.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c2", "package-lock.json",
                    Trigger.PUSH, 2, 1, FileOp.CONTENT, facts(dep("evil", "1.0.0")), List.of()), 0);
            h.processElement2(FeedUpdate.initialLoadDone(), 0);
            assertThat(h.<Finding>extractOutputValues()).isEmpty();
            // the timer set while it waited starts the watch; a whole timeout later the ref moves past scan 1
            long timeout = InventoryMatcher.STALL_TIMEOUT.toMillis();
            h.setProcessingTime(timeout + 1);
            h.setProcessingTime(2 * timeout + 2);
            assertThat(h.<Finding>extractOutputValues()).hasSize(1);
        }
    }

    /** Feeds that take longer than the stall timeout to load do not leave a held ref without a watch. */
    @Test
    void anIncompleteScanHeldThroughASlowInitialLoadIsStillAppliedAfterTheStallTimeout() throws Exception {
        IocEntry evil = IocEntry.ofVersions("l:1", "npm", "evil", Set.of("1.0.0"), "critical", "l");
        long timeout = InventoryMatcher.STALL_TIMEOUT.toMillis();
        try (var h = harness()) {
            h.setProcessingTime(0);
            h.processElement2(FeedUpdate.entry(evil), 0);
            // scan 1 never comes; scans 2 and 3 arrive while the feeds load, which outlasts the timeout
            h.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c2", "package-lock.json",
                    Trigger.PUSH, 2, 1, FileOp.CONTENT, facts(dep("evil", "1.0.0")), List.of()), 0);
            h.setProcessingTime(timeout - 1);
            h.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c3", "yarn.lock",
                    Trigger.PUSH, 3, 1, FileOp.CONTENT, facts(dep("evil", "1.0.0")), List.of()), 0);
            h.setProcessingTime(timeout + 1);
            h.processElement2(FeedUpdate.initialLoadDone(), 0);
            assertThat(h.<Finding>extractOutputValues()).isEmpty();
            for (int step = 2; step <= 4; step++) {
                h.setProcessingTime(step * (timeout + 1));
            }
            assertThat(h.<Finding>extractOutputValues()).hasSize(2);
        }
    }

    /** However many of a ref's records wait for the initial load, one stall timer watches the ref. */
    @Test
    void recordsHeldBeforeTheFeedsLoadedShareOneStallTimer() throws Exception {
        try (var h = harness()) {
            for (int seq = 1; seq <= 3; seq++) {
                h.setProcessingTime(seq);
                h.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c" + seq, "package-lock.json",
                        Trigger.PUSH, seq, 1, FileOp.CONTENT, facts(dep("left-pad", "1.0.0")), List.of()), 0);
            }
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
        }
    }

    /** A file read on push (size unknown) and only listed by a later tree scan keeps its hash finding. */
    @Test
    void aLargeFileListedByABaselineKeepsItsHashFinding() throws Exception {
        Indicator hash = new Indicator("i.csv:2", Indicator.Kind.FILE_HASH, "ab", "critical", "", false, "i.csv");
        try (var h = loaded()) {
            h.processElement2(FeedUpdate.indicator(hash), 0);
            h.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c1", "dist/bundle.js",
                    Trigger.PUSH, 1, 1, FileOp.CONTENT, new FileFacts(List.of(), "ab", List.of(), List.of()),
                    List.of()), 0);
            // a baseline of the same tree (force-push, unknown before): the 3 MB file is only LISTED
            h.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c1", "dist/bundle.js",
                    Trigger.BASELINE, 2, 2, FileOp.LISTED, FileFacts.PATH_ONLY, List.of()), 0);
            h.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c1", "", Trigger.BASELINE, 2, 2,
                    FileOp.SNAPSHOT, null, List.of("dist/bundle.js")), 0);
            assertThat(h.<Finding>extractOutputValues()).extracting(Finding::status).containsExactly("open");
        }
    }

    /** A lockfile that stops parsing keeps its dependencies' findings and still has its hash matched. */
    @Test
    void aFileThatFailsToParseKeepsItsDependenciesAndGetsItsNewHashMatched() throws Exception {
        IocEntry evil = IocEntry.ofVersions("l:1", "npm", "evil", Set.of("1.0.0"), "critical", "l");
        Indicator hash = new Indicator("i.csv:2", Indicator.Kind.FILE_HASH, "cd", "critical", "", false, "i.csv");
        try (var h = loaded(evil)) {
            h.processElement2(FeedUpdate.indicator(hash), 0);
            h.processElement1(content(1, "package-lock.json", dep("evil", "1.0.0")), 0);
            h.processElement1(new InventoryUpdate("acme/app", "refs/heads/main", "c2", "package-lock.json",
                    Trigger.PUSH, 2, 1, FileOp.FAILED, new FileFacts(List.of(), "cd", List.of(), List.of()),
                    List.of()), 0);
            assertThat(h.<Finding>extractOutputValues()).extracting(Finding::status, Finding::kind)
                    .containsExactly(tuple("open", "package"), tuple("open", "file_hash"));
        }
    }

    private static Dependency dep(String name, String version) {
        return new Dependency("npm", name, version);
    }

    private static FileFacts facts(Dependency... deps) {
        return new FileFacts(List.of(deps), null, List.of(), List.of());
    }

    private static InventoryUpdate content(long seq, String path, Dependency... deps) {
        return new InventoryUpdate("acme/app", "refs/heads/main", "c" + seq, path, Trigger.PUSH, seq, 1,
                FileOp.CONTENT, facts(deps), List.of());
    }
}
