package io.iocstream.redrive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads dead letters where the job and {@code replay} leave them: a JSON Lines file ({@code FILE.dead-letters.jsonl}
 * beside a replay's findings, or a day folder's file) or the job's dead-letter topic, every partition from the
 * beginning up to its end when the read starts, as committed ({@code read_committed}). The topic is read without a
 * consumer group, so reading it commits nothing and can be done again. A line or record that is not a dead letter
 * is handed to {@code unreadable}, not dropped in silence.
 */
public final class DeadLetterReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    private DeadLetterReader() {}

    /** The dead letters of a JSON Lines file; blank lines are skipped. */
    public static List<DeadLetter> file(Path file, Consumer<String> unreadable) throws IOException {
        List<DeadLetter> deadLetters = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isBlank()) {
                    read(line.getBytes(StandardCharsets.UTF_8), file + " line " + number, deadLetters, unreadable);
                }
            }
        }
        return deadLetters;
    }

    /** The dead letters committed to {@code topic} up to now. */
    public static List<DeadLetter> topic(String bootstrapServers, String topic, Duration timeout,
            Consumer<String> unreadable) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "iocstream-redrive");
        List<DeadLetter> deadLetters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // with read_committed, the end is the last stable offset: an open transaction's records wait for later
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    read(record.value(), topic + " partition " + record.partition() + " offset " + record.offset(),
                            deadLetters, unreadable);
                }
            }
        }
        return deadLetters;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void read(byte[] value, String where, List<DeadLetter> into, Consumer<String> unreadable) {
        try {
            DeadLetter deadLetter = value == null ? null : JSON.readValue(value, DeadLetter.class);
            if (deadLetter == null || deadLetter.stage() == null) {
                unreadable.accept(where + ": not a dead letter");
            } else {
                into.add(deadLetter);
            }
        } catch (IOException e) {
            unreadable.accept(where + ": not a dead letter: " + DeadLetter.firstLine(e));
        }
    }
}
