package io.iocstream.cli;

import io.iocstream.job.ConfigException;
import io.iocstream.job.IocStreamJob;
import io.iocstream.job.JobConfig;
import io.iocstream.job.JobConfigReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code job}: the production job. Run by {@code bin/iocstream} it starts a local cluster with Flink's web UI and
 * runs until stopped; submitted with {@code flink run}, the same main hands the job to that cluster instead.
 */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Run the production job: Kafka or org events in, the GitHub API, findings to Kafka and files.")
final class JobCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The job's YAML file (docs/configuration.md).")
    Path config;

    @Option(names = "--flink-conf", description = "Flink configuration directory holding config.yaml "
            + "(default: the directory of --config). Not read under flink run, which brings its own.")
    Path flinkConf;

    @Option(names = "--checkpoint-dir", description = "Overrides execution.checkpointing.dir, for one machine.")
    Path checkpointDir;

    @Override
    public Integer call() throws Exception {
        JobConfig job = readConfig();
        StreamExecutionEnvironment context = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!(context instanceof LocalStreamEnvironment)) {
            // under flink run: the cluster's own environment and configuration
            new IocStreamJob(job).addTo(context);
            context.execute(IocStreamJob.NAME);
            return 0;
        }
        requireLocalPaths(job);
        Configuration flink = flinkConfiguration();
        try (JobRun run = JobRun.start(job, flink)) {
            System.err.println("iocstream: job running; Flink web UI at " + run.webUi() + " (Ctrl-C stops it)");
            run.await();
        }
        return 0;
    }

    private JobConfig readConfig() throws UsageException {
        JobConfig job;
        try {
            job = JobConfigReader.read(config, System::getenv);
        } catch (ConfigException e) {
            throw new UsageException("config error: " + e.getMessage());
        }
        if (!job.feeds().configured()) {
            try {
                new FeedCoverage(0, List.of("feeds.directory and feeds.kafka not set"))
                        .requireEntries(job.feeds().allowNone(), "feeds.allow_none: true");
            } catch (UsageException e) {
                throw new UsageException("config error: feeds: " + e.getMessage());
            }
        }
        return job;
    }

    /**
     * On one machine the job's paths are this machine's: a missing feed directory would hold every push back until it
     * appears, an unreadable App key would fail every fetch, an unreadable alert secret every start of the alerts
     * sink. (Under flink run they are the task managers' paths, which the client may not see.)
     */
    private static void requireLocalPaths(JobConfig job) throws UsageException {
        String directory = job.feeds().directory();
        if (directory != null && !Files.isDirectory(Path.of(directory))) {
            throw new UsageException("config error: feeds.directory: not a directory: " + directory);
        }
        JobConfig.App app = job.github().app();
        if (app != null && !Files.isReadable(Path.of(app.privateKeyFile()))) {
            throw new UsageException("config error: github.app.private_key_file: cannot read " + app.privateKeyFile());
        }
        JobConfig.Alerts alerts = job.sinks().alerts();
        for (int i = 0; alerts != null && i < alerts.receivers().size(); i++) {
            String secretFile = alerts.receivers().get(i).secretFile();
            if (secretFile != null && !Files.isReadable(Path.of(secretFile))) {
                throw new UsageException("config error: sinks.alerts.receivers[" + i + "].secret_file: cannot read "
                        + secretFile);
            }
        }
    }

    /** config.yaml of the flink-conf directory, with the checkpoint directory overridden if asked. */
    private Configuration flinkConfiguration() throws UsageException {
        Path dir = flinkConf != null ? flinkConf : config.toAbsolutePath().getParent();
        if (!Files.isRegularFile(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME))) {
            throw new UsageException("config error: --flink-conf: no " + GlobalConfiguration.FLINK_CONF_FILENAME
                    + " in " + dir);
        }
        Configuration flink;
        try {
            flink = GlobalConfiguration.loadConfiguration(dir.toString());
        } catch (RuntimeException e) {
            throw new UsageException("config error: --flink-conf: " + dir + ": " + e.getMessage());
        }
        if (checkpointDir != null) {
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toAbsolutePath().toUri().toString());
        }
        requireWritableCheckpoints(flink);
        return flink;
    }

    /** A local checkpoint directory that cannot be written would fail every checkpoint, so nothing would commit. */
    private static void requireWritableCheckpoints(Configuration flink) throws UsageException {
        String dir = flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        if (dir == null || !dir.startsWith("file:")) {
            return;
        }
        Path path = Path.of(URI.create(dir));
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            // fall through to the check below
        }
        if (!Files.isDirectory(path) || !Files.isWritable(path)) {
            throw new UsageException("config error: " + CheckpointingOptions.CHECKPOINTS_DIRECTORY.key() + ": cannot "
                    + "write " + path + " (--checkpoint-dir DIR sets another)");
        }
    }
}
