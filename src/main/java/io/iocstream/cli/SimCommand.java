package io.iocstream.cli;

import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sim}: the GitHub simulator on its own, until interrupted. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Serve a world directory as a GitHub API on 127.0.0.1 until interrupted.")
final class SimCommand implements Callable<Integer> {

    @Option(names = "--world", required = true, description = "World directory with repos/.")
    Path world;

    @Option(names = "--port", required = true, description = "Port on 127.0.0.1 (0 picks a free one).")
    int port;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Latency added to every response.")
    long latencyMs;

    @Option(names = "--long-tail", description = "Make 5% of requests 10x and 1% 50x slower.")
    boolean longTail;

    @Option(names = "--error-rate", defaultValue = "0", description = "Fraction of requests failed with 5xx.")
    double errorRate;

    @Option(names = "--rate-limit", description = "Requests per hour before 403 (default: effectively unlimited).")
    Integer rateLimit;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(world.resolve("repos"))) {
            throw new UsageException("world has no repos/ directory: " + world);
        }
        OptionChecks.between("--port", port, 0, 65535);
        OptionChecks.atLeast("--latency-ms", latencyMs, 0);
        OptionChecks.fraction("--error-rate", errorRate);
        int limit = rateLimit == null ? SimulatorOptions.DEFAULT_RATE_LIMIT : rateLimit;
        OptionChecks.atLeast("--rate-limit", limit, 1);
        CountDownLatch stopped = new CountDownLatch(1);
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.of(latencyMs, errorRate, limit).withLongTailLatency(longTail),
                port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("GitHub simulator serving " + world.toAbsolutePath() + " at " + sim.baseUrl());
            System.out.flush();
            stopped.await();
        }
        return 0;
    }
}
