package io.iocstream.cli;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink MiniCluster in this JVM that lives as long as the run, not as long as the job: a per-job local
 * environment shuts its cluster down the moment the job ends, before a collector has drained its last results.
 * Everything the cluster writes (its working directory, blobs, the 21 MB copy of Flink's RPC jar, REST uploads)
 * goes to one scratch directory that is deleted when the cluster closes or the JVM is stopped.
 */
final class LocalCluster implements AutoCloseable {

    private final MiniCluster cluster;
    private final URI rest;
    private final ScratchDirectory scratch;

    private LocalCluster(MiniCluster cluster, URI rest, ScratchDirectory scratch) {
        this.cluster = cluster;
        this.rest = rest;
        this.scratch = scratch;
    }

    static LocalCluster start(int slots) throws Exception {
        ScratchDirectory scratch = ScratchDirectory.create("iocstream-flink-");
        Configuration config = new Configuration();
        config.set(CoreOptions.TMP_DIRS, scratch.path().toString());
        config.set(WebOptions.TMP_DIR, scratch.path().toString());
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        // any free port: two runs on one machine must not collide
        config.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config).setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
        // a stopped JVM must not wait long for the cluster before its files are deleted
        scratch.closeOnShutdown(() -> cluster.closeAsync().get(10, TimeUnit.SECONDS));
        try {
            cluster.start();
            return new LocalCluster(cluster, cluster.getRestAddress().get(), scratch);
        } catch (Exception e) {
            cluster.close();
            scratch.close();
            throw e;
        }
    }

    /** An environment that submits to this cluster. */
    StreamExecutionEnvironment environment(int parallelism) {
        Configuration client = new Configuration();
        client.set(DeploymentOptions.TARGET, "remote");
        client.set(RestOptions.ADDRESS, rest.getHost());
        client.set(RestOptions.PORT, rest.getPort());
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(client);
        env.setParallelism(parallelism);
        return env;
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            scratch.close();
        }
    }
}
