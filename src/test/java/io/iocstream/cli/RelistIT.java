package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.github.sim.GitHubSimulator;
import io.iocstream.github.sim.SimulatorOptions;
import io.iocstream.job.JobConfigReader;
import io.iocstream.match.Finding;
import io.iocstream.testing.KafkaBrokerExtension;
import io.iocstream.world.WorldGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing again when told: the job (a local cluster, a real broker, the simulator) lists the organisation at start
 * and baselines every repository it finds; a repository added to the world afterwards is not seen, the next listing
 * being a day away, until {@code bin/iocstream relist --config FILE} runs the listing and sends its baseline requests
 * to the job's input topic. Then the new repository is baselined (its expected findings, trigger baseline), and the
 * repositories already scanned are not scanned again (each finding once).
 */
class RelistIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void aRepositoryAddedAfterTheStartIsBaselinedOnceRelistIsRun() throws Exception {
        Path world = dir.resolve("world");
        new WorldGenerator(new WorldGenerator.Settings(world, 0, 0, 3, 0, 8)).generate();
        List<JsonNode> expected = expected(world);
        String late = expected.get(0).path("repo").asText();
        long lateFindings = expected.stream().filter(f -> f.path("repo").asText().equals(late)).count();
        // the repository is created only once the job runs
        Path lateDir = world.resolve("repos").resolve(late);
        Path held = Files.move(lateDir, dir.resolve("held"));

        KafkaWorld topics = KafkaWorld.create(kafka, "relist", world);
        try (GitHubSimulator sim = GitHubSimulator.start(world, SimulatorOptions.defaults(), 0)) {
            Path yaml = topics.writeJobYaml(dir.resolve("job.yaml"), sim.baseUrl(), KafkaWorld.TOKEN_AUTH, null, true);
            try (JobRun job = JobRun.start(JobConfigReader.read(yaml, System::getenv), KafkaWorld.flinkConfiguration(dir))) {
                List<Finding> first = topics.awaitFindings(expected.size() - lateFindings);
                assertThat(first).extracting(Finding::repo).doesNotContain(late);

                Files.move(held, lateDir);
                StringWriter err = new StringWriter();
                int code = Main.run(new PrintWriter(err, true), "relist", "--config", yaml.toString());
                assertThat(code).as(err.toString()).isZero();

                topics.awaitFindings(expected.size());
                // two more checkpoints: a second baseline of a known repository would be committed by then
                Thread.sleep(3_000);
                job.job().cancel().get();
            }
        }

        List<Finding> findings = topics.committedFindings();
        assertThat(DemoCommand.compareWithExpected(World.open(world), findings))
                .isEqualTo("All " + expected.size() + " findings match the world's expected.jsonl.");
        assertThat(findings).filteredOn(f -> f.repo().equals(late)).hasSize((int) lateFindings)
                .extracting(Finding::trigger).containsOnly("baseline");
    }

    private static List<JsonNode> expected(Path world) throws IOException {
        return Files.readAllLines(world.resolve("expected.jsonl")).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
