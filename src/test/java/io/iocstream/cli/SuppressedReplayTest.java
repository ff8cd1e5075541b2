package io.iocstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iocstream.match.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --suppressions FILE} over the sample world: the findings a live suppression covers are written with
 * status {@code suppressed} (a push's, a baseline's and a retro hunt's alike), their resolved lines stay resolved, an
 * expired suppression covers nothing, and a bad file is one line and exit 2 before anything runs.
 */
class SuppressedReplayTest {

    @TempDir
    Path dir;

    @Test
    void coveredFindingsAreWrittenSuppressedAndExpiredSuppressionsCoverNothing() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        Path suppressions = dir.resolve("suppressions.yaml");
        Files.writeString(suppressions, """
                suppressions:
                  - ioc_id: MAL-2025-46969
                    repo: acme/storefront
                    reason: the storefront pins chalk in a test fixture that is never installed
                    until: 2099-01-01
                  - repo: acme/payments-api
                    path: "services/**"
                    reason: the UI service is being removed this sprint
                    until: 2099-01-01T00:00:00Z
                  - ioc_id: SHAI-HULUD-EXFIL
                    reason: an old triage that has expired
                    until: 2020-01-01
                """);
        Path out = dir.resolve("findings.jsonl");
        Path summary = dir.resolve("summary.json");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(err, true), "replay", "--world", world.toString(), "--out",
                out.toString(), "--summary", summary.toString(), "--suppressions", suppressions.toString());
        assertThat(code).as(err.toString()).isZero();
        var counts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile());
        assertThat(List.of(counts.get("findings").asLong(), counts.get("findings_open").asLong(),
                counts.get("findings_resolved").asLong())).containsExactly(8L, 3L, 2L);

        List<Finding> findings = ReplayOutput.findings(out);
        assertThat(findings).extracting(Finding::status, Finding::trigger, Finding::repo, Finding::packageName,
                Finding::iocIds).containsExactlyInAnyOrder(
                tuple("suppressed", "baseline", "acme/storefront", "chalk", List.of("MAL-2025-46969")),
                tuple("resolved", "push", "acme/storefront", "chalk", List.of("MAL-2025-46969")),
                tuple("suppressed", "baseline", "acme/storefront", "chalk", List.of("MAL-2025-46969")),
                tuple("resolved", "push", "acme/storefront", "chalk", List.of("MAL-2025-46969")),
                tuple("open", "push", "acme/payments-api", "debug", List.of("MAL-2025-46974")),
                tuple("suppressed", "retro_hunt", "acme/payments-api", "@ctrl/tinycolor", List.of("MAL-2025-47141")),
                tuple("open", "baseline", "acme/legacy-tools", null, List.of("SHAI-HULUD-RUNNER")),
                tuple("open", "baseline", "acme/legacy-tools", null, List.of("SHAI-HULUD-EXFIL")));
    }

    @Test
    void aBadSuppressionsFileIsOneLineAndExit2() throws Exception {
        Path world = SampleWorld.unpack(dir.resolve("world"));
        Path suppressions = dir.resolve("suppressions.json");
        Files.writeString(suppressions, "[{\"ioc_id\": \"MAL-2025-46969\", \"until\": \"2099-01-01\"}]");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(err, true), "replay", "--world", world.toString(), "--out",
                dir.resolve("findings.jsonl").toString(), "--suppressions", suppressions.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("iocstream: --suppressions: " + suppressions
                + ": [0].reason: required: say why the finding may be hidden");
        assertThat(dir.resolve("findings.jsonl")).doesNotExist();
    }
}
