package io.iocstream.match;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One finding as the findings contract (docs/findings.md) writes it: one JSON object a line. Field names are the
 * wire names, and status, trigger, kind and severity hold their enums' wire words ({@link FindingStatus},
 * {@code Trigger}, {@link FindingKind}, {@code Severity}): this record is the JSON edge.
 */
public record Finding(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("finding_id") String findingId,
        @JsonProperty("status") String status,
        @JsonProperty("trigger") String trigger,
        @JsonProperty("repo") String repo,
        @JsonProperty("ref") String ref,
        @JsonProperty("commit") String commit,
        @JsonProperty("path") String path,
        @JsonProperty("kind") String kind,
        @JsonProperty("ecosystem") String ecosystem,
        @JsonProperty("package") String packageName,
        @JsonProperty("version") String version,
        @JsonProperty("indicator") String indicator,
        @JsonProperty("ioc_ids") List<String> iocIds,
        @JsonProperty("severity") String severity,
        @JsonProperty("detected_at") String detectedAt) {

    public static final int SCHEMA_VERSION = 1;

    public Finding {
        iocIds = List.copyOf(iocIds);
    }
}
