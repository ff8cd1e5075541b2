package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.world.WorldGenerator;
import io.iocstream.testing.FindingsSchema;
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
                true), ReplayRun.Listener.SILENT);

        List<Finding> findings = new ArrayList<>();
        FindingsSchema.assertValidFile(out);
        findings.addAll(ReplayOutput.findings(out));
        assertThat(DemoCommand.compareWithExpected(world, findings))
                .isEqualTo("All " + generated.expectedFindings() + " findings match the world's expected.jsonl.");
        assertThat(summary.pushes()).isEqualTo(generated.pushes());
        assertThat(summary.deadLetters()).isZero();
    }
}
