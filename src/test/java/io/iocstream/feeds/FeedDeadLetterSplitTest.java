package io.iocstream.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchSettings;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.pipeline.RunOutput;
import io.iocstream.throttle.ThrottleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Feed dead letters leave the feed stream before the broadcast and reach the pipeline's dead-letter output. */
class FeedDeadLetterSplitTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

    static final IocEntry ENTRY = IocEntry.ofVersions("constructed.txt:1", "npm", "constructed-pkg", Set.of("1.0.0"),
            "critical", "constructed.txt");
    static final Indicator INDICATOR = new Indicator("CONSTRUCTED-1", Indicator.Kind.DOMAIN, "constructed.example",
            "high", "", false, "constructed.csv");
    static final DeadLetter BAD_ROW = new DeadLetter("feed", "/feeds/constructed.txt:2",
            "unknown ecosystem prefix 'cobol'", "cobol:x:1.0");

    @Test
    void deadLettersGoToTheSideOutputAndEverythingElsePassesInOrder() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new FeedDeadLetterSplit()))) {
            harness.open();
            harness.processElement(FeedUpdate.entry(ENTRY), 0);
            harness.processElement(FeedUpdate.deadLetter(BAD_ROW), 0);
            harness.processElement(FeedUpdate.indicator(INDICATOR), 0);
            harness.processElement(FeedUpdate.unsupported(Map.of("Debian", 3)), 0);
            harness.processElement(FeedUpdate.initialLoadDone(), 0);

            assertThat(harness.extractOutputValues()).extracting(FeedUpdate::type).containsExactly(
                    FeedUpdate.Type.ENTRIES, FeedUpdate.Type.ENTRIES, FeedUpdate.Type.INITIAL_LOAD_DONE);
            assertThat(harness.getSideOutput(DeadLetter.TAG)).extracting(StreamRecord::getValue)
                    .containsExactly(BAD_ROW);
        }
    }

    @Test
    void entriesOfUnsupportedEcosystemsAreCountedPerEcosystemAsFeedMetrics() {
        MetricListener metrics = new MetricListener();
        UnsupportedEntryCounters counters = new UnsupportedEntryCounters(metrics.getMetricGroup());

        counters.add(Map.of("Debian", 3, "Alpine", 1));
        counters.add(Map.of("Debian", 2));

        assertThat(metrics.getCounter("ecosystem", "Debian", UnsupportedEntryCounters.COUNTER))
                .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(5));
        assertThat(metrics.getCounter("ecosystem", "Alpine", UnsupportedEntryCounters.COUNTER))
                .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(1));
    }

    @Test
    void onAMiniClusterFeedDeadLettersJoinThePipelinesDeadLetters() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        var lines = env.fromData(List.of("not a push event"), Types.STRING);
        var feed = env.fromData(List.of(FeedUpdate.entry(ENTRY), FeedUpdate.deadLetter(BAD_ROW),
                FeedUpdate.indicator(INDICATOR), FeedUpdate.unsupported(Map.of("Debian", 3)),
                FeedUpdate.initialLoadDone()), TypeInformation.of(FeedUpdate.class));

        PipelineOutputs outputs = new IocStreamPipeline(
                FetchSettings.of("http://127.0.0.1:9", null, FetchStrategy.ADAPTIVE), ThrottleSettings.defaults())
                .build(lines, "constructed-events", feed);
        List<RunOutput> results = new ArrayList<>();
        try (CloseableIterator<RunOutput> it = outputs.merged().executeAndCollect("feed dead letters")) {
            it.forEachRemaining(results::add);
        }

        assertThat(results).allSatisfy(r -> assertThat(r.finding()).isNull());
        assertThat(results).extracting(RunOutput::deadLetter).extracting(DeadLetter::stage)
                .containsExactlyInAnyOrder("ingest", "feed");
        assertThat(results).extracting(RunOutput::deadLetter).contains(BAD_ROW);
    }
}
