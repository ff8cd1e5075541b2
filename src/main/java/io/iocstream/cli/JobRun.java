package io.iocstream.cli;

import io.iocstream.job.IocStreamJob;
import io.iocstream.job.JobConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production job on one machine: a local cluster configured by the flink-conf directory (its web UI on the
 * configured REST port, its checkpointing and state backend), running {@link IocStreamJob} until it is cancelled.
 */
final class JobRun implements AutoCloseable {

    private final LocalCluster cluster;
    private final JobClient job;

    private JobRun(LocalCluster cluster, JobClient job) {
        this.cluster = cluster;
        this.job = job;
    }

    static JobRun start(JobConfig config, Configuration flink) throws Exception {
        LocalCluster cluster = LocalCluster.start(flink, flink.get(TaskManagerOptions.NUM_TASK_SLOTS));
        try {
            StreamExecutionEnvironment env = cluster.environment(flink.get(CoreOptions.DEFAULT_PARALLELISM));
            new IocStreamJob(config).addTo(env);
            return new JobRun(cluster, env.executeAsync(IocStreamJob.NAME));
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    JobClient job() {
        return job;
    }

    LocalCluster cluster() {
        return cluster;
    }

    /** Flink's web UI. */
    String webUi() {
        return "http://" + cluster.rest().getHost() + ":" + cluster.rest().getPort() + "/";
    }

    /** Waits for the job's end: a failure past the restart strategy, or a cancellation. */
    void await() throws Exception {
        job.getJobExecutionResult().get();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
