package io.iocstream.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.changes.ScanMode;
import io.iocstream.changes.ScanRequest;
import io.iocstream.changes.Trigger;
import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.pipeline.IocStreamPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch tools' priority files: a scan's dependency files and workflows are fetched before the rest, so that a
 * rate budget that runs short mid-scan has read the files that carry IOCs, against the real simulator.
 */
class PriorityFilesTest {

    private static final String REPO = "acme/app";
    private static final String COMMIT = "abababababababababababababababababababab";
    /** Listed after thirty plain files, in git's tree order. */
    private static final List<String> CARRY_IOCS = List.of(".github/workflows/ci.yml", "requirements.txt",
            "web/package-lock.json");

    @TempDir
    Path world;

    @BeforeEach
    void writeWorld() throws Exception {
        Path tree = world.resolve("repos/" + REPO + "/" + COMMIT);
        for (int i = 0; i < 30; i++) {
            write(tree, String.format("docs/page%02d.md", i), "page " + i + "\n");
        }
        write(tree, ".github/workflows/ci.yml", "name: ci\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
        write(tree, "requirements.txt", "requests==2.31.0\n");
        write(tree, "web/package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {}}\n");
    }

    @Test
    void aScanListsTheFilesThatCarryIocsFirstAndTheRestInOrder() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null))) {
            List<String> tree = paths(ScanListing.of(client, request(ScanMode.TREE, List.of()), path -> false));
            List<String> prioritised = paths(ScanListing.of(client, request(ScanMode.TREE, List.of()),
                    IocStreamPipeline.IOC_FILES));

            // the tree's own order puts the workflow first, the others among the docs
            assertThat(tree.subList(0, 3)).isNotEqualTo(CARRY_IOCS);
            assertThat(prioritised.subList(0, 3)).containsExactlyElementsOf(CARRY_IOCS);
            assertThat(prioritised.subList(3, prioritised.size()))
                    .containsExactlyElementsOf(tree.stream().filter(path -> !CARRY_IOCS.contains(path)).toList());

            List<String> pushed = List.of("docs/page01.md", "web/package-lock.json", "docs/page02.md",
                    "requirements.txt");
            assertThat(paths(ScanListing.of(client, request(ScanMode.PATHS, pushed), IocStreamPipeline.IOC_FILES)))
                    .containsExactly("web/package-lock.json", "requirements.txt", "docs/page01.md", "docs/page02.md");
        }
    }

    @Test
    void withATightBudgetTheDependencyFilesOfAScanAreFetchedFirst() throws Exception {
        // a window of four requests and half of it to spend: one tree listing and one batch, then the reset's wait
        assertThat(fetchedBeforeTheBudgetRanOut(IocStreamPipeline.IOC_FILES)).containsAll(CARRY_IOCS);
        // the same scan in listing order spends its budget on documentation first
        assertThat(fetchedBeforeTheBudgetRanOut(path -> false)).doesNotContainAnyElementsOf(CARRY_IOCS.subList(1, 3));
    }

    /** The paths whose content came back before the job's share of the simulator's rate limit was spent. */
    private List<String> fetchedBeforeTheBudgetRanOut(PriorityFiles priority) throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.of(0, 0.0, 4), 0)) {
            FetchService service = FetchService.acquire(FetchSettings.of(sim.baseUrl(), null,
                    FetchStrategy.CONSERVATIVE).withRateLimitShare(0.5));
            try {
                ScanListing listing = ScanListing.of(service.listings(), request(ScanMode.TREE, List.of()), priority);
                List<CompletableFuture<FetchOutcome>> results = new ArrayList<>();
                listing.toFetch().forEach(file -> results.add(service.fetch(file)));

                long deadline = System.nanoTime() + 10_000_000_000L;
                while (results.stream().noneMatch(CompletableFuture::isDone) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                // long enough for a second batch to go out, were the budget not spent
                Thread.sleep(500);
                assertThat(sim.lowestRateLimitRemaining()).isEqualTo(2);
                return IntStream.range(0, results.size()).filter(i -> results.get(i).isDone())
                        .mapToObj(i -> listing.toFetch().get(i).path()).toList();
            } finally {
                service.release();
            }
        }
    }

    private static List<String> paths(ScanListing listing) {
        return listing.toFetch().stream().map(FileRef::path).toList();
    }

    private static ScanRequest request(ScanMode mode, List<String> paths) {
        return new ScanRequest("e1", REPO, "refs/heads/main", null, COMMIT, mode, Trigger.BASELINE, 1, paths,
                List.of());
    }

    private static void write(Path tree, String path, String content) throws Exception {
        Path file = tree.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
