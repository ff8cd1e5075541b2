package io.iocstream.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF files {@code export --sarif} writes pass Microsoft's SARIF Multitool {@code validate}: the SARIF 2.1.0
 * schema (JSON1xxx), its SARIF rules and GitHub's (GHxxxx), with no result of level error. The Multitool comes from
 * npm ({@code @microsoft/sarif-multitool-linux@5.7.0}); {@code .ci/run} installs it and names its binary in
 * {@code IOCSTREAM_SARIF_MULTITOOL}, and fails when this test is skipped. Its exit code is 0 even on errors, so its
 * output log is read instead; a file it cannot read at all it skips in silence, so every file must show up there
 * (SARIF2005, the missing {@code informationUri} of a tool without a public home page, is a warning on every file).
 */
class SarifMultitoolTest {

    static final String TOOL_VARIABLE = "IOCSTREAM_SARIF_MULTITOOL";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void exportedSarifHasNoErrorLevelResult() throws Exception {
        Path tool = tool();
        Path sarif = Files.createDirectories(dir.resolve("sarif"));
        try (FindingsDatabase database = FindingsDatabase.open(
                List.of(SarifExportTest.fixture(dir.resolve("findings.jsonl"))))) {
            SarifExport.write(database, sarif, "https://github.com");
        }
        List<Path> files = sarifFiles(sarif);
        assertThat(files).hasSize(4);

        JsonNode log = validate(tool, files);

        assertThat(errors(log)).as("error-level results of the Multitool").isEmpty();
        for (Path file : files) {
            assertThat(analysedUris(log)).as("the Multitool read " + file)
                    .anyMatch(uri -> uri.endsWith(sarif.relativize(file).toString()));
        }
    }

    /** The check can fail: a log of the wrong version is an error the Multitool reports. */
    @Test
    void theMultitoolReportsASchemaError() throws Exception {
        Path tool = tool();
        Path broken = Files.writeString(dir.resolve("broken.sarif"),
                "{\"$schema\": \"" + SarifLog.SCHEMA + "\", \"version\": \"2.0.0\", \"runs\": []}");

        assertThat(errors(validate(tool, List.of(broken)))).anyMatch(error -> error.startsWith("JSON"));
    }

    static Path tool() {
        String path = System.getenv(TOOL_VARIABLE);
        assumeTrue(path != null && !path.isBlank(), "SARIF Multitool not installed: set " + TOOL_VARIABLE
                + " to node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool (npm i "
                + "@microsoft/sarif-multitool-linux@5.7.0; .ci/run does)");
        Path tool = Path.of(path);
        assertThat(tool).as(TOOL_VARIABLE + " names the Multitool's binary").isRegularFile().isExecutable();
        return tool;
    }

    private JsonNode validate(Path tool, List<Path> files) throws IOException, InterruptedException {
        Path result = dir.resolve("validation-" + System.nanoTime() + ".sarif");
        List<String> command = new ArrayList<>(List.of(tool.toString(), "validate", "--rule-kind", "Gh;Sarif",
                "-o", result.toString()));
        files.forEach(file -> command.add(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("validate.log").toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("validate finishes").isTrue();
        assertThat(result).as("validate wrote its log; its output:\n" + Files.readString(dir.resolve("validate.log")))
                .exists();
        return JSON.readTree(result.toFile());
    }

    /** The results of level error, each as its rule id and message. */
    private static List<String> errors(JsonNode log) {
        List<String> errors = new ArrayList<>();
        for (JsonNode run : log.get("runs")) {
            for (JsonNode result : run.path("results")) {
                if ("error".equals(result.path("level").asText())) {
                    errors.add(result.path("ruleId").asText() + " " + result.path("message"));
                }
            }
        }
        return errors;
    }

    private static List<String> analysedUris(JsonNode log) {
        List<String> uris = new ArrayList<>();
        for (JsonNode run : log.get("runs")) {
            for (JsonNode result : run.path("results")) {
                uris.add(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
            }
        }
        return uris;
    }

    private static List<Path> sarifFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".sarif")).sorted().toList();
        }
    }
}
