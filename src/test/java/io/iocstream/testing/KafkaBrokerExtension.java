package io.iocstream.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker in this JVM ({@link KafkaBroker}) for a whole test class: started, with the topics named
 * here, before the class's first {@code @BeforeAll} method and closed after its last {@code @AfterAll} method.
 * Register it on a static field; the tests then use it as the broker itself:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension kafka = new KafkaBrokerExtension().withTopic("feeds", 2, true);
 * }</pre>
 *
 * Tests that stop the broker and start it again while they run use {@link KafkaProcess} instead.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback, TestBroker {

    private record Topic(String name, int partitions, boolean compacted) {}

    private final List<Topic> topics = new ArrayList<>();
    private KafkaBroker broker;

    /** Adds a topic to create once the broker runs, as {@link TestBroker#createTopic} does; returns this. */
    public KafkaBrokerExtension withTopic(String name, int partitions, boolean compacted) {
        topics.add(new Topic(name, partitions, compacted));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker = KafkaBroker.start();
        try {
            for (Topic topic : topics) {
                broker.createTopic(topic.name(), topic.partitions(), topic.compacted());
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public String bootstrapServers() {
        if (broker == null) {
            // an instance field's extension never hears beforeAll
            throw new IllegalStateException("no broker runs: register the KafkaBrokerExtension on a static field");
        }
        return broker.bootstrapServers();
    }

    /** Closes the broker, if it runs. */
    @Override
    public void close() throws Exception {
        if (broker != null) {
            KafkaBroker running = broker;
            broker = null;
            running.close();
        }
    }
}
