package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.testing.FindingsSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every fetch strategy finds the same, also when one request in ten fails and latency has a long tail. */
class ReplayStrategiesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void sameFindingsUnderInjectedServerErrors(FetchStrategy strategy) throws Exception {
        World world = World.open(SampleWorld.unpack(dir.resolve("world")));
        Path out = dir.resolve("findings.jsonl");
        RunSummary summary = ReplayRun.run(ReplayCommand.options(world, out, null, 2, strategy, 2, 0.1, true)
                .withLongTail(true),
                ReplayRun.Listener.SILENT);

        List<Finding> findings = new ArrayList<>();
        FindingsSchema.assertValidFile(out);
        findings.addAll(ReplayOutput.findings(out));
        assertThat(DemoCommand.compareWithExpected(world, findings))
                .isEqualTo("All 8 findings match the world's expected.jsonl.");
        assertThat(summary.deadLetters()).as("only the three bad event lines").isEqualTo(3);
        assertThat(summary.filesFetched()).isEqualTo(28);
        assertThat(summary.fetchStrategy()).isEqualTo(strategy.name().toLowerCase());
    }
}
