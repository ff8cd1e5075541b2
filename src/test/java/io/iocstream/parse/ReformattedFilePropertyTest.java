package io.iocstream.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.iocstream.core.HostileInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property: a real dependency file in JSON, YAML or TOML, written again with its keys in random order, unknown fields
 * added (at the top and in every entry that has a {@code version}) and, for JSON, random whitespace between tokens,
 * states the same dependencies (ecosystem, name, version, scope, relationship; line numbers move, so they are left
 * out). The seed and the deep run: see {@link HostileInput}.
 */
class ReformattedFilePropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper TOML = new TomlMapper();

    record Format(String fixture, ObjectMapper mapper) {}

    static List<Format> formats() {
        return List.of(new Format("package-lock-v1/package-lock.json", JSON),
                new Format("package-lock-v2/package-lock.json", JSON),
                new Format("package-lock-v2-app/package-lock.json", JSON),
                new Format("npm-shrinkwrap/npm-shrinkwrap.json", JSON),
                new Format("package-json/package.json", JSON), new Format("pipfile/Pipfile.lock", JSON),
                new Format("composer/composer.lock", JSON), new Format("nuget/packages.lock.json", JSON),
                new Format("pnpm-v5/pnpm-lock.yaml", YAML), new Format("pnpm-v9/pnpm-lock.yaml", YAML),
                new Format("cargo/Cargo.lock", TOML), new Format("poetry/poetry.lock", TOML),
                new Format("uv/uv.lock", TOML), new Format("pdm/pdm.lock", TOML));
    }

    @TestFactory
    Stream<DynamicTest> reformattedFilesStateTheSameDependencies() {
        return formats().stream().map(format -> DynamicTest.dynamicTest(format.fixture(), () -> {
            String path = format.fixture().substring(format.fixture().indexOf('/') + 1);
            byte[] original = Fixtures.lockfile(format.fixture());
            List<String> expected = dependencies(path, original);
            assertThat(expected).as("the fixture states dependencies").isNotEmpty();
            JsonNode tree = format.mapper().readTree(original);
            HostileInput.forAll("reformat " + format.fixture(), random -> {
                JsonNode changed = reshape(tree.deepCopy(), random, true);
                byte[] written = write(format.mapper(), changed, random);
                assertThat(dependencies(path, written)).as("%s reformatted:%n%s", path,
                        new String(written, StandardCharsets.UTF_8)).isEqualTo(expected);
            });
        }));
    }

    private static List<String> dependencies(String path, byte[] content) {
        try {
            return DependencyFiles.parse(path, content, new SkippedEntries()).stream()
                    .map(d -> String.join(" ", d.ecosystem(), d.name(), d.version(), d.scope(), d.relationship()))
                    .sorted().toList();
        } catch (DependencyFileException e) {
            throw new AssertionError(path + " rejected: " + e.getMessage(), e);
        }
    }

    /** Shuffles every object's keys and adds unknown fields to the top and to every versioned entry. */
    private static JsonNode reshape(JsonNode node, Random random, boolean top) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            Collections.shuffle(fields, random);
            object.removeAll();
            for (Map.Entry<String, JsonNode> field : fields) {
                object.set(field.getKey(), reshape(field.getValue(), random, false));
            }
            if ((top || object.path("version").isTextual()) && random.nextBoolean()) {
                object.put("x-iocstream-unknown-" + random.nextInt(1000), "ignored " + random.nextInt());
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, reshape(array.get(i), random, false));
            }
        }
        return node;
    }

    private static byte[] write(ObjectMapper mapper, JsonNode tree, Random random) {
        try {
            if (mapper != JSON) {
                return mapper.writeValueAsBytes(tree);
            }
            String compact = JSON.writeValueAsString(tree);
            return withWhitespace(compact, random).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random JSON whitespace after each structural character outside strings. */
    private static String withWhitespace(String json, Random random) {
        StringBuilder out = new StringBuilder(json.length() * 2);
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            out.append(c);
            if (inString) {
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if ("{}[],:".indexOf(c) >= 0) {
                for (int n = random.nextInt(4); n > 0; n--) {
                    out.append(" \t\n\r".charAt(random.nextInt(4)));
                }
            }
        }
        return out.toString();
    }
}
