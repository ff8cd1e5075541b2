package io.iocstream.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to a topic at a steady rate on a thread of its own, as an organisation's pushes arrive at the input
 * topic, but only as many as it is allowed so far ({@link #allow}): a test that disrupts the job allows the next
 * batch just before each disruption, so records flow in during every one of them, however long the machine takes to
 * recover. The producer is idempotent with {@code acks=all} and a long delivery timeout, as the webhook receiver's
 * is: it rides out a broker restart, each key's records staying in order, none written twice.
 */
public final class SteadyProducer implements AutoCloseable {

    /** Long enough to ride out a broker restart on a busy machine. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(5);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final List<Map.Entry<byte[], byte[]>> records;
    private final long periodNanos;
    private final Thread thread;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private int allowed;

    private SteadyProducer(String bootstrapServers, String topic, List<Map.Entry<byte[], byte[]>> records,
            double perSecond) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT.toMillis());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
        this.topic = topic;
        this.records = List.copyOf(records);
        this.periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        this.thread = new Thread(this::run, "steady-producer-" + topic);
        thread.setDaemon(true);
    }

    /** Starts a producer of {@code records} (key, value) to {@code topic} at {@code perSecond}; none allowed yet. */
    public static SteadyProducer start(String bootstrapServers, String topic, List<Map.Entry<byte[], byte[]>> records,
            double perSecond) {
        SteadyProducer producer = new SteadyProducer(bootstrapServers, topic, records, perSecond);
        producer.thread.start();
        return producer;
    }

    /** Allows {@code more} records on top of those allowed so far (never more than there are). */
    public synchronized void allow(int more) {
        allowed = Math.min(records.size(), allowed + more);
        notifyAll();
    }

    /** Allows every record. */
    public void allowAll() {
        allow(records.size());
    }

    /** Records handed to the Kafka producer so far. */
    public int sent() {
        return sent.get();
    }

    public int total() {
        return records.size();
    }

    /**
     * Waits until every record is allowed, sent and acknowledged by the broker; fails with the first send that
     * failed for good.
     */
    public void awaitAcknowledged(Duration timeout) throws Exception {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException(sent.get() + " of " + records.size() + " records sent within " + timeout
                    + " (all allowed: " + (allowed() == records.size()) + ")");
        }
        producer.flush();
        if (failure.get() != null) {
            throw failure.get();
        }
        if (acknowledged.get() != records.size()) {
            throw new IllegalStateException(acknowledged.get() + " of " + records.size() + " records acknowledged");
        }
    }

    private synchronized int allowed() {
        return allowed;
    }

    private void run() {
        long next = System.nanoTime();
        try {
            for (Map.Entry<byte[], byte[]> record : records) {
                synchronized (this) {
                    while (sent.get() >= allowed) {
                        wait();
                        // a batch just allowed starts at the rate, not with a burst to catch up on the wait
                        next = System.nanoTime();
                    }
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += periodNanos;
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                });
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
