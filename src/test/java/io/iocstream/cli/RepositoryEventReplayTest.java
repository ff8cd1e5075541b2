package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iocstream.core.DeadLetter;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.world.WorldGenerator;
import io.iocstream.testing.FindingsSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook {@code repository} events replayed through the full pipeline: a repository created (here, one never
 * pushed to) is baselined at its default branch's head, found by the fetch stage; one created empty has nothing to
 * scan yet; one made private asks for nothing. None of them is a dead letter.
 */
class RepositoryEventReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCreatedRepositoryIsBaselinedAtItsDefaultBranchsHead() throws Exception {
        Path root = dir.resolve("world");
        new WorldGenerator(new WorldGenerator.Settings(root, 0, 0, 11, 0, 30)).generate();
        List<Tuple> expected = OrgRepositoriesPipelineTest.expected(root);
        TreeSet<String> withFindings = new TreeSet<>();
        expected.forEach(finding -> withFindings.add((String) finding.toList().get(2)));
        assertThat(withFindings).as("the world plants IOCs").isNotEmpty();
        Files.createDirectories(root.resolve("repos/acme/brand-new"));

        List<String> events = new ArrayList<>();
        for (String repo : withFindings) {
            events.add(repositoryEvent("created", repo));
        }
        events.add(repositoryEvent("created", "acme/brand-new"));
        events.add(repositoryEvent("privatized", "acme/dormant-0030"));
        Files.write(root.resolve("events.ndjson"), events);

        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        Path out = dir.resolve("findings.jsonl");
        RunSummary summary = ReplayRun.run(ReplayCommand.options(World.open(root), out, null, 2,
                FetchStrategy.ADAPTIVE, 0, 0, true), new ReplayRun.Listener() {
                    @Override
                    public void finding(Finding finding) {}

                    @Override
                    public void deadLetter(DeadLetter deadLetter) {
                        deadLetters.add(deadLetter);
                    }
                });

        List<Tuple> findings = new ArrayList<>();
        FindingsSchema.assertValidFile(out);
        for (String line : Files.readAllLines(out)) {
            findings.add(OrgRepositoriesPipelineTest.fields(JSON.readValue(line, Finding.class)));
        }
        assertThat(findings).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(deadLetters).isEmpty();
        assertThat(summary.eventsIn()).isEqualTo(events.size());
        assertThat(summary.pushes()).as("repository events are not pushes").isZero();
    }

    /** GitHub's real {@code repository} event body (see SOURCES.tsv), naming {@code repo} with branch main. */
    private static String repositoryEvent(String action, String repo) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(
                Path.of("src/test/resources/repository/octokit-created.payload.json").toFile());
        event.put("action", action);
        ObjectNode repository = (ObjectNode) event.get("repository");
        repository.put("full_name", repo);
        repository.put("name", repo.substring(repo.indexOf('/') + 1));
        repository.put("default_branch", "main");
        return event.toString();
    }
}
