package io.iocstream.alerts;

import io.iocstream.github.TokenRedactor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to their routes' receivers off the task thread, at most {@code max_in_flight} at a time (a full
 * writer holds the task back, and so the job), one key's deliveries in order (a resolve never overtakes its
 * trigger). {@link #flush} waits for every delivery under way, retries included: Flink calls it before a checkpoint
 * barrier passes the sink, so a checkpoint never completes with an alert it covers still unsent, and a restored job
 * sends again, under the same key, only what came after it (at least once).
 *
 * <p>A delivery the receiver refuses for good, or that fails every attempt, is counted
 * ({@code alertDeliveriesFailed}) and logged with its route and key: the job does not stop for a receiver.
 */
public final class AlertWriter implements SinkWriter<Alert> {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWriter.class);

    /** What one route delivers to: the receiver, its endpoint and its secret. */
    private record Target(AlertReceiver receiver, String url, String secret, TokenRedactor redactor) {}

    private final AlertSettings settings;
    private final Map<String, Target> targets = new HashMap<>();
    private final OkHttpClient http;
    private final AlertDelivery delivery;
    private final ExecutorService senders;
    private final Semaphore inFlight;
    private final Map<String, CompletableFuture<Void>> lastByKey = new HashMap<>();
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;

    /** {@code env} looks up environment variables (System::getenv outside tests). */
    public AlertWriter(AlertSettings settings, MetricGroup metrics, UnaryOperator<String> env) {
        this.settings = settings;
        Map<String, AlertReceiver> receivers = settings.receiversByName();
        for (AlertRoute route : settings.routes()) {
            AlertReceiver receiver = receivers.get(route.receiver());
            String secret = AlertSecrets.read(receiver, env);
            String url = receiver.type() == ReceiverType.SLACK ? secret
                    : receiver.url() != null ? receiver.url() : receiver.type().defaultUrl();
            requireSafeUrl(receiver, url);
            targets.put(route.name(), new Target(receiver, url, secret, new TokenRedactor(secret)));
        }
        this.http = new OkHttpClient.Builder().callTimeout(settings.retry().requestTimeout())
                .followRedirects(false).build();
        this.delivery = new AlertDelivery(http, settings.retry(), duration -> Thread.sleep(duration.toMillis()));
        this.senders = Executors.newFixedThreadPool(settings.maxInFlight(), runnable -> {
            Thread thread = new Thread(runnable, "alert-delivery");
            thread.setDaemon(true);
            return thread;
        });
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.delivered = metrics.counter("alertsDelivered");
        this.retried = metrics.counter("alertDeliveryRetries");
        this.failed = metrics.counter("alertDeliveriesFailed");
    }

    /**
     * A credential goes over https only, or over plain http to this machine (tests, a local relay); and the URL must
     * parse. The message names the receiver, never the URL, which is Slack's secret.
     */
    public static void requireSafeUrl(AlertReceiver receiver, String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalStateException("alert receiver " + receiver.name() + ": its URL is not an http(s) URL");
        }
        boolean loopback = parsed.host().equals("127.0.0.1") || parsed.host().equals("localhost")
                || parsed.host().equals("::1");
        if (!parsed.isHttps() && !loopback) {
            throw new IllegalStateException("alert receiver " + receiver.name()
                    + ": its URL must be https (plain http only to 127.0.0.1)");
        }
    }

    @Override
    public void write(Alert alert, Context context) throws InterruptedException {
        Target target = targets.get(alert.route());
        Request request = AlertRequests.of(alert, target.receiver().type(), target.url(), target.secret(),
                settings.webBaseUrl());
        inFlight.acquire();
        CompletableFuture<Void> previous = lastByKey.getOrDefault(alert.dedupKey(),
                CompletableFuture.completedFuture(null));
        lastByKey.put(alert.dedupKey(), previous.thenRunAsync(() -> deliver(alert, target, request), senders));
    }

    private void deliver(Alert alert, Target target, Request request) {
        try {
            AlertDelivery.Outcome outcome = delivery.send(request, retried::inc);
            if (outcome.delivered()) {
                delivered.inc();
            } else {
                failed.inc();
                LOG.error("alert not delivered to receiver {} (route {}, key {}) after {} attempts: {}",
                        target.receiver().name(), alert.route(), alert.dedupKey(), outcome.attempts(),
                        target.redactor().redact(outcome.problem()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed.inc();
            LOG.error("alert not delivered to receiver {} (route {}, key {}): {}", target.receiver().name(),
                    alert.route(), alert.dedupKey(), target.redactor().redact(String.valueOf(e.getMessage())));
        } finally {
            inFlight.release();
        }
    }

    /** Waits until every alert written so far is delivered or given up on. */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        inFlight.acquire(settings.maxInFlight());
        inFlight.release(settings.maxInFlight());
        lastByKey.clear();
    }

    @Override
    public void close() throws InterruptedException {
        senders.shutdownNow();
        senders.awaitTermination(10, TimeUnit.SECONDS);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
