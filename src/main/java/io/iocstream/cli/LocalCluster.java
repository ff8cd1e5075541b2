package io.iocstream.cli;

import java.net.URI;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink MiniCluster in this JVM that lives as long as the run, not as long as the job: a per-job local
 * environment shuts its cluster down the moment the job ends, before a collector has drained its last results.
 */
final class LocalCluster implements AutoCloseable {

    private final MiniCluster cluster;
    private final URI rest;

    private LocalCluster(MiniCluster cluster, URI rest) {
        this.cluster = cluster;
        this.rest = rest;
    }

    static LocalCluster start(int slots) throws Exception {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        // any free port: two runs on one machine must not collide
        config.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config).setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
        cluster.start();
        return new LocalCluster(cluster, cluster.getRestAddress().get());
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
        cluster.close();
    }
}
