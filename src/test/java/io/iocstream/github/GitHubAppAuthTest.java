package io.iocstream.github;

import static io.iocstream.github.sim.TestWorld.C1;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorAuth;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.github.sim.TestWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real client as a GitHub App against the real simulator, which checks the JWT against the App's public key and
 * then takes only the installation tokens it minted: a token minted and used, renewed before it expires, replaced
 * when revoked; a JWT of another key refused. No key, JWT or token reaches a log line or an exception.
 */
class GitHubAppAuthTest {

    private static final String APP_ID = "Iv1.5e1ec7ab1e";
    private static final long INSTALLATION = 4242;
    private static final TestAppKey APP_KEY = TestAppKey.generate();

    @TempDir
    Path world;

    @TempDir
    Path secrets;

    @BeforeEach
    void writeWorld() throws Exception {
        TestWorld.write(world);
    }

    private static SimulatorOptions requiringApp(Duration tokenLifetime) {
        return SimulatorOptions.defaults().withAuth(SimulatorAuth.none()
                .withApp(APP_ID, APP_KEY.publicKey(), tokenLifetime).requiringCredentials());
    }

    private GitHubClient app(GitHubSimulator sim, Path keyFile) {
        return new GitHubClient(GitHubClientConfig.of(sim.baseUrl(),
                new GitHubCredentials.App(APP_ID, keyFile.toString(), INSTALLATION))
                .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(10)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs1", "pkcs8"})
    void anInstallationTokenIsMintedOnceAndUsed(String format) throws Exception {
        Path key = format.equals("pkcs1") ? APP_KEY.writePkcs1(secrets.resolve("app.pem"))
                : APP_KEY.writePkcs8(secrets.resolve("app.pem"));
        try (GitHubSimulator sim = GitHubSimulator.start(world, requiringApp(Duration.ofHours(1)), 0);
             GitHubClient client = app(sim, key)) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.fileContent(REPO, C1, "README.md")).isEqualTo("hello\n".getBytes());
            }
            assertThat(client.tree(REPO, C1).files()).isNotEmpty();

            assertThat(sim.requestCounts()).containsOnly(Map.entry("access_tokens", 1L), Map.entry("contents", 3L),
                    Map.entry("trees", 1L));
        }
    }

    @Test
    void withoutCredentialsTheSimulatorAnswers401() throws Exception {
        try (GitHubSimulator sim = GitHubSimulator.start(world, requiringApp(Duration.ofHours(1)), 0);
             GitHubClient anonymous = new GitHubClient(GitHubClientConfig.forBaseUrl(sim.baseUrl(), null))) {
            Throwable thrown = catchThrowable(() -> anonymous.fileContent(REPO, C1, "README.md"));

            assertThat(thrown).isInstanceOfSatisfying(GitHubApiException.class,
                    e -> assertThat(e.status()).isEqualTo(401)).hasMessageContaining("Bad credentials");
            assertThat(sim.requestCounts()).containsOnly(Map.entry("unauthorized", 1L));
        }
    }

    @Test
    void theTokenIsRenewedBeforeItExpires() throws Exception {
        Path key = APP_KEY.writePkcs1(secrets.resolve("app.pem"));
        // a four-second token is renewed at half its life, two seconds before it would be refused
        try (GitHubSimulator sim = GitHubSimulator.start(world, requiringApp(Duration.ofSeconds(4)), 0);
             GitHubClient client = app(sim, key)) {
            client.fileContent(REPO, C1, "README.md");
            Thread.sleep(2_500);
            client.fileContent(REPO, C1, "README.md");
            client.fileContent(REPO, C1, "README.md");

            assertThat(sim.requestCounts()).containsOnly(Map.entry("access_tokens", 2L), Map.entry("contents", 3L));
        }
    }

    @Test
    void aRevokedTokenIsReplacedOnceOnItsFirst401() throws Exception {
        Path key = APP_KEY.writePkcs1(secrets.resolve("app.pem"));
        try (GitHubSimulator sim = GitHubSimulator.start(world, requiringApp(Duration.ofHours(1)), 0);
             GitHubClient client = app(sim, key)) {
            client.fileContent(REPO, C1, "README.md");
            sim.revokeInstallationTokens();

            assertThat(client.fileContent(REPO, C1, "README.md")).isEqualTo("hello\n".getBytes());
            assertThat(sim.requestCounts()).containsOnly(Map.entry("access_tokens", 2L), Map.entry("contents", 2L),
                    Map.entry("unauthorized", 1L));
        }
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefusedWith401() throws Exception {
        Path otherKey = TestAppKey.generate().writePkcs1(secrets.resolve("other.pem"));
        try (GitHubSimulator sim = GitHubSimulator.start(world, requiringApp(Duration.ofHours(1)), 0);
             GitHubClient client = app(sim, otherKey)) {
            Throwable thrown = catchThrowable(() -> client.fileContent(REPO, C1, "README.md"));

            assertThat(thrown).isInstanceOfSatisfying(GitHubApiException.class,
                    e -> assertThat(e.status()).isEqualTo(401))
                    .hasMessageContaining("A JSON web token could not be decoded")
                    .hasMessageContaining("/app/installations/4242/access_tokens");
            assertThat(sim.requestCounts()).containsOnly(Map.entry("access_tokens_refused", 1L));
        }
    }

    @Test
    void noKeyJwtOrTokenReachesALogLineOrAnException() throws Exception {
        Path key = APP_KEY.writePkcs1(secrets.resolve("app.pem"));
        List<String> sent = new CopyOnWriteArrayList<>();
        // plays GitHub's token exchange, then echoes the Authorization header in every error, as a careless gateway
        try (StubServer github = new StubServer((path, headers) -> {
                    sent.add(headers.getFirst("Authorization").substring("Bearer ".length()));
                    return path.endsWith("/access_tokens")
                            ? new StubServer.Answer(201, Map.of(), "{\"token\": \"ghs_" + sent.size()
                                    + "Zq9sEcReTiNsTaLlAtIoNtOkEn\", \"expires_at\": \"2099-01-01T00:00:00Z\"}")
                            : new StubServer.Answer(401, Map.of(), "{\"message\": \"you sent "
                                    + headers.getFirst("Authorization") + "\"}");
                });
             CapturedLogs logs = CapturedLogs.start();
             GitHubClient client = new GitHubClient(GitHubClientConfig.of(github.baseUrl(),
                     new GitHubCredentials.App(APP_ID, key.toString(), INSTALLATION))
                     .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(10)))) {
            Throwable thrown = catchThrowable(() -> client.fileContent(REPO, C1, "README.md"));

            // a JWT, its token, the token refused, a second JWT and token, refused again
            assertThat(sent).hasSize(4);
            assertThat(sent.get(0)).startsWith("eyJ");
            assertThat(sent.get(1)).startsWith("ghs_");
            String trace = stackTrace(thrown);
            assertThat(trace).contains("GitHub API 401: you sent Bearer [REDACTED]");
            List<String> keyLines = Files.readAllLines(key).subList(1, 5);
            for (String secret : concat(sent, keyLines)) {
                assertThat(trace).doesNotContain(secret);
                assertThat(logs.text()).doesNotContain(secret);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
