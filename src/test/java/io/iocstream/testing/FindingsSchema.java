package io.iocstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.iocstream.findings.JsonLines;
import io.iocstream.match.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * docs/findings.schema.json (JSON Schema draft 2020-12), checked against findings as the outputs write them: every
 * end-to-end test runs its findings through here, so a field the code writes and the schema does not describe, or
 * a value outside it, fails the test that made it.
 */
public final class FindingsSchema {

    public static final Path FILE = Path.of("docs/findings.schema.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private FindingsSchema() {}

    private static JsonSchema load() {
        try (InputStream in = Files.newInputStream(FILE)) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the schema finds wrong with one JSON line, each message naming the field; empty when it is valid. */
    public static List<String> problems(String jsonLine) {
        Set<ValidationMessage> messages = SCHEMA.validate(jsonLine, InputFormat.JSON);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Fails unless every line is a valid finding. */
    public static void assertValidLines(Collection<String> jsonLines) {
        assertThat(jsonLines).allSatisfy(line -> assertThat(problems(line)).as(line).isEmpty());
    }

    /** Fails unless every finding, written as the outputs write it ({@link JsonLines}), is valid. */
    public static void assertValid(Collection<Finding> findings) {
        assertValidLines(findings.stream().map(JsonLines::of).toList());
    }

    /** Fails unless every line of a findings file is a valid finding. */
    public static void assertValidFile(Path findingsFile) throws IOException {
        assertValidLines(Files.readAllLines(findingsFile));
    }

    /** One line parsed, for tests that look at a field. */
    public static JsonNode parse(String jsonLine) throws IOException {
        return JSON.readTree(jsonLine);
    }
}
