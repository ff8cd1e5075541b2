package io.iocstream.match;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One finding as the findings contract (docs/findings.md) writes it: one JSON object a line. Field names are the
 * wire names, and status, trigger, kind and severity hold their enums' wire words ({@link FindingStatus},
 * {@code Trigger}, {@link FindingKind}, {@code Severity}): this record is the JSON edge. The contract's fields come
 * first; those after {@code detected_at} are the triage fields a SOC acts on, each null (or empty, for lists) when
 * the event, the file or the feed does not say (docs/findings.md, docs/findings.schema.json).
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
        @JsonProperty("detected_at") String detectedAt,
        @JsonProperty("pusher") String pusher,
        @JsonProperty("sender") String sender,
        @JsonProperty("pushed_at") String pushedAt,
        @JsonProperty("html_url") String htmlUrl,
        @JsonProperty("line") Integer line,
        @JsonProperty("summary") String summary,
        @JsonProperty("aliases") List<String> aliases,
        @JsonProperty("references") List<String> references,
        @JsonProperty("feed") String feed,
        @JsonProperty("scope") String scope,
        @JsonProperty("relationship") String relationship) {

    public static final int SCHEMA_VERSION = 1;

    public Finding {
        iocIds = List.copyOf(iocIds);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        references = references == null ? List.of() : List.copyOf(references);
    }
}
