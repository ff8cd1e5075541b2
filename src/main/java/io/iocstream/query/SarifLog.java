package io.iocstream.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The part of SARIF 2.1.0 that {@code export --sarif} writes, as records Jackson writes field by field (absent
 * optional fields are left out). Names and nesting follow the OASIS schema; see {@link SarifExport} for what goes in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SarifLog(
        @JsonProperty("$schema") String schema,
        @JsonProperty("version") String version,
        @JsonProperty("runs") List<Run> runs) {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String VERSION = "2.1.0";

    /** One analysis of one repository at one commit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(
            Tool tool,
            AutomationDetails automationDetails,
            List<VersionControlDetails> versionControlProvenance,
            List<Result> results) {}

    public record Tool(Driver driver) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Driver(String name, String semanticVersion, List<Rule> rules) {}

    /** The category of the analysis: code scanning keeps one latest analysis per tool, category and ref. */
    public record AutomationDetails(String id) {}

    /** The repository, commit and ref analysed; {@code mappedTo} says result paths are relative to its root. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionControlDetails(String repositoryUri, String revisionId, String branch,
            ArtifactLocation mappedTo) {}

    /** A rule: one advisory (IOC id). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(
            String id,
            String name,
            Message shortDescription,
            Message fullDescription,
            Message help,
            String helpUri,
            Configuration defaultConfiguration,
            Map<String, Object> properties) {}

    public record Configuration(String level) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String text, String markdown) {
        public static Message of(String text) {
            return new Message(text, null);
        }
    }

    /** One finding. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            String ruleId,
            int ruleIndex,
            String level,
            Message message,
            List<Location> locations,
            Map<String, String> partialFingerprints,
            Map<String, Object> properties) {}

    public record Location(PhysicalLocation physicalLocation) {}

    public record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

    /** A location relative to {@code uriBaseId}: {@link #SOURCE_ROOT}, the repository's root, as CodeQL writes it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArtifactLocation(String uri, String uriBaseId) {}

    public static final String SOURCE_ROOT = "%SRCROOT%";

    public record Region(int startLine) {}
}
