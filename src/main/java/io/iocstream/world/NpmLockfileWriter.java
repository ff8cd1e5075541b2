package io.iocstream.world;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Writes npm {@code package-lock.json} (lockfile v3) files the way npm lays them out, streaming. */
final class NpmLockfileWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private NpmLockfileWriter() {}

    /** A lockfile whose {@code node_modules/} holds exactly {@code deps} (name → version). */
    static void write(Path file, String project, Map<String, String> deps) throws IOException {
        try (JsonGenerator out = open(file)) {
            begin(out, project, deps);
            for (Map.Entry<String, String> dep : deps.entrySet()) {
                entry(out, "node_modules/" + dep.getKey(), dep.getKey(), dep.getValue());
            }
            end(out);
        }
    }

    /**
     * A large lockfile of at least {@code targetBytes}: {@code planted} at the top level, then nested
     * {@code node_modules} copies of {@code names}, each at one of a few clean versions, as deep dependency
     * trees produce: big files repeat the same packages at many install paths.
     */
    static void writeLarge(Path file, String project, Map<String, String> planted, List<String> names,
            VersionPicker versions, Random random, long targetBytes) throws IOException {
        java.util.Map<String, String> cleanVersions = new java.util.HashMap<>();
        try (JsonGenerator out = open(file)) {
            begin(out, project, planted);
            for (Map.Entry<String, String> dep : planted.entrySet()) {
                entry(out, "node_modules/" + dep.getKey(), dep.getKey(), dep.getValue());
            }
            for (long n = 0; n % 1000 != 0 || sizeOf(out, file) < targetBytes; n++) {
                String parent = names.get(random.nextInt(names.size()));
                String child = names.get(random.nextInt(names.size()));
                String version = cleanVersions.computeIfAbsent(child + "#" + random.nextInt(3),
                        k -> versions.clean(child));
                entry(out, "node_modules/" + parent + "-" + n + "/node_modules/" + child, child, version);
            }
            end(out);
        }
    }

    private static long sizeOf(JsonGenerator out, Path file) throws IOException {
        out.flush();
        return java.nio.file.Files.size(file);
    }

    private static JsonGenerator open(Path file) throws IOException {
        JsonGenerator out = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8);
        out.useDefaultPrettyPrinter();
        return out;
    }

    private static void begin(JsonGenerator out, String project, Map<String, String> deps) throws IOException {
        out.writeStartObject();
        out.writeStringField("name", project);
        out.writeStringField("version", "1.0.0");
        out.writeNumberField("lockfileVersion", 3);
        out.writeBooleanField("requires", true);
        out.writeObjectFieldStart("packages");
        out.writeObjectFieldStart("");
        out.writeStringField("name", project);
        out.writeStringField("version", "1.0.0");
        out.writeObjectFieldStart("dependencies");
        for (Map.Entry<String, String> dep : deps.entrySet()) {
            out.writeStringField(dep.getKey(), "^" + dep.getValue());
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    private static void entry(JsonGenerator out, String key, String name, String version) throws IOException {
        out.writeObjectFieldStart(key);
        out.writeStringField("version", version);
        String base = name.substring(name.lastIndexOf('/') + 1);
        out.writeStringField("resolved", "https://registry.npmjs.org/" + name + "/-/" + base + "-" + version + ".tgz");
        out.writeEndObject();
    }

    private static void end(JsonGenerator out) throws IOException {
        out.writeEndObject();
        out.writeEndObject();
    }
}
