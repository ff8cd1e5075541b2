package io.iocstream.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.HookDeliveries;
import io.iocstream.github.sim.SimulatorAuth;
import io.iocstream.github.sim.SimulatorOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook's deliveries through the client against the simulator's hook, which really POSTs to a receiver (here a
 * JDK server that answers 503, then 202): GitHub's headers and signature, the deliveries listed newest first and paged
 * by cursor, a redelivery with the same guid; the App's hook read with a JWT the App signs, refused without one.
 */
class HookDeliveriesTest {

    private static final String APP_ID = "Iv1.hooktest";
    private static final TestAppKey APP_KEY = TestAppKey.generate();

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final AtomicInteger answer = new AtomicInteger(503);
    private final List<String> received = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(exchange.getRequestHeaders().getFirst("X-GitHub-Event") + " "
                        + exchange.getRequestHeaders().getFirst("X-GitHub-Delivery") + " "
                        + exchange.getRequestHeaders().getFirst("X-GitHub-Hook-ID") + " "
                        + exchange.getRequestHeaders().getFirst("X-Hub-Signature-256").equals("sha256="
                        + hmac("s3cret", body)));
            }
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void anOrganisationsHookListsPagesAndRedelivers() throws Exception {
        Files.createDirectories(dir.resolve("repos"));
        try (GitHubSimulator github = GitHubSimulator.start(dir, SimulatorOptions.defaults(), 0);
                GitHubClient client = new GitHubClient(GitHubClientConfig.forBaseUrl(github.baseUrl(), "t0ken"))) {
            HookDeliveries hook = github.hook();
            hook.configure(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook"), "s3cret");
            HookDeliveries.Attempt failed = hook.deliver("push", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            answer.set(202);
            hook.deliver("push", "{\"a\":2}".getBytes(StandardCharsets.UTF_8));
            hook.deliver("ping", "{\"zen\":\"z\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(received).containsExactly("push " + failed.guid() + " 1 true",
                    "push " + hook.attempts().get(1).guid() + " 1 true", "ping " + hook.attempts().get(0).guid()
                            + " 1 true");

            HookRef ref = HookRef.org(GitHubSimulator.HOOK_ORG, GitHubSimulator.HOOK_ID);
            List<HookDelivery> listed = new ArrayList<>();
            HookDeliveriesPage page = client.hookDeliveries(ref, 2, null);
            listed.addAll(page.deliveries());
            assertThat(page.nextUrl()).contains("cursor=");
            page = client.hookDeliveriesPage(page.nextUrl(), null);
            listed.addAll(page.deliveries());
            assertThat(page.nextUrl()).isNull();
            assertThat(listed).extracting(HookDelivery::event).containsExactly("ping", "push", "push");
            HookDelivery oldest = listed.get(2);
            assertThat(oldest.guid()).isEqualTo(failed.guid());
            assertThat(oldest.statusCode()).isEqualTo(503);
            assertThat(oldest.succeeded()).isFalse();
            assertThat(oldest.status()).isEqualTo("Invalid HTTP Response: 503");

            client.redeliver(ref, oldest.id(), null);
            HookDelivery redelivered = client.hookDeliveries(ref, 100, null).deliveries().get(0);
            assertThat(redelivered.guid()).isEqualTo(failed.guid());
            assertThat(redelivered.redelivery()).isTrue();
            assertThat(redelivered.succeeded()).isTrue();
            assertThatThrownBy(() -> client.redeliver(ref, 999, null)).isInstanceOf(GitHubNotFoundException.class);
            assertThatThrownBy(() -> client.hookDeliveries(HookRef.org("other", 1), 10, null))
                    .isInstanceOf(GitHubNotFoundException.class);
            assertThatThrownBy(() -> client.hookDeliveriesPage("http://example.com/orgs/acme/hooks/1/deliveries",
                    null)).isInstanceOf(ForeignHostException.class);
        }
    }

    @Test
    void theAppsHookIsReadWithTheAppsJwt() throws Exception {
        Files.createDirectories(dir.resolve("repos"));
        Path key = APP_KEY.writePkcs1(dir.resolve("app.pem"));
        SimulatorOptions options = SimulatorOptions.defaults().withAuth(SimulatorAuth.none()
                .withApp(APP_ID, APP_KEY.publicKey(), SimulatorAuth.GITHUB_TOKEN_LIFETIME).requiringCredentials());
        try (GitHubSimulator github = GitHubSimulator.start(dir, options, 0);
                GitHubClient client = new GitHubClient(GitHubClientConfig.of(github.baseUrl(),
                        GitHubCredentials.anonymous()))) {
            HookDeliveries hook = github.hook();
            hook.configure(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook"), "s3cret");
            hook.deliver("push", "{}".getBytes(StandardCharsets.UTF_8));
            String jwt = GitHubClient.appJwt(APP_ID, key);
            HookDeliveriesPage page = client.hookDeliveries(HookRef.app(), 100, jwt);
            assertThat(page.deliveries()).hasSize(1);
            client.redeliver(HookRef.app(), page.deliveries().get(0).id(), jwt);
            assertThat(hook.attempts()).hasSize(2);
            assertThatThrownBy(() -> client.hookDeliveries(HookRef.app(), 100, null))
                    .isInstanceOf(GitHubApiException.class).hasMessageContaining("401");
        }
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
