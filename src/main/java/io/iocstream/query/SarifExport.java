package io.iocstream.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Open findings as SARIF 2.1.0 for GitHub code scanning ({@code POST /repos/O/R/code-scanning/sarifs}), one file
 * per repository and ref, at the newest commit the ref's findings name: code scanning keeps the latest analysis of
 * each ref (per tool and category), so one file a ref holds every finding open on it, and a ref whose findings all
 * resolved gets a file without results, whose upload closes their alerts. Each finding is one result; its rule is
 * its advisory (the first of its {@code ioc_ids}, which the matcher sorts), stable from run to run;
 * {@code partialFingerprints} carries the finding id, so an alert follows its finding; the location is the file,
 * at {@code line} where the record has one (line 1 otherwise: GitHub requires a start line). Beside the files,
 * {@code uploads.jsonl} lists each with the repository, ref and commit its upload names (docs/query.md).
 */
public final class SarifExport {

    /** The key of the finding id among a result's partial fingerprints. */
    public static final String FINGERPRINT = "iocstreamFindingId/v1";
    /** The code scanning category of iocstream's analyses. */
    public static final String CATEGORY = "iocstream/";
    public static final String UPLOADS = "uploads.jsonl";

    private static final String TOOL = "iocstream";
    private static final String TOOL_VERSION = "0.1.0";
    /** Advisory id prefixes that osv.dev serves a page for. */
    private static final Pattern OSV_ID = Pattern.compile(
            "(MAL|GHSA|PYSEC|RUSTSEC|GO|OSV|CVE|GSD|UVI|BIT|RSEC|CURL|PSF)-.+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One written SARIF file and what its upload names; {@code sarif} is relative to the export directory. */
    public record Upload(
            @JsonProperty("sarif") String sarif,
            @JsonProperty("repository") String repository,
            @JsonProperty("ref") String ref,
            @JsonProperty("commit_sha") String commitSha,
            @JsonProperty("results") int results) {}

    private SarifExport() {}

    /**
     * Writes one SARIF file per repository and ref of {@code database}'s findings under {@code dir} (at
     * {@code OWNER/NAME/REF/COMMIT.sarif}) and their list to {@code dir/uploads.jsonl}; {@code webBase} is the
     * GitHub web address the repositories live under ({@code https://github.com}).
     */
    public static List<Upload> write(FindingsDatabase database, Path dir, String webBase)
            throws SQLException, IOException {
        Map<String, List<Map<String, Object>>> open = new TreeMap<>();
        for (Map<String, Object> finding : rows(database, "SELECT * FROM current WHERE status = 'open' "
                + "ORDER BY repo, ref, path, finding_id")) {
            open.computeIfAbsent(key(text(finding, "repo"), text(finding, "ref")), k -> new ArrayList<>()).add(finding);
        }
        List<Upload> uploads = new ArrayList<>();
        for (Map<String, Object> head : rows(database, "SELECT repo, ref, arg_max(\"commit\", detected_at) AS head "
                + "FROM findings WHERE repo IS NOT NULL AND ref IS NOT NULL AND \"commit\" IS NOT NULL "
                + "GROUP BY repo, ref ORDER BY repo, ref")) {
            String repo = text(head, "repo");
            String ref = text(head, "ref");
            String commit = text(head, "head");
            List<Map<String, Object>> findings = open.getOrDefault(key(repo, ref), List.of());
            Path file = fileOf(dir, repo, ref, commit);
            writeAtomically(file, PRETTY.writeValueAsBytes(log(findings, repo, ref, commit, webBase)));
            uploads.add(new Upload(dir.relativize(file).toString(), repo, ref, commit, findings.size()));
        }
        StringBuilder index = new StringBuilder();
        for (Upload upload : uploads) {
            index.append(JSON.writeValueAsString(upload)).append('\n');
        }
        writeAtomically(dir.resolve(UPLOADS), index.toString().getBytes(StandardCharsets.UTF_8));
        return uploads;
    }

    /** The SARIF log of one repository and ref: its open findings, with the rules they use. */
    static SarifLog log(List<Map<String, Object>> findings, String repo, String ref, String commit, String webBase) {
        Map<String, List<Map<String, Object>>> byRule = new TreeMap<>();
        for (Map<String, Object> finding : findings) {
            byRule.computeIfAbsent(ruleId(finding), id -> new ArrayList<>()).add(finding);
        }
        List<SarifLog.Rule> rules = new ArrayList<>();
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        byRule.forEach((id, hits) -> {
            ruleIndex.put(id, rules.size());
            rules.add(rule(id, hits));
        });
        List<SarifLog.Result> results = new ArrayList<>();
        for (Map<String, Object> finding : findings) {
            String id = ruleId(finding);
            results.add(result(finding, id, ruleIndex.get(id)));
        }
        SarifLog.Run run = new SarifLog.Run(
                new SarifLog.Tool(new SarifLog.Driver(TOOL, TOOL_VERSION, rules)),
                new SarifLog.AutomationDetails(CATEGORY),
                List.of(new SarifLog.VersionControlDetails(stripSlash(webBase) + "/" + repo, commit, ref,
                        new SarifLog.ArtifactLocation(null, SarifLog.SOURCE_ROOT))),
                results);
        return new SarifLog(SarifLog.SCHEMA, SarifLog.VERSION, List.of(run));
    }

    private static SarifLog.Rule rule(String id, List<Map<String, Object>> hits) {
        Map<String, Object> first = hits.get(0);
        Severity severity = hits.stream().map(hit -> Severity.of(text(hit, "severity")))
                .min(Comparator.naturalOrder()).orElse(Severity.CRITICAL);
        String kind = String.valueOf(text(first, "kind"));
        String summary = text(first, "summary");
        String subject = subject(first);
        String shortText = summary != null ? summary : subject;
        String aliases = first.get("aliases") instanceof List<?> listed && !listed.isEmpty()
                ? " Also known as " + listed.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "."
                : "";
        String fullText = id + ": " + subject + (summary != null ? ". " + summary : "")
                + ". Named by the IOC feed entry " + id + "." + aliases;
        String helpText = remedy(kind);
        StringBuilder helpMarkdown = new StringBuilder(helpText);
        String helpUri = OSV_ID.matcher(id).matches() ? "https://osv.dev/vulnerability/" + id : null;
        List<String> references = new ArrayList<>();
        if (helpUri != null) {
            references.add(helpUri);
        }
        if (first.get("references") instanceof List<?> listed) {
            for (Object reference : listed) {
                // plain URLs, or OSV's {"type": ..., "url": ...}
                Object url = reference instanceof Map<?, ?> osv ? osv.get("url") : reference;
                if (url instanceof String text && !references.contains(text)) {
                    references.add(text);
                }
            }
        }
        if (!references.isEmpty()) {
            helpMarkdown.append("\n\nReferences:\n");
            references.forEach(reference -> helpMarkdown.append("\n- <").append(reference).append('>'));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("security-severity", severity.score);
        properties.put("tags", List.of("security", "supply-chain", kind));
        properties.put("precision", "very-high");
        return new SarifLog.Rule(id, ruleName(kind), SarifLog.Message.of(shortText),
                SarifLog.Message.of(fullText), new SarifLog.Message(helpText, helpMarkdown.toString()), helpUri,
                new SarifLog.Configuration(severity.level), properties);
    }

    private static SarifLog.Result result(Map<String, Object> finding, String ruleId, int ruleIndex) {
        Severity severity = Severity.of(text(finding, "severity"));
        String message = subject(finding) + " in " + text(finding, "path") + " (" + String.join(", ",
                iocIds(finding)) + "; " + text(finding, "trigger") + " at " + text(finding, "detected_at") + ")";
        SarifLog.Location location = new SarifLog.Location(new SarifLog.PhysicalLocation(
                new SarifLog.ArtifactLocation(uri(text(finding, "path")), SarifLog.SOURCE_ROOT), new SarifLog.Region(line(finding))));
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String field : List.of("finding_id", "trigger", "kind", "ecosystem", "package", "version", "indicator",
                "ioc_ids", "severity", "commit", "detected_at", "html_url")) {
            if (finding.get(field) != null) {
                properties.put(field, finding.get(field));
            }
        }
        return new SarifLog.Result(ruleId, ruleIndex, severity.level, SarifLog.Message.of(message),
                List.of(location), Map.of(FINGERPRINT, text(finding, "finding_id")), properties);
    }

    /** What was found, in a few words, without where. */
    static String subject(Map<String, Object> finding) {
        String indicator = text(finding, "indicator");
        return switch (String.valueOf(text(finding, "kind"))) {
            case "package" -> "Known-bad " + text(finding, "ecosystem") + " package " + text(finding, "package")
                    + (text(finding, "version") == null ? "" : " " + text(finding, "version"));
            case "file_hash" -> "Known-malicious file (SHA-256 " + indicator + ")";
            case "file_name" -> "Known-malicious file name " + indicator;
            case "domain" -> "Known-bad domain " + indicator;
            case "workflow" -> "Known-malicious GitHub Actions workflow " + indicator;
            case "action" -> "Known-malicious GitHub Action " + indicator;
            case "ref" -> "Known-malicious branch or tag name " + indicator;
            case "repository" -> "Repository created or made public like a worm's (" + indicator + ")";
            default -> "Known-bad " + text(finding, "kind") + " " + indicator;
        };
    }

    private static String remedy(String kind) {
        return switch (kind) {
            case "package" -> "A feed of known-malicious or compromised packages names this version. Remove it or "
                    + "move to a version the advisory does not name, regenerate the lockfile, and treat machines and "
                    + "CI runners that installed it as compromised: rotate the secrets they could read.";
            case "file_hash", "file_name" -> "This file matches a known-malicious file. Remove it, find the commit "
                    + "and the account that brought it in, and rotate the secrets the repository's workflows hold.";
            case "domain" -> "The file names a host that an IOC feed lists (exfiltration or payload server). Remove "
                    + "the reference and check whether builds or deployments contacted the host.";
            case "workflow", "action" -> "A GitHub Actions workflow matches a known-malicious workflow or action. "
                    + "Remove it or pin actions to a reviewed full commit SHA, review the workflow runs, and rotate "
                    + "the repository's and organisation's secrets.";
            case "ref" -> "A branch or tag name that an IOC feed lists was pushed. Delete the ref, review what its "
                    + "commits hold and who pushed them.";
            case "repository" -> "A repository was created or made public with a name or description that an IOC "
                    + "feed lists as a worm's marker. Make it private, review what it holds (stolen secrets), and "
                    + "rotate the secrets of the account that created or published it.";
            default -> "An IOC feed names what this file holds. Review and remove it.";
        };
    }

    private static String ruleName(String kind) {
        StringBuilder name = new StringBuilder("KnownBad");
        for (String part : kind.split("_")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    /** The advisory a finding is a result of: its first IOC id (the matcher sorts them), else one per kind. */
    static String ruleId(Map<String, Object> finding) {
        List<String> ids = iocIds(finding);
        return ids.isEmpty() ? TOOL + "/" + text(finding, "kind") : ids.get(0);
    }

    private static List<String> iocIds(Map<String, Object> finding) {
        if (finding.get("ioc_ids") instanceof List<?> ids) {
            return ids.stream().filter(String.class::isInstance).map(String.class::cast).sorted().toList();
        }
        return List.of();
    }

    private static int line(Map<String, Object> finding) {
        return finding.get("line") instanceof Number number && number.longValue() >= 1
                && number.longValue() <= Integer.MAX_VALUE ? number.intValue() : 1;
    }

    /** A repository path as a relative URI reference: each character a URI cannot hold percent-encoded. */
    static String uri(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            // a relative path with a colon in its first segment reads as a scheme: ./ keeps it a path
            try {
                return new URI(null, null, "./" + path, null).toASCIIString();
            } catch (URISyntaxException again) {
                throw new IllegalArgumentException("not a file path: " + path, again);
            }
        }
    }

    /** {@code dir/OWNER/NAME/REF/COMMIT.sarif}, refused when the record's names would lead out of {@code dir}. */
    static Path fileOf(Path dir, String repo, String ref, String commit) {
        Path file = dir.resolve(repo).resolve(ref).resolve(commit + ".sarif").normalize();
        boolean safe = file.startsWith(dir.normalize()) && repo.split("/").length == 2
                && !ref.startsWith("/") && !commit.contains("/") && !ref.contains("..") && !repo.contains("..");
        if (!safe) {
            throw new IllegalArgumentException("a finding names a repository, ref or commit that is no file path: "
                    + repo + " " + ref + " " + commit);
        }
        return file;
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        Files.write(partial, content);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<Map<String, Object>> rows(FindingsDatabase database, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = database.connection().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    row.put(meta.getColumnLabel(column), SqlValues.plain(result.getObject(column)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String text(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return value == null ? null : value.toString();
    }

    private static String key(String repo, String ref) {
        return repo + "\u0000" + ref;
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A finding's severity as code scanning reads it: a {@code security-severity} score and a result level. */
    enum Severity {
        CRITICAL("9.5", "error"), HIGH("8.0", "error"), MEDIUM("5.5", "warning"), LOW("3.0", "note");

        final String score;
        final String level;

        Severity(String score, String level) {
            this.score = score;
            this.level = level;
        }

        /** Unknown or missing words read as critical: a finding no one can grade is shown, not played down. */
        static Severity of(String word) {
            if (word != null) {
                for (Severity severity : values()) {
                    if (severity.name().equalsIgnoreCase(word)) {
                        return severity;
                    }
                }
            }
            return CRITICAL;
        }
    }
}
