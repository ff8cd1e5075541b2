package io.iocstream.webhook;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;

/**
 * The receiver's Prometheus metrics, served at {@code /metrics}: deliveries by event and outcome, the time from the
 * request to its answer by outcome, body sizes, redeliveries asked for, and whether Kafka is reachable.
 */
public final class WebhookMetrics {

    /** Event names used as label values; any other event is counted as {@code other}, so labels stay few. */
    private static final Set<String> EVENTS = Set.of("push", "ping", "repository", "create", "delete");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter deliveries = Counter.builder().name("iocstream_webhook_deliveries")
            .help("Webhook deliveries answered, by event and outcome").labelNames("event", "outcome")
            .register(registry);
    private final Histogram latency = Histogram.builder().name("iocstream_webhook_delivery_seconds")
            .help("Time from a delivery's request to its answer, by outcome").labelNames("outcome").classicOnly()
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    private final Histogram bodyBytes = Histogram.builder().name("iocstream_webhook_body_bytes")
            .help("Size of the delivery bodies read").classicOnly()
            .classicUpperBounds(1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 26214400)
            .register(registry);
    private final Counter redeliveries = Counter.builder().name("iocstream_webhook_redeliveries_requested")
            .help("Redeliveries of failed deliveries asked of GitHub").register(registry);
    private final Gauge kafkaReachable = Gauge.builder().name("iocstream_webhook_kafka_reachable")
            .help("1 when the input topic could be described at the last health check, else 0").register(registry);

    void delivery(String event, Outcome outcome, long nanos) {
        deliveries.labelValues(event == null ? "-" : EVENTS.contains(event) ? event : "other", outcome.label())
                .inc();
        latency.labelValues(outcome.label()).observe(nanos / 1e9);
    }

    void body(int bytes) {
        bodyBytes.observe(bytes);
    }

    void redeliveryRequested() {
        redeliveries.inc();
    }

    void kafkaReachable(boolean reachable) {
        kafkaReachable.set(reachable ? 1 : 0);
    }

    /** How many deliveries of {@code event} ended in {@code outcome} so far. */
    public long count(String event, Outcome outcome) {
        return (long) deliveries.labelValues(event, outcome.label()).get();
    }

    String contentType() {
        return writer.getContentType();
    }

    byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        return out.toByteArray();
    }
}
