package io.iocstream.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in a process of its own (KRaft, one combined node on fixed loopback ports, its log under one
 * directory), for tests that stop the broker and start it again: the clients of the process under test see it go
 * away and come back at the same address with the same data. It runs kafka_2.13's own {@code kafka.Kafka} on the
 * test classpath, formatted first with {@code kafka.tools.StorageTool}.
 */
public final class KafkaProcess implements TestBroker {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path properties;
    private final int port;
    private Process process;

    private KafkaProcess(Path dir, Path properties, int port) {
        this.dir = dir;
        this.properties = properties;
        this.port = port;
    }

    /** Formats a broker's storage under {@code dir} and starts it. */
    public static KafkaProcess start(Path dir) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        int controllerPort = freePort();
        Path properties = Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        KafkaProcess kafka = new KafkaProcess(dir, properties, port);
        Process format = new ProcessBuilder(kafka.java("kafka.tools.StorageTool", "format", "--standalone", "-t",
                Uuid.randomUuid().toString(), "-c", properties.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("formatting the broker's storage failed: " + Files.readString(dir.resolve(
                    "format.log")));
        }
        kafka.startAgain();
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the stopped broker on the same ports and data, and waits until it answers. */
    public void startAgain() throws Exception {
        process = new ProcessBuilder(java("kafka.Kafka", properties.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("the broker stopped: " + Files.readString(dir.resolve("broker.log")));
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the broker did not start within " + START_TIMEOUT);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** Stops the broker (SIGTERM, a clean shutdown) and waits until its port is closed. */
    public void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        while (listening()) {
            Thread.sleep(100);
        }
    }

    /** The broker's log: what it wrote in every start. */
    public Path log() {
        return dir.resolve("broker.log");
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
