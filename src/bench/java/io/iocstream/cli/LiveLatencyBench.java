package io.iocstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.iocstream.core.JobMetrics;
import io.iocstream.job.JobConfigReader;
import io.iocstream.testing.KafkaProcess;
import io.iocstream.testing.LatencyRecorder;
import io.iocstream.world.WorldGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end latency of the production path (issue 18): a generated world's pushes produced to a real Kafka broker's
 * input topic at offered rates (100, 500, 1,000 a second by default, each for {@code --duration}), the production
 * job ({@link io.iocstream.job.IocStreamJob} from its YAML, on a local cluster configured by the shipped
 * flink-conf: RocksDB, incremental exactly-once checkpoints at the configured interval) reading it, the GitHub
 * simulator (its own process, a fixed latency a request) serving the world, findings, scan records and dead letters
 * written to Kafka exactly once and alerts delivered to a generic webhook receiver on loopback.
 *
 * <p>Measured per rate: from a push handed to the producer to its alert received (for the pushes the world's
 * expected findings say open one), and to its finding and its scan record readable with {@code read_committed}
 * (which waits for the checkpoint that commits the Kafka transaction); the job's throughput (its {@code eventsIn}
 * metric), the input's consumer lag (pushes produced and not yet counted in by the job's {@code eventsIn}; and by
 * the group's committed offsets, which move on checkpoints), API requests per file fetched; and every few seconds
 * heap, heap after the last GC, RocksDB's live data and memtables (its own metrics) and the checkpoint directory.
 * The broker and the simulator run as processes of their own, so the heap measured is the job's (and this
 * benchmark's small clients').
 *
 * <pre>
 * mvn -q -Pbench test-compile exec:exec@live-latency -Dbench.args="--duration 180"
 * mvn -q -Pbench test-compile exec:exec@live-latency -Dbench.args="--quick"
 * </pre>
 */
public final class LiveLatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "iocstream-bench";
    private static final String ZERO = "0".repeat(40);
    private static final String TOKEN_ENV = "IOCSTREAM_BENCH_TOKEN";
    private static final long MB = 1024 * 1024;
    /** Targets of issue 18, on 2 cores. */
    private static final long ALERT_P99_TARGET_MS = 2_000;
    private static final int ALERT_TARGET_RATE = 500;
    private static final int THROUGHPUT_TARGET = 1_000;
    /** How far behind (in seconds of offered pushes) the job may fall before a phase is called saturated. */
    private static final int SATURATED_SECONDS = 30;

    private record Args(List<Integer> rates, int durationSeconds, int repos, long latencyMs, long seed,
            Path world, Duration checkpointInterval, int sampleSeconds, Duration drainTimeout, Path timings) {

        static Args parse(String[] argv) {
            List<Integer> rates = List.of(100, 500, 1000);
            int duration = 180;
            int repos = 2000;
            long latency = 100;
            long seed = 18;
            Path world = null;
            Duration checkpoint = null;
            int sample = 5;
            Duration drain = Duration.ofMinutes(5);
            Path timings = null;
            for (int i = 0; i < argv.length; i++) {
                switch (argv[i]) {
                    case "--rates" -> rates = Arrays.stream(argv[++i].split(",")).map(String::strip)
                            .map(Integer::parseInt).toList();
                    case "--duration" -> duration = Integer.parseInt(argv[++i]);
                    case "--quick" -> {
                        duration = 20;
                        drain = Duration.ofMinutes(2);
                    }
                    case "--repos" -> repos = Integer.parseInt(argv[++i]);
                    case "--latency-ms" -> latency = Long.parseLong(argv[++i]);
                    case "--seed" -> seed = Long.parseLong(argv[++i]);
                    case "--world" -> world = Path.of(argv[++i]);
                    case "--checkpoint-interval" -> checkpoint = Duration.ofSeconds(Long.parseLong(argv[++i]));
                    case "--sample-seconds" -> sample = Integer.parseInt(argv[++i]);
                    case "--drain-timeout" -> drain = Duration.ofSeconds(Long.parseLong(argv[++i]));
                    case "--timings" -> timings = Path.of(argv[++i]);
                    default -> throw new IllegalArgumentException("unknown argument: " + argv[i] + " (--rates "
                            + "100,500,1000 --duration SECONDS --quick --repos N --latency-ms MS --seed N --world DIR "
                            + "--checkpoint-interval SECONDS --sample-seconds N --drain-timeout SECONDS --timings CSV)");
                }
            }
            if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1) || duration < 1 || repos < 1) {
                throw new IllegalArgumentException("rates, --duration and --repos must be positive");
            }
            return new Args(rates, duration, repos, latency, seed, world, checkpoint, sample, drain, timings);
        }

        /** Each repository's first push (a baseline of its tree), then every phase's pushes. */
        int pushesNeeded() {
            return repos + rates.stream().mapToInt(r -> r * durationSeconds).sum();
        }
    }

    /** One push of the world: where it is in events.ndjson, its key (repo, ref, head commit) and its record. */
    private record Push(String repo, String key, boolean eventsApi) {}

    /** A phase: the world's events {@code [from, to)} offered at {@code rate} a second. */
    private record Phase(String name, int rate, int from, int to) {}

    /** What the sampler saw at one moment. */
    private record Sample(double seconds, String phase, long produced, long eventsIn, long scansRead,
            long alerts, long committedLag, long heapUsed, long heapAfterGc,
            long rocksDbBytes, long checkpointBytes, long checkpoints, long apiRequests, long filesFetched) {}

    private final Args args;
    private final Path dir;
    /** events.ndjson line index to key, and key to index (built before the job starts: constant memory). */
    private final List<Push> pushes = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private boolean[] bringsFinding;
    private long[] producedAt;
    private AtomicLongArray alertAt;
    /** When the job made the finding an alert carried ({@code detected_at}), on the bench's nanoTime clock. */
    private AtomicLongArray detectedAt;
    private AtomicLongArray findingAt;
    private AtomicLongArray scanAt;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong scansRead = new AtomicLong();
    private final AtomicLong alertsReceived = new AtomicLong();
    private final AtomicLong lastHeapAfterGc = new AtomicLong();
    private final List<Sample> samples = new ArrayList<>();
    private volatile String phaseName = "start";
    private int promPort;
    private final long started = System.nanoTime();

    private LiveLatencyBench(Args args, Path dir) {
        this.args = args;
        this.dir = dir;
    }

    public static void main(String[] argv) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Args args = Args.parse(argv);
        Path dir = Files.createTempDirectory("iocstream-live-latency-");
        try {
            new LiveLatencyBench(args, dir).run();
        } finally {
            deleteTree(dir);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Path world = args.world() != null ? args.world() : generateWorld();
        readWorld(world);
        Configuration flink = flinkConfiguration();
        Duration interval = flink.get(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL);
        System.out.printf("%nLive latency on the production path: %d repositories, %,d pushes offered, rates %s a "
                + "second for %d s each; simulator latency %d ms a request; checkpoints every %d s (RocksDB, "
                + "incremental, exactly once); %d cores, load average %.2f at the start%n", args.repos(),
                args.pushesNeeded(), args.rates(), args.durationSeconds(), args.latencyMs(), interval.toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        HeapAfterGc.listen(lastHeapAfterGc::set);

        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"));
                SimulatorProcess sim = SimulatorProcess.start(world, args.latencyMs(), dir.resolve("sim.log"));
                AlertReceiver receiver = AlertReceiver.start(this)) {
            kafka.createTopic("pushes", 2, false);
            kafka.createTopic("findings", 2, false);
            kafka.createTopic("findings-scans", 2, false);
            kafka.createTopic("dead-letters", 1, false);
            Path yaml = writeJobYaml(kafka.bootstrapServers(), sim.baseUrl(), world, receiver.url());
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> readOutputs(kafka.bootstrapServers(), reading), "read-committed");
            reader.setDaemon(true);
            reader.start();
            try (JobRun job = JobRun.start(JobConfigReader.read(yaml, name -> TOKEN_ENV.equals(name) ? "bench"
                    : System.getenv(name)), flink);
                    Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
                    KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                String rest = job.webUi();
                String jobId = job.job().getJobID().toHexString();
                Metrics metrics = new Metrics(promPort, rest, jobId, admin);
                AtomicBoolean sampling = new AtomicBoolean(true);
                Thread sampler = new Thread(() -> sample(metrics, sampling), "sampler");
                sampler.setDaemon(true);
                sampler.start();

                List<Phase> planned = phases();
                List<Phase> phases = new ArrayList<>();
                List<long[]> ends = new ArrayList<>();
                try (BufferedReader events = Files.newBufferedReader(world.resolve("events.ndjson"))) {
                    int next = 0;
                    for (Phase plan : planned) {
                        // a phase cut short leaves the world's next pushes unread: the next phase starts there
                        Phase phase = new Phase(plan.name(), plan.rate(), next, next + plan.to() - plan.from());
                        int plannedEnd = phase.to();
                        phaseName = phase.name();
                        long eventsBefore = metrics.counter(JobMetrics.EVENTS_IN);
                        long requestsBefore = metrics.counter(JobMetrics.API_REQUESTS);
                        long filesBefore = metrics.counter(JobMetrics.FILES_FETCHED);
                        long phaseStart = System.nanoTime();
                        int last = produce(producer, events, phase, metrics, eventsBefore);
                        phase = new Phase(phase.name(), phase.rate(), phase.from(), last);
                        next = last;
                        long producedEnd = System.nanoTime();
                        long consumedEnd = awaitConsumed(metrics, eventsBefore + phase.to() - phase.from());
                        awaitScans(phase);
                        phases.add(phase);
                        ends.add(new long[] {phaseStart, producedEnd, consumedEnd,
                                metrics.counter(JobMetrics.API_REQUESTS) - requestsBefore,
                                metrics.counter(JobMetrics.FILES_FETCHED) - filesBefore, liveHeap()});
                        if (last < plannedEnd) {
                            System.out.printf("%s saturated the job: the higher rates are not run%n", phase.name());
                            break;
                        }
                    }
                }
                phaseName = "end";
                Thread.sleep(args.sampleSeconds() * 1000L);
                sampling.set(false);
                sampler.join();
                report(phases, ends, interval);
                job.job().cancel().get();
            } finally {
                reading.set(false);
                reader.join(10_000);
            }
        }
    }

    private Path generateWorld() throws IOException {
        Path world = dir.resolve("world");
        long t0 = System.nanoTime();
        WorldGenerator.Summary summary = new WorldGenerator(new WorldGenerator.Settings(world, args.repos(),
                args.pushesNeeded(), args.seed(), 0)).generate();
        System.out.printf("Generated %s: %d repositories, %,d pushes, %,d expected findings in %.1f s%n", world,
                summary.repos(), summary.pushes(), summary.expectedFindings(), (System.nanoTime() - t0) / 1e9);
        return world;
    }

    /** Every push's key, and which pushes open a finding (by the world's expected.jsonl). */
    private void readWorld(Path world) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(world.resolve("events.ndjson"))) {
            String line;
            while ((line = lines.readLine()) != null && pushes.size() < args.pushesNeeded()) {
                JsonNode event = JSON.readTree(line);
                String repo;
                String ref;
                String head;
                if (event.has("repository")) {
                    repo = event.path("repository").path("full_name").asText();
                    ref = event.path("ref").asText();
                    head = event.path("after").asText();
                } else {
                    repo = event.path("repo").path("name").asText();
                    ref = event.path("payload").path("ref").asText();
                    head = event.path("payload").path("head").asText();
                }
                String key = repo + " " + ref + " " + head;
                index.putIfAbsent(key, pushes.size());
                pushes.add(new Push(repo, key, !event.has("repository")));
            }
        }
        if (pushes.size() < args.pushesNeeded()) {
            throw new IllegalArgumentException("the world has " + pushes.size() + " pushes; the run needs "
                    + args.pushesNeeded() + " (--repos plus rate x duration of every phase)");
        }
        bringsFinding = new boolean[pushes.size()];
        try (BufferedReader lines = Files.newBufferedReader(world.resolve("expected.jsonl"))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode finding = JSON.readTree(line);
                if (finding.path("status").asText().equals("open")
                        && !finding.path("trigger").asText().equals("retro_hunt")) {
                    Integer i = index.get(key(finding));
                    if (i != null) {
                        bringsFinding[i] = true;
                    }
                }
            }
        }
        producedAt = new long[pushes.size()];
        alertAt = new AtomicLongArray(pushes.size());
        detectedAt = new AtomicLongArray(pushes.size());
        findingAt = new AtomicLongArray(pushes.size());
        scanAt = new AtomicLongArray(pushes.size());
    }

    private static String key(JsonNode record) {
        return record.path("repo").asText() + " " + record.path("ref").asText() + " " + record.path("commit").asText();
    }

    private List<Phase> phases() {
        List<Phase> phases = new ArrayList<>();
        int next = args.repos();
        // every repository's first push is a baseline of its whole tree: an organisation's onboarding, not its
        // steady state, so it runs first, at the lowest rate, and is reported apart
        phases.add(new Phase("warm-up (baselines)", args.rates().get(0), 0, next));
        for (int rate : args.rates()) {
            phases.add(new Phase(rate + "/s", rate, next, next + rate * args.durationSeconds()));
            next += rate * args.durationSeconds();
        }
        return phases;
    }

    /**
     * The shipped flink-conf (RocksDB, incremental exactly-once checkpoints, its interval unless
     * {@code --checkpoint-interval}), with this run's directories and free ports, and the managed memory of the
     * production task manager's slots (flink-conf's 0.2 of 2 GB).
     */
    private Configuration flinkConfiguration() throws IOException {
        Configuration flink = GlobalConfiguration.loadConfiguration("flink-conf");
        if (args.checkpointInterval() != null) {
            flink.setString("execution.checkpointing.interval", args.checkpointInterval().toSeconds() + "s");
        }
        flink.setString("execution.checkpointing.dir", Files.createDirectories(dir.resolve("checkpoints")).toUri()
                .toString());
        flink.setString("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
        flink.setString("state.backend.rocksdb.localdir", Files.createDirectories(dir.resolve("rocksdb")).toString());
        flink.setString("taskmanager.memory.managed.size", "317m");
        // RocksDB's own figures: what its memtables hold (off-heap, in managed memory) and its live data
        flink.setString("state.backend.rocksdb.metrics.size-all-mem-tables", "true");
        flink.setString("state.backend.rocksdb.metrics.estimate-live-data-size", "true");
        flink.setString("rest.port", "0");
        promPort = freePort();
        flink.setString("metrics.reporter.prom.port", String.valueOf(promPort));
        return flink;
    }

    private Path writeJobYaml(String kafka, String api, Path world, String alerts) throws IOException {
        String yaml = """
                sources:
                  kafka:
                    bootstrap_servers: "%1$s"
                    topic: pushes
                    group_id: %2$s
                    start_from: earliest
                github:
                  api_base_url: %3$s
                  token_env: %4$s
                feeds:
                  directory: %5$s
                  poll_interval: 60s
                sinks:
                  kafka:
                    bootstrap_servers: "%1$s"
                    findings_topic: findings
                    dead_letters_topic: dead-letters
                    scans_topic: findings-scans
                    transactional_id_prefix: iocstream-bench
                    transaction_timeout: 15min
                  alerts:
                    receivers:
                      - {name: bench, type: webhook, url: "%6$s"}
                    routes:
                      - {name: all, receiver: bench, triggers: [push, baseline], max_alerts: 10000000, rate_window: 1h}
                """.formatted(kafka, GROUP, api, TOKEN_ENV, world.resolve("iocs").toAbsolutePath(), alerts);
        return Files.writeString(dir.resolve("job.yaml"), yaml);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        // the webhook receiver's producer settings (webhook.InputTopicWriter): idempotent, acks=all, lz4, 5 ms linger
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    /**
     * Sends the phase's events on a fixed schedule (the i-th at start + i / rate), each stamped as it is sent.
     * Stops early when the job falls more than {@link #SATURATED_SECONDS} of offered pushes behind: past that the
     * rate is more than it sustains, and more pushes would only lengthen the drain. Returns the index after the last
     * push produced.
     */
    private int produce(KafkaProducer<byte[], byte[]> producer, BufferedReader events, Phase phase, Metrics metrics,
            long eventsBefore) throws Exception {
        long start = System.nanoTime();
        long period = 1_000_000_000L / phase.rate();
        long nextCheck = start + 1_000_000_000L;
        for (int i = phase.from(); i < phase.to(); i++) {
            if (System.nanoTime() > nextCheck) {
                nextCheck += 1_000_000_000L;
                long behind = (i - phase.from()) - (metrics.counter(JobMetrics.EVENTS_IN) - eventsBefore);
                if (behind > (long) phase.rate() * SATURATED_SECONDS) {
                    producer.flush();
                    System.out.printf("[%6.1f s] %s: saturated, %,d pushes behind after %.1f s: stopped at %,d of "
                            + "%,d pushes%n", elapsed(), phase.name(), behind, (System.nanoTime() - start) / 1e9,
                            i - phase.from(), phase.to() - phase.from());
                    return i;
                }
            }
            String line = events.readLine();
            long due = start + (i - phase.from()) * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            producedAt[i] = System.nanoTime();
            producer.send(new ProducerRecord<>("pushes", pushes.get(i).repo().getBytes(StandardCharsets.UTF_8),
                    line.getBytes(StandardCharsets.UTF_8)));
            produced.incrementAndGet();
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[%6.1f s] %s: %,d pushes produced in %.1f s (%.0f a second offered)%n", elapsed(),
                phase.name(), phase.to() - phase.from(), seconds, (phase.to() - phase.from()) / seconds);
        return phase.to();
    }

    /** Waits until the job's eventsIn counter reaches {@code target}; returns when (nanoTime), or -1 on timeout. */
    private long awaitConsumed(Metrics metrics, long target) throws InterruptedException {
        long deadline = System.nanoTime() + args.drainTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (metrics.counter(JobMetrics.EVENTS_IN) >= target) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** Waits until every push of the phase has a readable scan record, or nothing more comes for a while. */
    private void awaitScans(Phase phase) throws InterruptedException {
        long deadline = System.nanoTime() + args.drainTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            int missing = 0;
            for (int i = phase.from(); i < phase.to(); i++) {
                missing += scanAt.get(i) == 0 ? 1 : 0;
            }
            if (missing == 0) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** The findings and scans topics read as their consumers must ({@code read_committed}), each first sighting. */
    private void readOutputs(String bootstrap, AtomicBoolean reading) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("findings", "findings-scans")) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (reading.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    JsonNode json = JSON.readTree(record.value());
                    // a deleted ref's scan record has no commit: its push is the one whose head is all zeros
                    Integer i = index.get(json.path("scan_type").asText().equals("ref_deleted")
                            ? json.path("repo").asText() + " " + json.path("ref").asText() + " " + ZERO
                            : key(json));
                    if (record.topic().equals("findings-scans")) {
                        scansRead.incrementAndGet();
                        if (i != null) {
                            scanAt.compareAndSet(i, 0, now);
                        }
                    } else if (i != null && json.path("status").asText().equals("open")) {
                        findingAt.compareAndSet(i, 0, now);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An alert (the generic webhook's body is the finding itself): its first arrival for its push. */
    void alert(String event, byte[] body) throws IOException {
        long now = System.nanoTime();
        alertsReceived.incrementAndGet();
        if ("trigger".equals(event)) {
            JsonNode finding = JSON.readTree(body);
            Integer i = index.get(key(finding));
            if (i != null && alertAt.compareAndSet(i, 0, now)) {
                detectedAt.set(i, toNanoClock(Instant.parse(finding.path("detected_at").asText())));
            }
        }
    }

    /**
     * Every push's times, for finding where a tail comes from ({@code --timings}): seconds since the bench started
     * when produced, then milliseconds from then to its finding made, its alert and its scan record readable (empty
     * when none).
     */
    private void writeTimings(List<Phase> phases) throws IOException {
        try (var out = Files.newBufferedWriter(args.timings())) {
            out.write("push,phase,events_api,produced_s,finding_made_ms,alert_ms,scan_readable_ms\n");
            for (Phase phase : phases) {
                for (int i = phase.from(); i < phase.to(); i++) {
                    out.write(String.format("%d,%s,%b,%.3f,%s,%s,%s%n", i, phase.name(), pushes.get(i).eventsApi(),
                            (producedAt[i] - started) / 1e9, millisAfter(detectedAt.get(i), producedAt[i]),
                            millisAfter(alertAt.get(i), producedAt[i]), millisAfter(scanAt.get(i), producedAt[i])));
                }
            }
        }
    }

    private static String millisAfter(long at, long from) {
        return at == 0 || from == 0 ? "" : Long.toString((at - from) / 1_000_000);
    }

    /** A wall-clock instant (the job's {@code detected_at}, same machine) on the bench's nanoTime clock. */
    private long toNanoClock(Instant instant) {
        Instant now = Instant.now();
        long nanoNow = System.nanoTime();
        return nanoNow - Duration.between(instant, now).toNanos();
    }

    private void sample(Metrics metrics, AtomicBoolean sampling) {
        System.out.printf("%n%8s  %-20s %9s %9s %9s %8s %9s %9s %8s %8s %8s %8s %5s %9s%n", "t (s)", "phase",
                "produced", "consumed", "scans", "alerts", "behind", "lag@ckpt", "heap MB", "afterGC", "RocksDB",
                "ckpt MB", "ckpts", "requests");
        while (sampling.get()) {
            try {
                Sample s = new Sample(elapsed(), phaseName, produced.get(), metrics.counter(JobMetrics.EVENTS_IN),
                        scansRead.get(), alertsReceived.get(),
                        metrics.committedLag(produced.get()),
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), lastHeapAfterGc.get(),
                        metrics.sum("estimate_live_data_size") + metrics.sum("size_all_mem_tables"),
                        directoryBytes(dir.resolve("checkpoints")),
                        metrics.checkpoints(), metrics.counter(JobMetrics.API_REQUESTS),
                        metrics.counter(JobMetrics.FILES_FETCHED));
                synchronized (samples) {
                    samples.add(s);
                }
                System.out.printf("%8.1f  %-20s %,9d %,9d %,9d %,8d %,9d %,9d %8d %8d %8d %8d %5d %,9d%n",
                        s.seconds(), s.phase(), s.produced(), s.eventsIn(), s.scansRead(), s.alerts(),
                        s.produced() - s.eventsIn(), s.committedLag(), s.heapUsed() / MB, s.heapAfterGc() / MB,
                        s.rocksDbBytes() / MB, s.checkpointBytes() / MB, s.checkpoints(), s.apiRequests());
                Thread.sleep(args.sampleSeconds() * 1000L);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.out.println("sampler: " + e);
            }
        }
    }

    private void report(List<Phase> phases, List<long[]> ends, Duration interval) throws IOException {
        if (args.timings() != null) {
            writeTimings(phases);
        }
        System.out.printf("%nResults (latencies p50 / p99 / max from the push handed to the producer; 'readable' "
                + "waits for the checkpoint that commits the Kafka transaction, every %d s here):%n%n",
                interval.toSeconds());
        System.out.println("| phase | offered | job throughput | push → alert | push → finding readable "
                + "| push → scan record readable | pushes without a scan record | API requests / file "
                + "| live heap after the phase |");
        System.out.println("| --- | ---: | ---: | --- | --- | --- | ---: | ---: | ---: |");
        Map<String, LatencyRecorder> alertByPhase = new HashMap<>();
        Map<String, LatencyRecorder[]> splitByPhase = new java.util.LinkedHashMap<>();
        Map<String, Double> throughputByPhase = new HashMap<>();
        for (int p = 0; p < phases.size(); p++) {
            Phase phase = phases.get(p);
            long[] end = ends.get(p);
            LatencyRecorder alert = new LatencyRecorder();
            LatencyRecorder finding = new LatencyRecorder();
            LatencyRecorder scan = new LatencyRecorder();
            LatencyRecorder toDetected = new LatencyRecorder();
            LatencyRecorder detectedToAlert = new LatencyRecorder();
            splitByPhase.put(phase.name(), new LatencyRecorder[] {toDetected, detectedToAlert});
            int withFinding = 0;
            int unscanned = 0;
            for (int i = phase.from(); i < phase.to(); i++) {
                if (scanAt.get(i) > 0) {
                    scan.record(scanAt.get(i) - producedAt[i]);
                } else {
                    unscanned++;
                }
                if (bringsFinding[i]) {
                    withFinding++;
                    if (alertAt.get(i) > 0) {
                        alert.record(alertAt.get(i) - producedAt[i]);
                        toDetected.record(Math.max(0, detectedAt.get(i) - producedAt[i]));
                        detectedToAlert.record(Math.max(0, alertAt.get(i) - detectedAt.get(i)));
                    }
                    if (findingAt.get(i) > 0) {
                        finding.record(findingAt.get(i) - producedAt[i]);
                    }
                }
            }
            int count = phase.to() - phase.from();
            double offered = count / ((end[1] - end[0]) / 1e9);
            String throughput = end[2] < 0 ? "did not finish within the drain timeout"
                    : String.format("%,.0f pushes/s (last consumed %.1f s after the last produced)",
                            count / ((end[2] - end[0]) / 1e9), Math.max(0, end[2] - end[1]) / 1e9);
            if (end[2] > 0) {
                throughputByPhase.put(phase.name(), count / ((end[2] - end[0]) / 1e9));
            }
            alertByPhase.put(phase.name(), alert);
            System.out.printf("| %s | %,.0f/s | %s | %s; %,d of %,d pushes with a finding alerted | %s | %s | %,d "
                    + "| %s | %d MB |%n", phase.name(), offered, throughput, alert.summaryMillis(), alert.count(),
                    withFinding, finding.summaryMillis(), scan.summaryMillis(), unscanned,
                    end[4] == 0 ? "-" : String.format("%.3f (%,d / %,d)", (double) end[3] / end[4], end[3], end[4]),
                    end[5] / MB);
        }

        System.out.println();
        System.out.println("Where push → alert goes (the finding's detected_at, the job's clock on this machine):");
        System.out.println();
        System.out.println("| phase | push → finding made (p50 / p99 / max) | finding made → alert received |");
        System.out.println("| --- | --- | --- |");
        splitByPhase.forEach((name, split) -> System.out.printf("| %s | %s | %s |%n", name,
                split[0].summaryMillis(), split[1].summaryMillis()));

        System.out.println();
        List<Sample> all;
        synchronized (samples) {
            all = List.copyOf(samples);
        }
        String first = phases.get(Math.min(1, phases.size() - 1)).name();
        String last = phases.get(phases.size() - 1).name();
        long heapFirst = ends.get(Math.min(1, phases.size() - 1))[5];
        long heapLast = ends.get(phases.size() - 1)[5];
        long rocksFirst = all.stream().filter(s -> s.phase().equals(first)).mapToLong(Sample::rocksDbBytes).max()
                .orElse(0);
        long rocksLast = all.stream().filter(s -> s.phase().equals(last)).mapToLong(Sample::rocksDbBytes).max()
                .orElse(0);
        System.out.printf("Live heap (after a full GC once the phase drained): after %s %d MB, after %s %d MB: ratio "
                + "%.2f; RocksDB data (live data + memtables) at most %d MB in %s, %d MB in %s; heap after young GCs "
                + "(median of the samples, old garbage included) %d and %d MB%n", first, heapFirst / MB, last,
                heapLast / MB, heapFirst == 0 ? 0 : (double) heapLast / heapFirst, rocksFirst / MB, first,
                rocksLast / MB, last, medianAfterGc(all, first) / MB, medianAfterGc(all, last) / MB);

        LatencyRecorder baseline = alertByPhase.get(first);
        for (Phase phase : phases.subList(1, phases.size())) {
            LatencyRecorder alert = alertByPhase.get(phase.name());
            if (baseline.count() > 0 && alert.count() > 0) {
                System.out.printf("push → alert p99 at %s / at %s (baseline, same run): %.2f%n", phase.name(), first,
                        (double) alert.percentile(99) / baseline.percentile(99));
            }
        }
        LatencyRecorder atTarget = alertByPhase.get(ALERT_TARGET_RATE + "/s");
        if (atTarget != null && atTarget.count() > 0) {
            long p99 = atTarget.percentile(99) / 1_000_000;
            System.out.printf("Target p99 push → alert under %,d ms at %d/s: %,d ms, %.2f of the target: %s%n",
                    ALERT_P99_TARGET_MS, ALERT_TARGET_RATE, p99, (double) p99 / ALERT_P99_TARGET_MS,
                    p99 < ALERT_P99_TARGET_MS ? "MET" : "NOT MET");
        }
        // the job's throughput is the most it consumed in any phase: a saturated phase measures its capacity
        double top = throughputByPhase.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf("Target throughput at least %,d pushes/s: at most %,.0f pushes/s consumed in a phase, %.2f "
                + "of the target: %s%n", THROUGHPUT_TARGET, top, top / THROUGHPUT_TARGET,
                top >= THROUGHPUT_TARGET * 0.98 ? "MET" : "NOT MET");
        System.out.printf("Heap flat as state grows: live heap after %s / after %s = %.2f (flat: under 1.25): %s%n",
                last,
                first, heapFirst == 0 ? 0 : (double) heapLast / heapFirst,
                heapFirst > 0 && heapLast < heapFirst * 1.25 ? "MET" : "NOT MET");
        System.out.printf("Load average at the end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The heap in use after a full collection: what is live. Asked for only between phases, once drained. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long medianAfterGc(List<Sample> samples, String phase) {
        long[] values = samples.stream().filter(s -> s.phase().equals(phase)).mapToLong(Sample::heapAfterGc)
                .filter(v -> v > 0).sorted().toArray();
        return values.length == 0 ? 0 : values[values.length / 2];
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static long directoryBytes(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // deleted while walking: RocksDB compacts, checkpoints are subsumed
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The job's metrics (its Prometheus endpoint), checkpoints (Flink's REST API) and its group's offsets. */
    private static final class Metrics {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final PrometheusScrape prometheus;
        private final URI checkpoints;
        private final Admin admin;

        Metrics(int promPort, String rest, String jobId, Admin admin) {
            this.prometheus = new PrometheusScrape(promPort);
            this.checkpoints = URI.create(rest + "jobs/" + jobId + "/checkpoints");
            this.admin = admin;
        }

        /** A counter of the job's own metric group, summed over subtasks. */
        long counter(String name) {
            return prometheus.sum(JobMetrics.GROUP + "_" + name);
        }

        long sum(String suffix) {
            return prometheus.sum(suffix);
        }

        long checkpoints() throws IOException, InterruptedException {
            JsonNode stats = JSON.readTree(http.send(HttpRequest.newBuilder(checkpoints).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            return stats.path("counts").path("completed").asLong();
        }

        /** Records produced that the job's group has not committed (the source commits on checkpoints). */
        long committedLag(long producedSoFar) throws Exception {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            long total = 0;
            for (OffsetAndMetadata offset : committed.values()) {
                total += offset == null ? 0 : offset.offset();
            }
            return producedSoFar - total;
        }
    }

    /** A generic webhook receiver on loopback (JDK HttpServer): answers 204 and tells the bench each alert. */
    private static final class AlertReceiver implements AutoCloseable {
        private final HttpServer server;

        private AlertReceiver(HttpServer server) {
            this.server = server;
        }

        static AlertReceiver start(LiveLatencyBench bench) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.createContext("/alerts", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                try {
                    bench.alert(exchange.getRequestHeaders().getFirst("X-Iocstream-Event"), body);
                } finally {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            return new AlertReceiver(server);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
