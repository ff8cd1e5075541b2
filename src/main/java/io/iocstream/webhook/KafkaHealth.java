package io.iocstream.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;

/**
 * Whether the input topic can be reached now: its description comes back from the brokers within a short timeout.
 * Asked at most once a second, however often {@code /healthz} is polled.
 */
final class KafkaHealth implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Admin admin;
    private final String topic;
    private long checkedAt;
    private boolean reachable;
    private boolean checked;

    KafkaHealth(String bootstrapServers, String topic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "iocstream-webhook-health",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis())));
        this.topic = topic;
    }

    synchronized boolean reachable() {
        long now = System.nanoTime();
        if (checked && now - checkedAt < CACHE_NANOS) {
            return reachable;
        }
        try {
            admin.describeTopics(java.util.List.of(topic),
                    new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .allTopicNames().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            reachable = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reachable = false;
        } catch (Exception e) {
            reachable = false;
        }
        checked = true;
        checkedAt = System.nanoTime();
        return reachable;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
