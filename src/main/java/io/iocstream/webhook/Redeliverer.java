package io.iocstream.webhook;

import io.iocstream.github.GitHubClient;
import io.iocstream.github.GitHubClientConfig;
import io.iocstream.github.GitHubCredentials;
import io.iocstream.github.HookDeliveriesPage;
import io.iocstream.github.HookDelivery;
import io.iocstream.github.HookRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub does not deliver a failed webhook again by itself: this lists the hook's deliveries of the last lookback
 * through the REST API (cursor pages, newest first, until one is older than the lookback) and asks GitHub to redeliver
 * each event that failed and was not delivered since ({@link RedeliveryPlan}). Only the configured API base URL is
 * contacted.
 */
public final class Redeliverer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Redeliverer.class);

    /** What one run did. */
    public record Result(int listed, int failedEvents, int redelivered, int givenUp) {
        @Override
        public String toString() {
            return listed + " deliveries listed, " + failedEvents + " events not delivered, " + redelivered
                    + " redeliveries asked for, " + givenUp + " given up after the most attempts";
        }
    }

    private final GitHubClient client;
    private final HookRef hook;
    private final WebhookConfig.App app;
    private final Duration lookback;
    private final int maxAttempts;
    private final Clock clock;

    Redeliverer(GitHubClient client, HookRef hook, WebhookConfig.App app, Duration lookback, int maxAttempts,
            Clock clock) {
        this.client = client;
        this.hook = hook;
        this.app = app;
        this.lookback = lookback;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /** As configured: an organisation's hook read with the token in {@code token_env}, or the App's with a JWT. */
    public static Redeliverer of(WebhookConfig.Redeliver config, UnaryOperator<String> env) {
        GitHubCredentials credentials = config.app() != null ? GitHubCredentials.anonymous()
                : GitHubCredentials.token(env.apply(config.tokenEnv()));
        GitHubClient client = new GitHubClient(GitHubClientConfig.of(config.apiBaseUrl(), credentials));
        HookRef hook = config.app() != null ? HookRef.app() : HookRef.org(config.org(), config.hookId());
        return new Redeliverer(client, hook, config.app(), config.lookback(), config.maxAttempts(),
                Clock.systemUTC());
    }

    /** Lists, decides and asks; a redelivery GitHub refuses is logged and the others still asked for. */
    public Result run(WebhookMetrics metrics) throws IOException {
        Instant since = clock.instant().minus(lookback);
        String jwt = jwt();
        List<HookDelivery> listed = new ArrayList<>();
        HookDeliveriesPage page = client.hookDeliveries(hook, GitHubClient.DELIVERIES_PER_PAGE, jwt);
        while (true) {
            listed.addAll(page.deliveries());
            boolean older = page.deliveries().stream().anyMatch(d -> d.deliveredAt().isBefore(since));
            if (page.nextUrl() == null || older) {
                break;
            }
            page = client.hookDeliveriesPage(page.nextUrl(), jwt);
        }
        RedeliveryPlan plan = RedeliveryPlan.of(listed, since, maxAttempts);
        int asked = 0;
        for (HookDelivery delivery : plan.redeliver()) {
            try {
                client.redeliver(hook, delivery.id(), jwt);
                asked++;
                if (metrics != null) {
                    metrics.redeliveryRequested();
                }
                LOG.info("asked GitHub to redeliver delivery {} (guid {}, event {}, last answered {} {})",
                        delivery.id(), delivery.guid(), delivery.event(), delivery.statusCode(), delivery.status());
            } catch (IOException e) {
                LOG.warn("GitHub refused to redeliver delivery {} (guid {}): {}", delivery.id(), delivery.guid(),
                        e.getMessage());
            }
        }
        return new Result(listed.size(), plan.failedEvents(), asked, plan.givenUp());
    }

    /** A fresh JWT per run for the App's hook (one lives nine minutes); null for an organisation's hook. */
    private String jwt() throws IOException {
        return app == null ? null : GitHubClient.appJwt(app.appId(), Path.of(app.privateKeyFile()));
    }

    @Override
    public void close() {
        client.close();
    }
}
