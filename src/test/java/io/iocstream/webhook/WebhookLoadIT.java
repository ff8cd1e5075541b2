package io.iocstream.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.testing.KafkaBrokerExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver under load on loopback, bounded in count and time: 2,000 signed deliveries of the real push payloads
 * from 50 concurrent clients; every acknowledged one (202) is in the topic exactly once. It prints the throughput and
 * latency percentiles beside a baseline measured in the same run: the same records written by 50 threads straight
 * to Kafka with the same producer settings, each waiting for its acknowledgement (docs/benchmarks.md). Nothing here
 * asserts a speed.
 */
class WebhookLoadIT {

    private static final int DELIVERIES = 2_000;
    private static final int CLIENTS = 50;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension().withTopic("load", 3, false)
            .withTopic("baseline", 3, false);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedDeliveryIsInTheTopicExactlyOnce() throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/push"))) {
            for (Path file : files.sorted().toList()) {
                payloads.add(Files.readAllBytes(file));
            }
        }
        Run baseline = baseline(kafka.bootstrapServers(), payloads);
        Run run;
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        try (TestReceiver receiver = TestReceiver.start(dir, kafka.bootstrapServers(), "load", "4s", "")) {
            receiver.awaitReady(Duration.ofSeconds(30));
            run = measure(i -> {
                String delivery = UUID.randomUUID().toString();
                HttpResponse<String> answer = receiver.deliver("push", delivery, payloads.get(i % payloads.size()));
                if (answer.statusCode() == 202) {
                    acknowledged.add(delivery);
                }
            });
        }
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readCommitted("load",
                read -> read.size() >= acknowledged.size(), Duration.ofSeconds(60));
        Map<String, Integer> times = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            times.merge(new String(record.headers().lastHeader("X-GitHub-Delivery").value(),
                    StandardCharsets.UTF_8), 1, Integer::sum);
        }
        assertThat(acknowledged).as("every delivery acknowledged on loopback").hasSize(DELIVERIES);
        assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(times.values()).containsOnly(1);

        System.out.printf("webhook load: %d signed deliveries (%d KiB on average) from %d clients%n", DELIVERIES,
                payloads.stream().mapToInt(p -> p.length).sum() / payloads.size() / 1024, CLIENTS);
        System.out.printf("  receiver:          %s%n", run);
        System.out.printf("  baseline (Kafka):  %s%n", baseline);
        System.out.printf("  ratio: throughput %.2f of the baseline, p99 latency %.2f times the baseline's%n",
                run.perSecond() / baseline.perSecond(), run.p99Millis() / baseline.p99Millis());
    }

    /** The same records straight to Kafka from 50 threads, each waiting for its acknowledgement. */
    private static Run baseline(String bootstrapServers, List<byte[]> payloads) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            return measure(i -> {
                byte[] body = payloads.get(i % payloads.size());
                producer.send(new ProducerRecord<>("baseline", DeliveryRoute.Fields.read(body).repository()
                        .getBytes(StandardCharsets.UTF_8), body)).get();
            });
        }
    }

    /** Runs {@value #DELIVERIES} calls of {@code call} on {@value #CLIENTS} threads; at most two minutes. */
    private static Run measure(Call call) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long[] nanos = new long[DELIVERIES];
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < DELIVERIES; i++) {
            int n = i;
            done.add(clients.submit(() -> {
                long began = System.nanoTime();
                call.run(n);
                nanos[n] = System.nanoTime() - began;
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        long wall = System.nanoTime() - start;
        clients.shutdown();
        Arrays.sort(nanos);
        return new Run(DELIVERIES * 1e9 / wall, nanos[DELIVERIES / 2] / 1e6, nanos[DELIVERIES * 99 / 100] / 1e6,
                wall / 1e9);
    }

    @FunctionalInterface
    private interface Call {
        void run(int i) throws Exception;
    }

    record Run(double perSecond, double p50Millis, double p99Millis, double seconds) {
        @Override
        public String toString() {
            return String.format("%.0f deliveries/s, p50 %.1f ms, p99 %.1f ms (%.1f s)", perSecond, p50Millis,
                    p99Millis, seconds);
        }
    }
}
