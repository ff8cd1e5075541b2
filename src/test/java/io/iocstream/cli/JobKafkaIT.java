package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.github.TestAppKey;
import io.iocstream.github.sim.CommitStatus;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorAuth;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.job.JobConfigReader;
import io.iocstream.match.Finding;
import io.iocstream.match.ScanRecord;
import io.iocstream.statuses.CommitMark;
import io.iocstream.testing.KafkaBrokerExtension;
import io.iocstream.world.WorldGenerator;
import io.iocstream.testing.FindingsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production job against a real Kafka broker: a world's pushes produced to the input topic, the job assembled
 * from a YAML file as {@code job --config} assembles it and run on a local cluster with RocksDB and a checkpoint a
 * second, against the GitHub simulator; the late IOC feed published to the feed topic once the pushes are judged.
 * The findings topic, read as consumers must ({@code read_committed}), then holds exactly the world's expected
 * findings, each once, keyed by finding id and written as the replay writes them; the day folders hold the same.
 * The generated world's job reads GitHub as an App installation, against a simulator that takes nothing else.
 * A world of repositories never pushed to is baselined in full through the configured repository listing, beside
 * the (empty) events topic. In the sample world's run the task manager crashes part-way: the job restores from its last checkpoint (RocksDB
 * state, Kafka offsets, open transactions aborted) and still writes every finding exactly once; its alerts reach a
 * PagerDuty and a generic receiver on loopback at least once, a repeat only ever under the same key.
 */
class JobKafkaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_ID = "Iv1.jobtest";
    private static final TestAppKey APP_KEY = TestAppKey.generate();

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void theSampleWorldsFindingsReachTheTopicAndTheDayFoldersExactlyOnce() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));

        Run run;
        try (AlertReceivers alerts = AlertReceivers.start(dir)) {
            run = run("sample", world, 3, false, false, alerts.yaml());

            assertThat(run.findings()).extracting(SampleWorldFindings::fields)
                    .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
            alerts.assertDeliveredOnlyUnderTheirKeys(run.findings());
        }
        assertThat(run.filed()).extracting(SampleWorldFindings::fields)
                .containsExactlyInAnyOrderElementsOf(SampleWorldFindings.EXPECTED);
        assertThat(run.deadLetters()).as("each bad event line a dead letter, once").doesNotHaveDuplicates()
                .anyMatch(dead -> dead.stage().equals("ingest")
                        && dead.reason().equals("unsupported event type: IssuesEvent"));
        // one scan record per push, once, across the crash, on the topic and in the day folders alike
        assertThat(run.scans()).extracting(scan -> scan.repo() + " " + scan.ref() + " " + scan.scanSeq())
                .hasSize(9).doesNotHaveDuplicates();
        assertThat(run.scans()).allMatch(ScanRecord::complete).allMatch(ScanRecord::fullyRead);
        assertThat(run.filedScans()).extracting(scan -> scan.repo() + " " + scan.ref() + " " + scan.scanSeq())
                .containsExactlyInAnyOrderElementsOf(run.scans().stream()
                        .map(scan -> scan.repo() + " " + scan.ref() + " " + scan.scanSeq()).toList());
        // and a commit status on every scanned commit, a failure where the scan opened findings (a mark in flight
        // at the crash may be sent again: the same status once more)
        assertThat(run.statuses()).extracting(status -> status.repo() + "@" + status.sha() + " " + status.state())
                .containsAll(run.scans().stream().filter(CommitMark::marks)
                        .map(scan -> scan.repo() + "@" + scan.commit() + " " + CommitMark.of(scan, 0).verdict().state())
                        .toList());
        assertThat(run.statuses()).extracting(CommitStatus::state).contains("failure", "success");
    }

    @Test
    void aGeneratedWorldsFindingsReachTheTopicAndTheDayFoldersExactlyOnce() throws Exception {
        Path world = dir.resolve("world");
        WorldGenerator.Summary generated = new WorldGenerator(new WorldGenerator.Settings(world, 12, 60, 7, 0))
                .generate();
        assertThat(generated.expectedFindings()).as("the world plants IOCs").isPositive();

        Run run = run("generated", world, 0, false, true, "");

        String match = "All " + generated.expectedFindings() + " findings match the world's expected.jsonl.";
        assertThat(DemoCommand.compareWithExpected(World.open(world), run.findings())).isEqualTo(match);
        assertThat(DemoCommand.compareWithExpected(World.open(world), run.filed())).isEqualTo(match);
        assertThat(run.deadLetters()).isEmpty();
    }

    @Test
    void anOrganisationNeverPushedToIsBaselinedByTheListing() throws Exception {
        Path world = dir.resolve("world");
        new WorldGenerator(new WorldGenerator.Settings(world, 0, 0, 3, 0, 20)).generate();
        int expected = Files.readAllLines(world.resolve("expected.jsonl")).size();
        assertThat(expected).as("the world plants IOCs").isPositive();

        Run run = run("dormant", world, 0, true, false, "");

        String match = "All " + expected + " findings match the world's expected.jsonl.";
        assertThat(DemoCommand.compareWithExpected(World.open(world), run.findings())).isEqualTo(match);
        assertThat(DemoCommand.compareWithExpected(World.open(world), run.filed())).isEqualTo(match);
        assertThat(run.findings()).extracting(Finding::trigger).containsOnly("baseline");
        assertThat(run.scans()).isNotEmpty().extracting(ScanRecord::trigger).containsOnly("baseline");
    }

    /** What one run left: the findings, dead-letter and scans topics and the day folders. */
    record Run(List<Finding> findings, List<DeadLetter> deadLetters, List<Finding> filed, List<ScanRecord> scans,
            List<ScanRecord> filedScans, List<CommitStatus> statuses) {}

    /**
     * Runs the job over {@code world}; once {@code crashAfter} findings are committed (0: never), the task manager
     * is stopped as a crash would and another started, so the job restores from its last checkpoint and goes on.
     * With {@code listOrganisation} the repository listing of the world's organisation feeds the job too; with
     * {@code asApp} the job reads GitHub as an App installation, and the simulator takes nothing else;
     * {@code alerts} is added to the job file's {@code sinks}.
     */
    private Run run(String name, Path world, int crashAfter, boolean listOrganisation, boolean asApp, String alerts)
            throws Exception {
        KafkaWorld topics = KafkaWorld.create(kafka, name, world);
        Path files = dir.resolve("findings-files");

        Path appKey = asApp ? APP_KEY.writePkcs1(dir.resolve("app.pem")) : null;
        SimulatorOptions options = asApp ? SimulatorOptions.defaults().withAuth(SimulatorAuth.none()
                .withApp(APP_ID, APP_KEY.publicKey(), SimulatorAuth.GITHUB_TOKEN_LIFETIME).requiringCredentials())
                : SimulatorOptions.defaults();
        String auth = appKey == null ? KafkaWorld.TOKEN_AUTH
                : "app: {app_id: " + APP_ID + ", private_key_file: " + appKey + ", installation_id: 7}";
        List<CommitStatus> statuses;
        try (GitHubSimulator sim = GitHubSimulator.start(world, options, 0)) {
            // the job's YAML as a user writes it, read by the command's own reader
            Path yaml = topics.writeJobYaml(dir.resolve("job-" + name + ".yaml"), sim.baseUrl(), auth, files,
                    listOrganisation);
            // the files sink is the last section of sinks: commit statuses join it
            Files.writeString(yaml, "  commit_statuses: {}\n", java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(yaml, alerts, java.nio.file.StandardOpenOption.APPEND);
            try (JobRun job = JobRun.start(JobConfigReader.read(yaml, System::getenv), KafkaWorld.flinkConfiguration(dir))) {
                if (crashAfter > 0) {
                    topics.awaitFindings(crashAfter);
                    job.cluster().replaceTaskManager();
                }
                topics.awaitAllFindings();
                job.job().cancel().get();
            }
            statuses = sim.commitStatuses();
        }
        return new Run(topics.committedFindings(), topics.committedDeadLetters(), filed(files),
                topics.committedScans(), filedScans(files), statuses);
    }

    /** Every scan record in a visible (committed) file of the scans' day folders. */
    private static List<ScanRecord> filedScans(Path files) throws IOException {
        List<ScanRecord> scans = new ArrayList<>();
        if (!Files.isDirectory(files.resolve("scans"))) {
            return scans;
        }
        try (Stream<Path> walk = Files.walk(files.resolve("scans"))) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    scans.add(JSON.readValue(line, ScanRecord.class));
                }
            }
        }
        return scans;
    }

    /**
     * Every finding in a visible (committed) file of the day folders (dead letters and scan records have folders of
     * their own).
     */
    private static List<Finding> filed(Path files) throws IOException {
        List<Finding> findings = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(files).filter(path -> !path.startsWith(files.resolve("dead-letters"))
                && !path.startsWith(files.resolve("scans")))) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                assertThat(file.getParent().getFileName().toString()).matches("day=\\d{4}-\\d{2}-\\d{2}");
                FindingsSchema.assertValidFile(file);
                for (String line : Files.readAllLines(file)) {
                    findings.add(JSON.readValue(line, Finding.class));
                }
            }
        }
        return findings;
    }
}
