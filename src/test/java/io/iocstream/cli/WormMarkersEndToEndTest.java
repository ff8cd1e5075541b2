package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iocstream.fetch.FetchStrategy;
import io.iocstream.match.Finding;
import io.iocstream.parse.ConstructedWorkflows;
import io.iocstream.pipeline.RunSummary;
import io.iocstream.testing.FindingsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held-out world of the worm's markers, replayed through the whole pipeline: a backdoor workflow found by its
 * trigger and runner ({@code on:discussion+runs-on:self-hosted}), a workflow open to injection found by its trigger
 * ({@code on:pull_request_target}) and its {@code [self-hosted, linux]} runner, an ordinary workflow that is not
 * found; a repository created empty under the worm's name (webhook {@code repository} event, found without a
 * commit), a repository scanned while private and then made public with the worm's description (found on the
 * second scan), and a repository whose Events API {@code CreateEvent} description names the second wave, found by
 * a retro hunt when that indicator arrives in {@code iocs-later/}. The workflows, events and descriptions are
 * constructed for this test after the published descriptions of the attacks.
 */
class WormMarkersEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String C1 = "1111111111111111111111111111111111111111";
    private static final String C2 = "2222222222222222222222222222222222222222";
    private static final String C3 = "3333333333333333333333333333333333333333";
    private static final String ZERO = "0".repeat(40);

    private static final String CI = """
            name: CI
            on: [push, pull_request]
            jobs:
              test:
                runs-on: ubuntu-latest
            """;

    @TempDir
    static Path dir;
    static List<Finding> findings = new ArrayList<>();
    static RunSummary summary;

    @BeforeAll
    static void replay() throws Exception {
        Path world = dir.resolve("world");
        Path app = world.resolve("repos/acme/app/" + C1);
        write(app.resolve(".github/workflows/discussion.yaml"), ConstructedWorkflows.BACKDOOR);
        write(app.resolve(".github/workflows/triage.yml"), ConstructedWorkflows.INJECTABLE);
        write(app.resolve(".github/workflows/ci.yml"), CI);
        Files.createDirectories(world.resolve("repos/acme/Shai-Hulud")); // created empty: no commit yet
        write(world.resolve("repos/acme/lib-migration/" + C2 + "/README.md"), "# lib\n");
        write(world.resolve("repos/acme/x9y8z7/" + C3 + "/data.json"), "{}\n");
        write(world.resolve("iocs/markers.csv"), """
                type,value,id
                workflow,on:discussion+runs-on:self-hosted,TEST-BACKDOOR
                workflow,on:pull_request_target,TEST-PRT
                workflow,self-hosted,TEST-RUNNER
                repository,Shai-Hulud,TEST-REPO
                repository,description:Shai-Hulud Migration,TEST-MIGRATION
                """);
        write(world.resolve("iocs-later/second-wave.csv"), """
                type,value,id
                repository,description:Sha1-Hulud: The Second Coming.,TEST-SECOND-COMING
                """);
        write(world.resolve("events.ndjson"), String.join("\n",
                push("acme/app", C1),
                repositoryEvent("created", "acme/Shai-Hulud", "Shai-Hulud Repository."),
                push("acme/lib-migration", C2),
                repositoryEvent("publicized", "acme/lib-migration", "Shai-Hulud Migration"),
                createEvent("acme/x9y8z7", "Sha1-Hulud: The Second Coming.")) + "\n");
        Path out = dir.resolve("findings.jsonl");
        summary = ReplayRun.run(ReplayCommand.options(World.open(world), out, dir.resolve("summary.json"), 2,
                FetchStrategy.ADAPTIVE, 0, 0, true), ReplayRun.Listener.SILENT);
        FindingsSchema.assertValidFile(out);
        findings.addAll(ReplayOutput.findings(out));
    }

    @Test
    void eachMarkerIsFoundWithItsKindTriggerCommitAndLine() {
        assertThat(findings.stream().map(f -> String.join(" | ", f.repo(), f.ref(), String.valueOf(f.commit()),
                f.path(), f.kind(), f.indicator(), f.trigger(), String.valueOf(f.line()))).toList())
                .containsExactlyInAnyOrder(
                        "acme/app | refs/heads/main | " + C1 + " | .github/workflows/discussion.yaml | workflow"
                                + " | on:discussion+runs-on:self-hosted | baseline | 3",
                        "acme/app | refs/heads/main | " + C1 + " | .github/workflows/discussion.yaml | workflow"
                                + " | self-hosted | baseline | 6",
                        "acme/app | refs/heads/main | " + C1 + " | .github/workflows/triage.yml | workflow"
                                + " | on:pull_request_target | baseline | 3",
                        "acme/app | refs/heads/main | " + C1 + " | .github/workflows/triage.yml | workflow"
                                + " | self-hosted | baseline | 7",
                        "acme/Shai-Hulud | refs/heads/main | null | . | repository | shai-hulud | baseline | null",
                        "acme/lib-migration | refs/heads/main | " + C2 + " | . | repository"
                                + " | description:shai-hulud migration | baseline | null",
                        "acme/x9y8z7 | refs/heads/main | " + C3 + " | . | repository"
                                + " | description:sha1-hulud: the second coming. | retro_hunt | null");
    }

    @Test
    void theFindingsCiteTheirIndicatorsAndWhoCreatedTheRepositoryAndNothingWasDeadLettered() {
        assertThat(findings).allSatisfy(f -> assertThat(f.status()).isEqualTo("open"));
        assertThat(findings).filteredOn(f -> f.repo().equals("acme/Shai-Hulud")).singleElement()
                .satisfies(f -> {
                    assertThat(f.iocIds()).containsExactly("TEST-REPO");
                    assertThat(f.sender()).isEqualTo("worm-victim");
                    assertThat(f.htmlUrl()).isNull();
                });
        assertThat(findings).filteredOn(f -> f.repo().equals("acme/x9y8z7")).singleElement()
                .satisfies(f -> assertThat(f.pusher()).isEqualTo("worm-victim"));
        assertThat(summary.deadLetters()).isZero();
    }

    private static String push(String repo, String after) throws IOException {
        ObjectNode push = JSON.createObjectNode();
        push.put("ref", "refs/heads/main").put("before", ZERO).put("after", after)
                .put("created", true).put("deleted", false).put("forced", false);
        push.putObject("repository").put("name", repo.substring(repo.indexOf('/') + 1)).put("full_name", repo)
                .putObject("owner").put("login", "acme");
        push.putArray("commits");
        return JSON.writeValueAsString(push);
    }

    /** A webhook {@code repository} event, in the shape of GitHub's (src/test/resources/repository). */
    private static String repositoryEvent(String action, String repo, String description) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("action", action);
        event.putObject("repository").put("name", repo.substring(repo.indexOf('/') + 1)).put("full_name", repo)
                .put("private", false).put("default_branch", "main").put("description", description);
        event.putObject("sender").put("login", "worm-victim");
        return JSON.writeValueAsString(event);
    }

    /** An Events API {@code CreateEvent} of a repository, in the shape GitHub documents. */
    private static String createEvent(String repo, String description) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "50000000001").put("type", "CreateEvent").put("public", true)
                .put("created_at", "2025-11-24T08:00:00Z");
        event.putObject("actor").put("login", "worm-victim");
        event.putObject("repo").put("id", 9).put("name", repo);
        event.putObject("payload").putNull("ref").put("ref_type", "repository").put("master_branch", "main")
                .put("description", description).put("pusher_type", "user");
        return JSON.writeValueAsString(event);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
