package io.iocstream.fetch;

import static io.iocstream.github.sim.TestWorld.C1;
import static io.iocstream.github.sim.TestWorld.C2;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.ScanMode;
import io.iocstream.changes.ScanRequest;
import io.iocstream.changes.Trigger;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import io.iocstream.ingest.PushEvent;
import io.iocstream.parse.ParseFunction;
import io.iocstream.pipeline.IocStreamPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tree listings against the real simulator: a whole tree ends in a SNAPSHOT of its paths; a tree GitHub cut at
 * its cap is read as far as it goes but resolves nothing by absence, through REST and through the batched
 * listings (whose GraphQL cannot reach a folder seven levels down, so REST lists it).
 */
class ScanListingTest {

    /** Fewer entries than either tree has once the deep folder is in. */
    private static final int CAP = 5;

    @TempDir
    Path world;

    @BeforeEach
    void writeWorld() throws Exception {
        TestWorld.write(world);
        for (String commit : List.of(C1, C2)) {
            Path deep = world.resolve("repos/acme/widget/" + commit + "/a/b/c/d/e/f/g");
            Files.createDirectories(deep);
            Files.writeString(deep.resolve("deep.txt"), "deep\n");
        }
    }

    @Test
    void aWholeTreeEndsInASnapshotOfEveryPath() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null))) {
            ScanListing listing = ScanListing.of(client, request(ScanMode.TREE), IocStreamPipeline.IOC_FILES);

            assertThat(last(listing).op()).isEqualTo(FileOp.SNAPSHOT);
            assertThat(last(listing).presentPaths()).hasSize(listing.considered()).contains("a/b/c/d/e/f/g/deep.txt");
            assertWhole(listing);
        }
    }

    @Test
    void aTruncatedTreeReadsWhatItListsAndSendsNoSnapshot() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults().withTreeEntryCap(CAP), 0);
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null))) {
            ScanListing listing = ScanListing.of(client, request(ScanMode.TREE), IocStreamPipeline.IOC_FILES);

            assertThat(listing.considered()).isPositive().isLessThan(CAP);
            assertNoSnapshot(listing);
        }
    }

    @Test
    void theBatchedListingsCarryTheTruncationToTreesAndCompares() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults().withTreeEntryCap(CAP), 0)) {
            FetchService service = FetchService.acquire(FetchSettings.of(sim.baseUrl(), null, FetchStrategy.ADAPTIVE));
            try {
                assertNoSnapshot(ScanListing.of(service.listings(), request(ScanMode.TREE),
                        IocStreamPipeline.IOC_FILES));
                // a diff of two cut trees would take paths past the cap for removed: it goes to the tree instead
                assertNoSnapshot(ScanListing.of(service.listings(), request(ScanMode.COMPARE),
                        IocStreamPipeline.IOC_FILES));
            } finally {
                service.release();
            }
        }
    }

    @Test
    void aBaselineOfABranchHeadIsListedAtTheCommitTheBranchPointsAt() throws Exception {
        Files.writeString(world.resolve("repos/acme/widget/HEAD"), C2);
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null))) {
            FetchService service = FetchService.acquire(FetchSettings.of(sim.baseUrl(), null, FetchStrategy.ADAPTIVE));
            try {
                for (ScanListing listing : List.of(ScanListing.of(client, headBaseline(REPO), ParseFunction::carriesIocs),
                        ScanListing.of(service.listings(), headBaseline(REPO), ParseFunction::carriesIocs))) {
                    assertThat(last(listing).op()).isEqualTo(FileOp.SNAPSHOT);
                    assertThat(last(listing).presentPaths()).contains("src/lib/added.js");
                    assertThat(listing.toFetch()).isNotEmpty().allMatch(ref -> ref.commit().equals(C2));
                    assertThat(listing.ready()).allMatch(file -> file.commit().equals(C2));
                    assertWhole(listing);
                }
            } finally {
                service.release();
            }
        }
    }

    @Test
    void aBaselineOfAnEmptyRepositoryIsAnEmptyScan() throws Exception {
        Files.createDirectories(world.resolve("repos/acme/new"));
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null))) {
            ScanListing listing = ScanListing.of(client, headBaseline("acme/new"), ParseFunction::carriesIocs);

            assertThat(listing.toFetch()).isEmpty();
            assertThat(listing.ready()).singleElement().satisfies(f -> assertThat(f.op()).isEqualTo(FileOp.EMPTY));
        }
    }

    private static ScanRequest headBaseline(String repo) {
        return new ScanRequest("b1", repo, "refs/heads/main", PushEvent.ZERO_SHA, null, ScanMode.TREE,
                Trigger.BASELINE, 1, List.of(), List.of());
    }

    private static void assertNoSnapshot(ScanListing listing) {
        assertThat(listing.ready()).noneMatch(f -> f.op() == FileOp.SNAPSHOT || f.op() == FileOp.REMOVED);
        assertThat(last(listing).op()).isEqualTo(FileOp.EMPTY);
        assertThat(listing.toFetch()).isNotEmpty();
        assertWhole(listing);
    }

    /** Every record announces the number of records the scan sends, so the matcher knows when it is whole. */
    private static void assertWhole(ScanListing listing) {
        int records = listing.toFetch().size() + listing.ready().size();
        assertThat(listing.toFetch()).allMatch(ref -> ref.scanSize() == records);
        assertThat(listing.ready()).allMatch(file -> file.scanSize() == records);
    }

    private static FetchedFile last(ScanListing listing) {
        return listing.ready().get(listing.ready().size() - 1);
    }

    private static ScanRequest request(ScanMode mode) {
        return new ScanRequest("e1", REPO, "refs/heads/main", C1, C2, mode, Trigger.PUSH, 1, List.of(), List.of());
    }
}
