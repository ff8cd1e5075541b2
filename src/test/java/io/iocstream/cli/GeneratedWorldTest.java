package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.world.WorldGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world generator's oracle against the pipeline, on every build: a small generated world replayed finds
 * exactly its {@code expected.jsonl}, so neither the generator nor the pipeline can drift without a failure
 * (before, only {@code bench} checked it).
 */
class GeneratedWorldTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aGeneratedWorldReplaysToExactlyItsExpectedFindings() throws Exception {
        WorldGenerator.Summary generated = new WorldGenerator(
                new WorldGenerator.Settings(dir.resolve("world"), 12, 60, 7, 0)).generate();
        assertThat(generated.expectedFindings()).as("the world plants IOCs").isPositive();
        World world = World.open(dir.resolve("world"));
        Path out = dir.resolve("findings.jsonl");

        RunSummary summary = ReplayRun.run(ReplayCommand.options(world, out, null, 2, FetchStrategy.ADAPTIVE, 0, 0,
                true), new ReplayRun.Listener() {
                    @Override
                    public void finding(Finding finding) {}

                    @Override
                    public void deadLetter(DeadLetter deadLetter) {}
                });

        List<Finding> findings = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            findings.add(JSON.readValue(line, Finding.class));
        }
        assertThat(DemoCommand.compareWithExpected(world, findings))
                .isEqualTo("All " + generated.expectedFindings() + " findings match the world's expected.jsonl.");
        assertThat(summary.pushes()).isEqualTo(generated.pushes());
        assertThat(summary.deadLetters()).isZero();
    }
}
