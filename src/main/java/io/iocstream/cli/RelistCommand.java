package io.iocstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.ingest.InputTopicWriter;
import io.iocstream.ingest.OrgRepositoriesListing;
import io.iocstream.ingest.OrgRepositoriesSettings;
import io.iocstream.job.ConfigException;
import io.iocstream.job.JobConfig;
import io.iocstream.job.JobConfigReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relist}: lists the repositories again now, not at the next {@code relist_interval}. It runs the job's own
 * listing (same pages, pace and rate-limit share, as the job reads GitHub) here and publishes each repository's
 * baseline request to the running job's input topic, which plans a baseline for every ref it has never scanned.
 */
@Command(name = "relist", mixinStandardHelpOptions = true,
        description = "List the organisation's repositories now and send the running job a baseline request for each.")
final class RelistCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--config", required = true, description = "The job's YAML file (docs/configuration.md).")
    Path config;

    @Option(names = "--org", description = "List only this organisation (default: sources.org_listing).")
    String org;

    @Override
    public Integer call() throws Exception {
        JobConfig job;
        OrgRepositoriesSettings settings;
        try {
            job = JobConfigReader.read(config, System::getenv);
            settings = job.relistSettings(org);
        } catch (ConfigException e) {
            throw new UsageException("config error: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--org: not an organisation login: '" + org + "'");
        }
        JobConfig.KafkaEvents input = job.sources().kafka();
        if (input == null) {
            throw new UsageException("config error: sources.kafka: required by relist, which sends the baseline "
                    + "requests to the job's input topic");
        }
        long requested;
        try (InputTopicWriter writer = new InputTopicWriter(input.bootstrapServers(), input.topic())) {
            requested = OrgRepositoriesListing.run(settings, line -> writer.send(repository(line), line));
        }
        System.out.println("relist: " + requested + " baseline requests sent to " + input.topic());
        return 0;
    }

    /** The key of a baseline request: its repository, as a webhook sender keys a push. */
    private static String repository(String baselineLine) {
        try {
            return JSON.readTree(baselineLine).path("repository").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the listing wrote a line that is not JSON", e);
        }
    }
}
