package io.iocstream.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a real MiniCluster: while the throttle holds input back, the source upstream (across a network exchange)
 * stops producing once the buffers between them are full, and every record still arrives after the release.
 */
class BackpressureTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

    static final AtomicLong PRODUCED = new AtomicLong();
    static final AtomicLong PASSED = new AtomicLong();
    static final long RECORDS = 2_000_000;

    @Test
    void aPausedThrottleStopsTheSource() throws Exception {
        ScriptedProbe.set(0.95);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSequence(1, RECORDS).map(new CountProduced()).name("source-side")
                .rebalance()
                .transform("throttle", Types.LONG, new MemoryThrottle<Long>(ScriptedProbe.settings(true)))
                .map(new CountPassed())
                .sinkTo(new Discard());
        var job = env.executeAsync("backpressure");

        long plateau = waitForPlateau();
        assertThat(plateau).as("the source stalls well before the end").isLessThan(RECORDS / 2);
        assertThat(PASSED.get()).isLessThanOrEqualTo(1);

        ScriptedProbe.set(0.5);
        job.getJobExecutionResult().get();
        assertThat(PRODUCED.get()).isEqualTo(RECORDS);
        assertThat(PASSED.get()).isEqualTo(RECORDS);
    }

    /** Waits until the source's count stops moving for a while, and returns it. */
    private static long waitForPlateau() throws InterruptedException {
        long last = -1;
        int still = 0;
        for (int i = 0; i < 200 && still < 5; i++) {
            Thread.sleep(100);
            long now = PRODUCED.get();
            still = now == last && now > 0 ? still + 1 : 0;
            last = now;
        }
        return last;
    }

    /** Takes every record and keeps none. */
    static final class Discard implements Sink<Long> {
        @Override
        public SinkWriter<Long> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Long element, Context ctx) {}

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    static final class CountProduced implements MapFunction<Long, Long> {
        @Override
        public Long map(Long value) {
            PRODUCED.incrementAndGet();
            return value;
        }
    }

    static final class CountPassed implements MapFunction<Long, Long> {
        @Override
        public Long map(Long value) {
            PASSED.incrementAndGet();
            return value;
        }
    }
}
