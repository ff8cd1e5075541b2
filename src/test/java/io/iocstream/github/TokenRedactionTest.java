package io.iocstream.github;

import static io.iocstream.github.sim.TestWorld.C1;
import static io.iocstream.github.sim.TestWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A real HTTP server that echoes the request's Authorization header back, in every place a server's text reaches
 * the client's messages: error bodies (JSON, HTML, cut off at the peek limit), GraphQL errors, bodies that are not
 * JSON, and a next-page link. No exception (causes included) and no log line, debug included, holds the token.
 */
class TokenRedactionTest {

    /** Shaped like GitHub's tokens (letters, digits, '_'), which a JSON parser quotes whole in its errors. */
    private static final String TOKEN = "zq9_test_token_4f1c2a9e7b5d3c1a";

    @Test
    void anErrorBodyThatEchoesTheHeaderIsRedacted() throws Exception {
        assertNoToken(echoing(401, auth -> "{\"message\": \"Bad credentials (you sent Authorization: " + auth + ")\"}"),
                client -> client.fileContent(REPO, C1, "README.md"), "Bad credentials");
    }

    @Test
    void aRetriedHtmlErrorPageIsRedactedInTheMessageAndEveryRetryLogLine() throws Exception {
        assertNoToken(echoing(502, auth -> "<html><body>upstream said: " + auth + "</body></html>"),
                client -> client.tree(REPO, C1), "upstream said");
    }

    @Test
    void aTokenCutOffByThePeekLimitIsRedactedToo() throws Exception {
        // the client reads 8 KiB of an error body: here the first `cut` characters of the token are inside
        for (int cut = 4; cut < TOKEN.length(); cut += 3) {
            String body = "x".repeat(8 * 1024 - "Bearer ".length() - cut);
            String part = TOKEN.substring(0, cut);
            try (StubServer server = echoing(403, auth -> body + auth + " and more")) {
                assertThat(stackTrace(failure(server, client -> client.fileContent(REPO, C1, "a"))))
                        .contains("xxxx").doesNotContain(part);
            }
        }
    }

    @Test
    void graphQlErrorsThatEchoTheHeaderAreRedacted() throws Exception {
        assertNoToken(echoing(200, auth -> "{\"errors\": [{\"message\": \"cannot use " + auth + "\"}]}"),
                client -> client.blobs(List.of(new BlobQuery.Wanted(REPO, C1, "README.md"))), "GraphQL answered no data");
    }

    @Test
    void aBodyThatIsNotJsonIsRedactedWhereTheParserQuotesIt() throws Exception {
        // Jackson's message quotes the unrecognised token, here the echoed credential itself
        assertNoToken(echoing(200, auth -> auth.substring("Bearer ".length())), client -> client.tree(REPO, C1),
                "Unrecognized token");
        assertNoToken(echoing(200, auth -> auth.substring("Bearer ".length())),
                client -> client.blobs(List.of(new BlobQuery.Wanted(REPO, C1, "README.md"))), "Unrecognized token");
    }

    @Test
    void aTokenSpeltWithJsonEscapesIsRedactedOnceDecoded() throws Exception {
        assertNoToken(echoing(401, auth -> "{\"message\": \"you sent " + auth.replace("_", "\\u005f") + "\"}"),
                client -> client.fileContent(REPO, C1, "README.md"), "you sent Bearer [REDACTED]");
    }

    @Test
    void aStatusLineThatEchoesTheHeaderIsRedacted() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             CapturedLogs logs = CapturedLogs.start()) {
            Thread answering = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    BufferedReader request = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.US_ASCII));
                    String auth = "";
                    for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("authorization:")) {
                            auth = line.substring("authorization:".length()).trim();
                        }
                    }
                    socket.getOutputStream().write(("HTTP/1.1 401 " + auth + "\r\nContent-Length: 0\r\n"
                            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            answering.start();
            Throwable thrown;
            try (GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(
                    "http://127.0.0.1:" + server.getLocalPort(), TOKEN).withRetries(0, Duration.ofMillis(1),
                    Duration.ofMillis(5)))) {
                thrown = catchThrowable(() -> client.fileContent(REPO, C1, "README.md"));
            }
            answering.join();
            assertThat(stackTrace(thrown)).contains("GitHub API 401: Bearer [REDACTED]").doesNotContain(TOKEN);
            assertThat(logs.text()).doesNotContain(TOKEN);
        }
    }

    @Test
    void anotherCredentialInAHeadersFormIsRedacted() throws Exception {
        String other = "abcdefghijklmnopqrstuvwxyz0123";
        Throwable thrown = failure(echoing(401, auth -> "{\"message\": \"Authorization: token " + other + "\"}"),
                client -> client.fileContent(REPO, C1, "README.md"));
        assertThat(stackTrace(thrown)).doesNotContain(other).contains("token [REDACTED]");
    }

    @Test
    void aNextPageLinkThatCarriesTheTokenIsRedacted() throws Exception {
        try (StubServer stub = new StubServer((path, headers) -> path.endsWith("/orgs/acme/events")
                ? new StubServer.Answer(200, Map.of("Link", "</orgs/acme/events/"
                        + headers.getFirst("Authorization").replace(' ', '-') + "?page=2>; rel=\"next\""), "[]")
                : new StubServer.Answer(404, Map.of(), "{\"message\": \"Not Found\"}"))) {
            assertNoToken(stub, client -> client.orgEventsPage(stub.baseUrl()
                    + client.orgEvents("acme", null).nextUrl()), "Not Found");
        }
    }

    private static StubServer echoing(int status, java.util.function.Function<String, String> body)
            throws Exception {
        return new StubServer((path, headers) -> new StubServer.Answer(status, Map.of(),
                body.apply(headers.getFirst("Authorization"))));
    }

    /** Calls {@code call} against {@code server} and checks what it threw and logged. */
    private static void assertNoToken(StubServer server, Call call, String stillSaid) throws Exception {
        try (server; CapturedLogs logs = CapturedLogs.start()) {
            Throwable thrown = failure(server, call);
            assertThat(server.hits()).isPositive();
            assertThat(thrown).isNotNull();
            assertThat(stackTrace(thrown)).contains(stillSaid).doesNotContain(TOKEN);
            assertThat(logs.text()).doesNotContain(TOKEN);
        }
    }

    private static Throwable failure(StubServer server, Call call) throws Exception {
        try (GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(server.baseUrl(), TOKEN)
                .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(5)))) {
            Executable run = () -> call.run(client);
            return catchThrowable(run::execute);
        }
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @FunctionalInterface
    private interface Call {
        void run(GitHubClient client) throws Exception;
    }
}
