package io.iocstream.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.flink.client.cli.CliFrontend;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A standalone Flink session cluster as the start-up scripts of a Flink distribution make it, without the
 * distribution: a JobManager ({@link StandaloneSessionClusterEntrypoint}) and a TaskManager
 * ({@link TaskManagerRunner}), which a test may kill and replace, each its own JVM with the memory flags Flink
 * derives from the configuration, on loopback and free ports, everything they write under one directory. Their
 * classpath is what a Flink cluster provides, not the project's classes: a job only runs from a submitted jar.
 * Flink's command line client runs against it as {@code bin/flink} would.
 */
public final class StandaloneCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);
    /** Libraries in Flink's distribution (flink-dist) that the cluster jar bundles as well, for the job's own use. */
    private static final List<String> FLINK_ALSO_SHIPS = List.of("commons-lang3-", "jsr305-", "lz4-java-");

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final Thread killOnExit = new Thread(this::kill, "standalone-cluster-kill");
    private final Path dir;
    private final Configuration config;
    private final String classpath;
    private final FlinkRest rest;
    private Process jobManager;
    private Process taskManager;
    private int taskManagersStarted;

    private StandaloneCluster(Path dir, Configuration config, String classpath) {
        this.dir = dir;
        this.config = config;
        this.classpath = classpath;
        this.rest = new FlinkRest("http://127.0.0.1:" + config.get(RestOptions.PORT), this::diagnostics);
    }

    /**
     * Starts a cluster configured by the config.yaml of {@code flinkConf} with {@code settings} over it,
     * whose processes see the runtime jars of {@code runtimeClasspath} (Maven's build-classpath output) that
     * {@code clusterJar} does not hold; returns once its TaskManager has registered.
     */
    public static StandaloneCluster start(Path flinkConf, Map<String, String> settings, Path runtimeClasspath,
            Path clusterJar, Path dir) throws Exception {
        Configuration config = writeConfig(flinkConf, settings, dir);
        StandaloneCluster cluster = new StandaloneCluster(dir, config, flinkClasspath(runtimeClasspath, clusterJar));
        Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
        try {
            JobManagerProcessSpec jobManager = JobManagerProcessUtils.processSpecFromConfig(config);
            cluster.jobManager = cluster.launch("jobmanager", JobManagerProcessUtils.generateJvmParametersStr(jobManager, config)
                    + javaOptions(config, CoreOptions.FLINK_JM_JVM_OPTIONS), StandaloneSessionClusterEntrypoint.class,
                    JobManagerProcessUtils.generateDynamicConfigsStr(jobManager));
            cluster.startTaskManager();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Starts another TaskManager as Flink's scripts do and returns once it has registered with the JobManager. Each
     * has a resource id (and logs) of its own: the first {@code taskmanager}, then {@code taskmanager-2}, ...
     */
    public void startTaskManager() throws Exception {
        taskManagersStarted++;
        String name = taskManagersStarted == 1 ? "taskmanager" : "taskmanager-" + taskManagersStarted;
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
        taskManager = launch(name, ProcessMemoryUtils.generateJvmParametersStr(spec)
                + javaOptions(config, CoreOptions.FLINK_TM_JVM_OPTIONS), TaskManagerRunner.class,
                TaskExecutorProcessUtils.generateDynamicConfigsStr(spec) + " -D "
                        + TaskManagerOptions.TASK_MANAGER_RESOURCE_ID.key() + "=" + name);
        awaitTaskManager(name);
    }

    /**
     * Kills the running TaskManager as a machine failure would: SIGKILL, no shutdown of any kind; returns once the
     * process is gone. The JobManager learns of it only when its heartbeats go unanswered.
     */
    public void killTaskManager() throws InterruptedException {
        taskManager.destroyForcibly().waitFor();
    }

    /** Copies every process's logs to {@code to}, to keep them past the test's temporary directory. */
    public void copyLogs(Path to) throws IOException {
        Files.createDirectories(to);
        for (Path log : logs) {
            if (Files.exists(log)) {
                Files.copy(log, to.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The cluster's REST API, where jobs are submitted. */
    public FlinkRest rest() {
        return rest;
    }

    /** What Flink's command line client printed and how it exited. */
    public record ClientRun(int exitCode, String output) {}

    /**
     * Runs Flink's command line client against this cluster as {@code bin/flink ARGS} does (its configuration
     * directory, the client's JVM options); returns once it has exited.
     */
    public ClientRun flink(String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("log").resolve("client.out");
        List<String> command = java(javaOptions(config, CoreOptions.FLINK_CLI_JVM_OPTIONS), "client.log");
        if (!logs.contains(out)) {
            logs.add(dir.resolve("log").resolve("client.log"));
            logs.add(out);
        }
        command.add(CliFrontend.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        client.environment().put(ConfigConstants.ENV_FLINK_CONF_DIR, dir.resolve("conf").toString());
        Process process = client.start();
        if (!process.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("flink " + String.join(" ", args) + " still running after "
                    + CLIENT_TIMEOUT + ": " + Files.readString(out) + diagnostics());
        }
        return new ClientRun(process.exitValue(), Files.readString(out));
    }

    /** Everything the processes have logged so far. */
    public String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            text.append(Files.readString(log, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /** The last lines of each process's log, for a failure message. */
    public String diagnostics() {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                text.append("\n--- ").append(log.getFileName()).append(" (last 40 lines of ").append(log).append(")\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(line -> text.append(line).append('\n'));
            } catch (IOException e) {
                text.append("\n--- ").append(log).append(": ").append(e.getMessage());
            }
        }
        return text.toString();
    }

    /**
     * The config.yaml of {@code flinkConf} with the cluster's settings over it: loopback only, free ports, every
     * directory under {@code dir}, memory for a small machine; then {@code settings}. Written for the processes.
     */
    private static Configuration writeConfig(Path flinkConf, Map<String, String> settings, Path dir)
            throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Configuration config = GlobalConfiguration.loadConfiguration(flinkConf.toString());
        config.setString("jobmanager.rpc.address", "127.0.0.1");
        config.setString("jobmanager.bind-host", "127.0.0.1");
        config.setString("jobmanager.rpc.port", String.valueOf(freePort()));
        config.setString("rest.address", "127.0.0.1");
        config.setString("rest.bind-address", "127.0.0.1");
        config.setString("rest.port", String.valueOf(freePort()));
        // each process's Prometheus reporter on a port of its own
        config.setString("metrics.reporter.prom.port", "0");
        config.setString("taskmanager.host", "127.0.0.1");
        config.setString("taskmanager.bind-host", "127.0.0.1");
        config.setString("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        config.setString("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
        config.setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
        config.setString("io.tmp.dirs", tmp.toString());
        config.setString("web.tmpdir", tmp.toString());
        // two JVMs among other builds on two cores: small, but enough task heap for the throttle to stay calm
        config.setString("jobmanager.memory.process.size", "768m");
        config.setString("taskmanager.memory.process.size", "1280m");
        config.setString("taskmanager.numberOfTaskSlots", "2");
        config.setString("parallelism.default", "2");
        settings.forEach(config::setString);
        Files.write(conf.resolve(GlobalConfiguration.FLINK_CONF_FILENAME),
                ConfigurationUtils.convertConfigToWritableLines(config, false), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                appender.file.name = file
                appender.file.type = File
                appender.file.fileName = ${sys:log.file}
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
                """);
        return config;
    }

    /** The JVM options Flink's scripts add from the configuration: env.java.default-opts.all, opts.all, the role's. */
    private static String javaOptions(Configuration config, ConfigOption<String> role) {
        return Stream.of(CoreOptions.FLINK_DEFAULT_JVM_OPTIONS, CoreOptions.FLINK_JVM_OPTIONS, role)
                .map(option -> config.getOptional(option).orElse("")).collect(Collectors.joining(" ", " ", ""));
    }

    /** Starts one process the way Flink's scripts do: its memory flags, the config dir, the derived settings. */
    private Process launch(String name, String jvmOptions, Class<?> entryPoint, String dynamicConfigs)
            throws IOException {
        Path out = dir.resolve("log").resolve(name + ".out");
        List<String> command = java(jvmOptions, name + ".log");
        command.add(entryPoint.getName());
        command.add("--configDir");
        command.add(dir.resolve("conf").toString());
        command.addAll(Arrays.asList(dynamicConfigs.trim().split("\\s+")));
        logs.add(dir.resolve("log").resolve(name + ".log"));
        logs.add(out);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        processes.add(process);
        return process;
    }

    /** A java command on the cluster's classpath, logging to {@code log}, its temporary files under {@link #dir}. */
    private List<String> java(String jvmOptions, String log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(jvmOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).forEach(command::add);
        command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        command.add("-Dlog.file=" + Files.createDirectories(dir.resolve("log")).resolve(log));
        command.add("-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties").toUri());
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    private void awaitTaskManager(String resourceId) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process process : List.of(jobManager, taskManager)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a cluster process exited with " + process.exitValue()
                            + diagnostics());
                }
            }
            if (rest.taskManagerIds().contains(resourceId)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(resourceId + " did not register within " + START_TIMEOUT + diagnostics());
    }

    /**
     * What a Flink distribution brings itself: the runtime jars none of whose classes the cluster jar holds (Flink,
     * RocksDB, logging), and the libraries Flink needs that the job bundles too ({@link #FLINK_ALSO_SHIPS}). The
     * Kafka connector and the job's other dependencies come only with the submitted jar.
     */
    private static String flinkClasspath(Path runtimeClasspath, Path clusterJar) throws IOException {
        Set<String> bundled = classes(clusterJar);
        List<String> flink = new ArrayList<>();
        for (String jar : Files.readString(runtimeClasspath).strip().split(File.pathSeparator)) {
            String name = Path.of(jar).getFileName().toString();
            if (FLINK_ALSO_SHIPS.stream().anyMatch(name::startsWith)
                    || classes(Path.of(jar)).stream().noneMatch(bundled::contains)) {
                flink.add(jar);
            }
        }
        return String.join(File.pathSeparator, flink);
    }

    /** A jar's classes, without the Java 9+ variants a multi-release jar keeps under META-INF/versions. */
    private static Set<String> classes(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<String> names = new HashSet<>();
            file.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")
                    && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")).forEach(names::add);
            return names;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the processes as a Flink script does (SIGTERM), forcibly after a grace period; also on failure. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running this
        }
    }

    private void kill() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
