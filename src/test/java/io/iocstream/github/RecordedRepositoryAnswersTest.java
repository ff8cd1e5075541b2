package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client reads what api.github.com really answered (recorded by @octokit/fixtures, see SOURCES.tsv): a
 * repository object as listings hold it, and a branch's ref object.
 */
class RecordedRepositoryAnswersTest {

    private static final Path RECORDED = Path.of("src/test/resources/github-api");
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8");

    @Test
    void aListedRepositoryIsReadForItsNameAndDefaultBranch() throws Exception {
        String page = "[" + Files.readString(RECORDED.resolve("recorded-repository.json")) + "]";
        try (StubServer github = new StubServer(200, JSON, page);
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(github.baseUrl(), null))) {
            RepositoriesPage listed = client.orgRepositories("octokit-fixture-org", 100);

            assertThat(listed.repositories()).containsExactly(
                    new ListedRepository("octokit-fixture-org/hello-world", "master"));
            assertThat(listed.nextUrl()).isNull();
            assertThat(github.lastPath()).isEqualTo("/orgs/octokit-fixture-org/repos");
        }
    }

    @Test
    void aBranchHeadIsTheCommitItsRefPointsAt() throws Exception {
        try (StubServer github = new StubServer(200, JSON,
                Files.readString(RECORDED.resolve("recorded-ref-heads-main.json")));
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(github.baseUrl(), null))) {
            assertThat(client.branchHead("octokit-fixture-org/hello-world", "release/v1"))
                    .contains("09d96eacf10fabdd89b76dd0580cb7feb38bdbd2");
            assertThat(github.lastPath()).isEqualTo("/repos/octokit-fixture-org/hello-world/git/ref/heads/release/v1");
        }
    }

    @Test
    void aRefToSomethingOtherThanACommitIsAnError() throws Exception {
        String tagRef = Files.readString(RECORDED.resolve("recorded-ref-heads-main.json"))
                .replace("\"type\": \"commit\"", "\"type\": \"tag\"");
        try (StubServer github = new StubServer(200, JSON, tagRef);
             GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(github.baseUrl(), null))) {
            assertThatThrownBy(() -> client.branchHead("o/r", "main")).isInstanceOf(GitHubApiException.class)
                    .hasMessageContaining("does not point at a commit");
        }
    }
}
