package io.iocstream.webhook;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook receiver as a running service: Jetty on the configured address, the input topic's producer, the
 * delivery ledger kept in step with the topic, the health check, the metrics and, when {@code redeliver.interval} is
 * set, the redelivery loop. Separate from the Flink job: it only writes the topic the job reads.
 */
public final class WebhookService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);
    /** Requests served at once; each holds its body (at most 25 MB) while Kafka is asked. */
    private static final int MAX_THREADS = 64;

    private final Server server;
    private final ServerConnector connector;
    private final EventTopic topic;
    private final DeliveryRecall recall;
    private final KafkaHealth health;
    private final WebhookMetrics metrics;
    private final ScheduledExecutorService redeliveries;
    private final Redeliverer redeliverer;
    private final String path;

    private WebhookService(Server server, ServerConnector connector, EventTopic topic, DeliveryRecall recall,
            KafkaHealth health, WebhookMetrics metrics, ScheduledExecutorService redeliveries, Redeliverer redeliverer,
            String path) {
        this.server = server;
        this.connector = connector;
        this.topic = topic;
        this.recall = recall;
        this.health = health;
        this.metrics = metrics;
        this.redeliveries = redeliveries;
        this.redeliverer = redeliverer;
        this.path = path;
    }

    /** Starts the receiver; {@code env} gives the secrets' and the redelivery token's variables. */
    public static WebhookService start(WebhookConfig config, UnaryOperator<String> env) throws Exception {
        WebhookSecrets secrets = WebhookSecrets.load(config.secrets(), env);
        WebhookConfig.Kafka kafka = config.kafka();
        WebhookMetrics metrics = new WebhookMetrics();
        DeliveryLedger ledger = new DeliveryLedger(config.dedup().window(), config.dedup().maxEntries(),
                Clock.systemUTC());
        EventTopic topic = new EventTopic(kafka.bootstrapServers(), kafka.topic(), kafka.sendTimeout());
        DeliveryRecall recall = new DeliveryRecall(kafka.bootstrapServers(), kafka.topic(), config.dedup().window(),
                ledger, Clock.systemUTC());
        KafkaHealth health = new KafkaHealth(kafka.bootstrapServers(), kafka.topic());
        recall.start();

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
        threads.setName("webhook");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.listen().host());
        connector.setPort(config.listen().port());
        server.addConnector(connector);
        server.setHandler(new WebhookHandler(config.listen().path(), WebhookConfig.GITHUB_MAX_PAYLOAD_BYTES,
                new WebhookSignature(secrets), ledger, topic, metrics, () -> {
                    boolean reachable = health.reachable();
                    metrics.kafkaReachable(reachable);
                    return reachable && recall.caughtUp();
                }));
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            recall.close();
            health.close();
            topic.close();
            throw new IOException("cannot listen on " + config.listen().host() + ":" + config.listen().port() + ": "
                    + e.getMessage(), e);
        }

        ScheduledExecutorService loop = null;
        Redeliverer redeliverer = null;
        WebhookConfig.Redeliver redeliver = config.redeliver();
        if (redeliver != null && redeliver.interval() != null) {
            Redeliverer planned = Redeliverer.of(redeliver, env);
            redeliverer = planned;
            loop = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "webhook-redeliver");
                thread.setDaemon(true);
                return thread;
            });
            long every = redeliver.interval().toMillis();
            loop.scheduleWithFixedDelay(() -> redeliverOnce(planned, metrics), every, every, TimeUnit.MILLISECONDS);
        }
        WebhookService service = new WebhookService(server, connector, topic, recall, health, metrics, loop,
                redeliverer, config.listen().path());
        LOG.info("webhook receiver listening on {} for {} ({}), writing to {} at {}", service.uri(),
                config.listen().path(), secrets, kafka.topic(), kafka.bootstrapServers());
        return service;
    }

    private static void redeliverOnce(Redeliverer redeliverer, WebhookMetrics metrics) {
        try {
            LOG.info("redelivery: {}", redeliverer.run(metrics));
        } catch (IOException | RuntimeException e) {
            LOG.warn("redelivery failed, tried again next interval: {}", e.getMessage());
        }
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:8080} (the port it got when 0 was configured). */
    public URI uri() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1"
                : connector.getHost();
        return URI.create("http://" + host + ":" + connector.getLocalPort());
    }

    /** The URL GitHub posts deliveries to. */
    public URI deliveryUri() {
        return uri().resolve(path);
    }

    public WebhookMetrics metrics() {
        return metrics;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        if (redeliveries != null) {
            redeliveries.shutdownNow();
            redeliverer.close();
        }
        // requests in flight get their answers before the producer goes
        server.stop();
        topic.close();
        recall.close();
        health.close();
    }
}
