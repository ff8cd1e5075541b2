package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every fetch strategy finds the same, also when one request in ten fails and latency has a long tail. */
class ReplayStrategiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void sameFindingsUnderInjectedServerErrors(FetchStrategy strategy) throws Exception {
        World world = World.open(SampleWorld.unpack(dir.resolve("world")));
        Path out = dir.resolve("findings.jsonl");
        RunSummary summary = ReplayRun.run(ReplayCommand.options(world, out, null, 2, strategy, 2, 0.1, true)
                .withLongTail(true),
                new ReplayRun.Listener() {
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
                .isEqualTo("All 8 findings match the world's expected.jsonl.");
        assertThat(summary.deadLetters()).as("only the three bad event lines").isEqualTo(3);
        assertThat(summary.filesFetched()).isEqualTo(28);
        assertThat(summary.fetchStrategy()).isEqualTo(strategy.name().toLowerCase());
    }
}
