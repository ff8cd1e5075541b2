package io.iocstream.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The GitHub simulator in a process of its own ({@code iocstream sim} on a free port), for benchmarks that measure
 * the job's heap: the simulator caches every tree it has served, which would otherwise count as the job's memory.
 */
final class SimulatorProcess implements AutoCloseable {

    private final Process process;
    private final String baseUrl;

    private SimulatorProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code sim --world world --latency-ms latencyMs}, its output in {@code log}; returns once it listens. */
    static SimulatorProcess start(Path world, long latencyMs, Path log) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sim", "--world",
                world.toString(), "--port", String.valueOf(port), "--latency-ms", String.valueOf(latencyMs))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SimulatorProcess sim = new SimulatorProcess(process, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return sim;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        sim.close();
        throw new IllegalStateException("the simulator did not start; " + log + ":\n" + Files.readString(log));
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
