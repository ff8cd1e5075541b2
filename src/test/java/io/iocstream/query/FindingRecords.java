package io.iocstream.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Findings records written as JSON Lines for the query tests: contract fields with overrides, and more. */
final class FindingRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FindingRecords() {}

    /** A package finding with the contract's fields; {@code fields} replace or add (a null value removes). */
    static Map<String, Object> finding(String id, String status, String detectedAt, Object... fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("schema_version", 1);
        record.put("finding_id", id);
        record.put("status", status);
        record.put("trigger", "push");
        record.put("repo", "acme/web");
        record.put("ref", "refs/heads/main");
        record.put("commit", "a".repeat(40));
        record.put("path", "package-lock.json");
        record.put("kind", "package");
        record.put("ecosystem", "npm");
        record.put("package", "left-pad");
        record.put("version", "1.3.0");
        record.put("indicator", null);
        record.put("ioc_ids", List.of("MAL-2025-1"));
        record.put("severity", "critical");
        record.put("detected_at", detectedAt);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] == null) {
                record.remove((String) fields[i]);
            } else {
                record.put((String) fields[i], fields[i + 1]);
            }
        }
        return record;
    }

    @SafeVarargs
    static Path write(Path file, Map<String, Object>... records) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> record : records) {
            lines.add(JSON.writeValueAsString(record));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, lines);
    }
}
