package io.iocstream.github.sim;

import static io.iocstream.github.sim.TestWorld.C1;
import static io.iocstream.github.sim.TestWorld.C2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.GitHubNotFoundException;
import io.iocstream.github.ListedRepository;
import io.iocstream.github.RateWindow;
import io.iocstream.github.RepositoriesPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's repository listings and branch refs, read through the real client: an organisation's
 * repositories page by page along {@code Link rel="next"}, an installation's of every owner, the default branch's
 * head from a {@code HEAD} file or the only commit, an empty repository answered 409 as GitHub does.
 */
class RepositoryListingTest {

    private static final String R1_HEAD = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @TempDir
    Path world;
    private GitHubSimulator sim;
    private GitHubClient client;

    @BeforeEach
    void start() throws Exception {
        TestWorld.write(world);
        Files.writeString(world.resolve("repos/acme/widget/HEAD"), C2 + "\n");
        for (String repo : List.of("acme/r1", "acme/r2", "acme/r3", "other/x")) {
            Files.createDirectories(world.resolve("repos").resolve(repo).resolve(R1_HEAD));
            Files.writeString(world.resolve("repos").resolve(repo).resolve(R1_HEAD).resolve("README.md"), "hi\n");
        }
        Files.createDirectories(world.resolve("repos/acme/empty"));
        sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0);
        client = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null));
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void anOrganisationIsListedPageByPageAlongItsLinks() throws Exception {
        List<RepositoriesPage> pages = new ArrayList<>(List.of(client.orgRepositories("acme", 2)));
        while (pages.get(pages.size() - 1).nextUrl() != null) {
            pages.add(client.repositoriesPage(pages.get(pages.size() - 1).nextUrl()));
        }

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(p -> p.repositories().stream()).toList()).containsExactly(
                new ListedRepository("acme/empty", "main"), new ListedRepository("acme/r1", "main"),
                new ListedRepository("acme/r2", "main"), new ListedRepository("acme/r3", "main"),
                new ListedRepository("acme/widget", "main"));
        assertThat(pages.get(0).nextUrl()).startsWith(sim.baseUrl() + "/orgs/acme/repos?")
                .contains("per_page=2", "type=all", "page=2");
        assertThat(sim.requestCounts()).containsEntry("repositories", 3L);
    }

    @Test
    void anInstallationListsTheRepositoriesOfEveryOwner() throws Exception {
        RepositoriesPage page = client.installationRepositories(100);

        assertThat(page.repositories()).extracting(ListedRepository::fullName)
                .contains("acme/widget", "other/x").hasSize(6);
        assertThat(page.nextUrl()).isNull();
    }

    @Test
    void anOrganisationThatIsNotThereIsNotFound() {
        assertThatThrownBy(() -> client.orgRepositories("nobody", 100)).isInstanceOf(GitHubNotFoundException.class);
    }

    @Test
    void theDefaultBranchHeadIsTheHeadFileOrTheOnlyCommit() throws Exception {
        assertThat(client.branchHead("acme/widget", "main")).contains(C2);
        assertThat(client.branchHead("acme/r1", "main")).contains(R1_HEAD);
        assertThat(client.branchHead("acme/widget", "feature/x")).isEmpty();
        assertThat(client.branchHead("acme/empty", "main")).as("409: the repository is empty").isEmpty();
        assertThat(client.branchHead("acme/nothing", "main")).isEmpty();

        Files.delete(world.resolve("repos/acme/widget/HEAD"));
        assertThat(client.branchHead("acme/widget", "main")).as("three commits, none named the head").isEmpty();
        assertThat(sim.requestCounts()).containsEntry("git_refs", 3L);
    }

    @Test
    void theRateLimitStatusSaysWhatIsSpentAndCostsNothing() throws Exception {
        client.tree("acme/widget", C1);
        client.tree("acme/widget", C2);

        List<RateWindow> first = client.rateLimits();
        List<RateWindow> again = client.rateLimits();

        assertThat(first).singleElement().satisfies(core -> {
            assertThat(core.resource()).isEqualTo("core");
            assertThat(core.limit() - core.remaining()).isEqualTo(2);
        });
        assertThat(again).isEqualTo(first);
    }
}
