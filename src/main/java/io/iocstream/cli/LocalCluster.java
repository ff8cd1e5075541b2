package io.iocstream.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A Flink MiniCluster in this JVM that lives as long as the run, not as long as the job: a per-job local
 * environment shuts its cluster down the moment the job ends, before a collector has drained its last results.
 * Everything the cluster writes (its working directory, blobs, the 21 MB copy of Flink's RPC jar, REST uploads)
 * goes to one scratch directory that is deleted when the cluster closes or the JVM is stopped. The one file
 * written elsewhere, the plan that Flink's REST client writes to java.io.tmpdir while it submits a job, is deleted
 * then too.
 */
final class LocalCluster implements AutoCloseable {

    /** How Flink's REST client names a job's plan: {@code createTempFile("flink-executionPlan-" + jobId, ".bin")}. */
    private static final String PLAN_FILE = "flink-executionPlan-";

    private final MiniCluster cluster;
    private final Configuration config;
    private final ScratchDirectory scratch;
    private final ReentrantLock submitting = new ReentrantLock();
    private final List<JobID> submitted = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private URI rest;

    private LocalCluster(MiniCluster cluster, Configuration config, ScratchDirectory scratch) {
        this.cluster = cluster;
        this.config = config;
        this.scratch = scratch;
    }

    /** The REST endpoint, which also serves Flink's web UI. */
    URI rest() {
        return rest;
    }

    static LocalCluster start(int slots) throws Exception {
        Configuration config = new Configuration();
        // any free port: two runs on one machine must not collide
        config.set(RestOptions.BIND_PORT, "0");
        return start(config, slots);
    }

    /**
     * A cluster configured by {@code flink} (a flink-conf directory's config.yaml: its REST port serves the web UI,
     * its job settings, checkpointing and state backend, reach every job submitted through {@link #environment}).
     */
    static LocalCluster start(Configuration flink, int slots) throws Exception {
        ScratchDirectory scratch = ScratchDirectory.create("iocstream-flink-");
        Configuration config = new Configuration(flink);
        config.set(CoreOptions.TMP_DIRS, scratch.path().toString());
        config.set(WebOptions.TMP_DIR, scratch.path().toString());
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        LocalCluster local = new LocalCluster(new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config).setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build()), config,
                scratch);
        // a stopped JVM must not wait long for the cluster before its files are deleted
        scratch.closeOnShutdown(() -> local.stop(() -> local.cluster.closeAsync().get(10, TimeUnit.SECONDS)));
        try {
            local.cluster.start();
            local.rest = local.cluster.getRestAddress().get();
            return local;
        } catch (Exception e) {
            local.close();
            throw e;
        }
    }

    /** An environment that submits to this cluster, with the job settings the cluster was configured with. */
    StreamExecutionEnvironment environment(int parallelism) {
        Configuration client = new Configuration(config);
        client.set(DeploymentOptions.TARGET, "remote");
        client.set(RestOptions.ADDRESS, rest.getHost());
        client.set(RestOptions.PORT, rest.getPort());
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(client) {
            @Override
            public JobClient executeAsync(StreamGraph graph) throws Exception {
                return submit(graph.getJobID(), () -> super.executeAsync(graph));
            }
        };
        env.setParallelism(parallelism);
        return env;
    }

    /** Submits a job unless the cluster is stopping; its plan file, if any, exists by the time this returns. */
    private JobClient submit(JobID job, Callable<JobClient> submission) throws Exception {
        // one at a time with stop(): no submission can write a plan file after stop() has deleted them
        submitting.lock();
        try {
            if (stopped) {
                throw new IllegalStateException("the local cluster is closing: job " + job + " is not submitted");
            }
            submitted.add(job);
            return submission.call();
        } finally {
            submitting.unlock();
        }
    }

    /** Lets no job be submitted any more, closes the cluster, then deletes the plan files of the jobs it was sent. */
    private void stop(AutoCloseable closeCluster) throws Exception {
        // a submission under way is waited for (briefly: the cluster is still up), so that its plan file is deleted
        boolean locked = submitting.tryLock(10, TimeUnit.SECONDS);
        stopped = true;
        if (locked) {
            submitting.unlock();
        }
        try {
            closeCluster.close();
        } finally {
            deletePlanFiles();
        }
    }

    /**
     * Flink's client deletes a job's plan file only once the submission is over, so a JVM stopped during one leaves
     * it in java.io.tmpdir (the directory Files.createTempFile uses: read once, and nothing here changes it).
     */
    private void deletePlanFiles() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (JobID job : submitted) {
            try (DirectoryStream<Path> plans = Files.newDirectoryStream(tmp, PLAN_FILE + job + "*.bin")) {
                for (Path plan : plans) {
                    Files.deleteIfExists(plan);
                }
            } catch (IOException e) {
                // nothing that can be deleted: the run is ending anyway
            }
        }
    }

    /** Stops the task manager, as a crash would, and starts another: for tests of a job's recovery. */
    void replaceTaskManager() throws Exception {
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();
    }

    @Override
    public void close() throws Exception {
        try {
            stop(cluster::close);
        } finally {
            scratch.close();
        }
    }
}
