package io.iocstream.job;

import io.iocstream.alerts.AlertStreams;
import io.iocstream.core.DeadLetter;
import io.iocstream.feeds.FeedDirectorySettings;
import io.iocstream.feeds.FeedDirectorySource;
import io.iocstream.feeds.FeedLoadBarrier;
import io.iocstream.feeds.FeedTopicSource;
import io.iocstream.feeds.FeedUpdate;
import io.iocstream.feeds.HttpFeedSettings;
import io.iocstream.feeds.HttpFeedSource;
import io.iocstream.findings.DayFolders;
import io.iocstream.findings.KafkaOutputs;
import io.iocstream.ingest.KafkaEventsSource;
import io.iocstream.ingest.OrgEventsSource;
import io.iocstream.ingest.OrgRepositoriesSource;
import io.iocstream.pipeline.IocStreamPipeline;
import io.iocstream.pipeline.PipelineOptions;
import io.iocstream.pipeline.PipelineOutputs;
import io.iocstream.statuses.CommitStatusSink;
import io.iocstream.statuses.StatusSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production job: the sources its configuration names (a Kafka topic of pushes, org event pollers, the org
 * repository listing; a feed directory and a feed topic), the one {@link IocStreamPipeline} graph, and the sinks it
 * names (Kafka topics exactly once, day folders of files, alerts at least once, commit statuses or check runs on
 * GitHub). Every operator has a fixed uid, so state survives upgrades.
 */
public final class IocStreamJob {

    /** The job's name in Flink. */
    public static final String NAME = "iocstream";

    private final JobConfig config;

    public IocStreamJob(JobConfig config) {
        this.config = config;
    }

    /** Adds the whole job to {@code env}; {@code env.execute} runs it. */
    public void addTo(StreamExecutionEnvironment env) {
        PipelineOutputs outputs = addSourcesAndPipeline(env);
        DataStream<DeadLetter> deadLetters = outputs.deadLetters();
        if (config.sinks().alerts() != null) {
            deadLetters = AlertStreams.attach(outputs.findings(), config.sinks().alerts().settings())
                    .map(deadLetters::union).orElse(deadLetters);
        }
        JobConfig.KafkaSinks kafka = config.sinks().kafka();
        if (kafka != null) {
            outputs.findings().sinkTo(KafkaOutputs.findings(kafka.bootstrapServers(), kafka.findingsTopic(),
                    kafka.transactionalIdPrefix(), kafka.transactionTimeout())).name("findings-kafka")
                    .uid("findings-kafka");
            deadLetters.sinkTo(KafkaOutputs.deadLetters(kafka.bootstrapServers(), kafka.deadLettersTopic(),
                    kafka.transactionalIdPrefix(), kafka.transactionTimeout())).name("dead-letters-kafka")
                    .uid("dead-letters-kafka");
            if (kafka.scansTopic() != null) {
                outputs.scans().sinkTo(KafkaOutputs.scans(kafka.bootstrapServers(), kafka.scansTopic(),
                        kafka.transactionalIdPrefix(), kafka.transactionTimeout())).name("scans-kafka")
                        .uid("scans-kafka");
            }
        }
        JobConfig.FileSinks files = config.sinks().files();
        if (files != null) {
            outputs.findings().sinkTo(DayFolders.findings(files.path())).name("findings-files")
                    .uid("findings-files");
            deadLetters.sinkTo(DayFolders.deadLetters(files.path())).name("dead-letters-files")
                    .uid("dead-letters-files");
            outputs.scans().sinkTo(DayFolders.scans(files.path())).name("scans-files").uid("scans-files");
        }
        StatusSettings marks = config.statusSettings();
        if (marks != null) {
            // one queue for the account's content-creation limits: parallelism 1
            outputs.scans().sinkTo(new CommitStatusSink(marks)).name("commit-statuses").uid("commit-statuses")
                    .setParallelism(1);
        }
    }

    /**
     * Adds the configured sources and the pipeline, not the sinks: the outputs are the caller's to attach (a test
     * that restores a savepoint of the job attaches its own).
     */
    public PipelineOutputs addSourcesAndPipeline(StreamExecutionEnvironment env) {
        List<String> names = new ArrayList<>();
        DataStream<String> events = events(env, names);
        PipelineOptions options = PipelineOptions.defaults()
                .withWebLinks(config.github().webLinks())
                .withLifetimes(config.branchLifetimes())
                .withDocumentation(config.matching().documentationPolicy())
                .withSuppressions(config.suppressions().set());
        return new IocStreamPipeline(config.fetchSettings(), config.throttleSettings(), options)
                .build(events, String.join(" + ", names), feeds(env));
    }

    /** The raw event lines of every configured source, one stream; {@code names} says where they come from. */
    private DataStream<String> events(StreamExecutionEnvironment env, List<String> names) {
        JobConfig.Sources sources = config.sources();
        List<DataStream<String>> streams = new ArrayList<>();
        if (sources.kafka() != null) {
            JobConfig.KafkaEvents kafka = sources.kafka();
            streams.add(env.fromSource(KafkaEventsSource.create(kafka.bootstrapServers(), kafka.topic(),
                    kafka.groupId(), kafka.startFrom() == JobConfig.StartFrom.COMMITTED),
                    WatermarkStrategy.noWatermarks(), "kafka-events").uid("kafka-events"));
            names.add("kafka " + kafka.topic());
        }
        for (JobConfig.OrgEvents org : sources.orgEvents()) {
            streams.add(env.fromSource(OrgEventsSource.create(config.orgEventsSettings(org)),
                    WatermarkStrategy.noWatermarks(), "org-events-" + org.org()).uid("org-events-" + org.org())
                    .setParallelism(1));
            names.add("org events " + org.org());
        }
        if (sources.orgListing() != null) {
            streams.add(env.fromSource(OrgRepositoriesSource.create(config.orgListingSettings()),
                    WatermarkStrategy.noWatermarks(), "org-repositories").uid("org-repositories").setParallelism(1));
            names.add("org repositories");
        }
        DataStream<String> all = streams.get(0);
        for (DataStream<String> more : streams.subList(1, streams.size())) {
            all = all.union(more);
        }
        return all;
    }

    /** The IOC feed updates of every configured feed, announcing the initial load once all are loaded. */
    private DataStream<FeedUpdate> feeds(StreamExecutionEnvironment env) {
        JobConfig.Feeds feeds = config.feeds();
        List<DataStream<FeedUpdate>> streams = new ArrayList<>();
        if (feeds.directory() != null) {
            streams.add(env.fromSource(FeedDirectorySource.create(FeedDirectorySettings.of(Path.of(feeds.directory()),
                    feeds.pollInterval())), WatermarkStrategy.noWatermarks(), "feed-directory").uid("feed-directory")
                    .setParallelism(1));
        }
        if (feeds.kafka() != null) {
            streams.add(env.fromSource(FeedTopicSource.create(FeedTopicSource.Settings.of(
                    feeds.kafka().bootstrapServers(), feeds.kafka().topic())), WatermarkStrategy.noWatermarks(),
                    "feed-topic").uid("feed-topic").setParallelism(1));
        }
        HttpFeedSettings http = feeds.httpSettings();
        if (http != null) {
            streams.add(env.fromSource(HttpFeedSource.create(http), WatermarkStrategy.noWatermarks(), "feed-http")
                    .uid("feed-http").setParallelism(1));
        }
        if (streams.isEmpty()) {
            // feeds.allow_none: the matcher is told at once that there is nothing to wait for
            return env.fromData(List.of(FeedUpdate.initialLoadDone()), TypeInformation.of(FeedUpdate.class))
                    .uid("no-feeds").setParallelism(1);
        }
        if (streams.size() == 1) {
            return streams.get(0);
        }
        DataStream<FeedUpdate> all = streams.get(0);
        for (DataStream<FeedUpdate> more : streams.subList(1, streams.size())) {
            all = all.union(more);
        }
        return all.process(new FeedLoadBarrier(streams.size()))
                .name("feed-load-barrier").uid("feed-load-barrier").setParallelism(1);
    }
}
