package io.iocstream.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iocstream.feeds.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an alert says, written for the person it pages: what was found (package and version, or the indicator),
 * where (repository, ref, file, commit, a link to the file at that commit), who pushed it and when, the advisory's id
 * and summary, and what to do. Read from the findings' JSON records by field name, each field only when present, so
 * that fields a newer job writes ({@code pusher}, {@code pushed_at}, {@code summary}, {@code aliases},
 * {@code references}, {@code line}, {@code html_url}, {@code resolution}) show up without a change here.
 */
public record AlertContent(String title, String text, Severity severity, String link, String source,
        String timestamp, String kind, String repo, String path, Map<String, String> details) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LISTED = 20;

    /** The content of {@code alert}; {@code webBaseUrl} is GitHub's web address, for links to files. */
    public static AlertContent of(Alert alert, String webBaseUrl) {
        List<JsonNode> findings = alert.findings().stream().map(AlertContent::parse).toList();
        JsonNode first = findings.isEmpty() ? JSON.createObjectNode() : findings.get(0);
        Severity severity = findings.stream().map(AlertContent::severityOf).min(Enum::compareTo).orElse(Severity.LOW);
        String link = link(first, webBaseUrl);
        Map<String, String> details = details(first, link);
        details.put("dedup_key", alert.dedupKey());
        String tag = "[" + severity.wire().toUpperCase(Locale.ROOT) + "] ";
        return switch (alert.kind()) {
            case FINDING -> {
                String title = (alert.resolve() ? "Resolved: " : tag) + what(first) + " in " + where(first);
                yield new AlertContent(title, describe(first, link, alert.resolve()), severity, link,
                        text(first, "repo"), text(first, "detected_at"), text(first, "kind"), text(first, "repo"),
                        text(first, "path"), details);
            }
            case RETRO_HUNT_GROUP -> {
                Set<String> repos = repos(findings);
                String title = alert.resolve() ? "Resolved: retro hunt of " + iocs(first) + ", every finding gone"
                        : tag + "Retro hunt: " + iocs(first) + " found in " + alert.count() + " files of "
                                + repos.size() + " repositories";
                StringBuilder text = new StringBuilder(advisory(first));
                text.append(alert.resolve() ? "" : "A new IOC matched files seen earlier:\n");
                list(findings, webBaseUrl, text);
                text.append(alert.resolve() ? "" : "What to do: " + advice(first));
                details.put("repositories", String.join(", ", repos));
                details.put("findings", String.valueOf(alert.count()));
                yield new AlertContent(title, text.toString(), severity, link, "iocstream", text(first,
                        "detected_at"), text(first, "kind"), null, null, details);
            }
            case OVER_LIMIT_SUMMARY -> {
                String title = alert.resolve() ? "Resolved: every finding held over the rate limit of route "
                        + alert.route()
                        : tag + alert.count() + " more findings held over the rate limit of route " + alert.route();
                StringBuilder text = new StringBuilder(alert.resolve() ? "" : "Route " + alert.route()
                        + " sent as many alerts as it may in its window; these findings were held back"
                        + (alert.count() > findings.size() ? " (the first " + findings.size() + " listed)" : "")
                        + ":\n");
                list(findings, webBaseUrl, text);
                details.put("findings", String.valueOf(alert.count()));
                yield new AlertContent(title, text.toString(), severity, link, "iocstream", text(first,
                        "detected_at"), text(first, "kind"), null, null, details);
            }
        };
    }

    /** Package and version, or the indicator: {@code npm package event-stream 3.3.6}. */
    static String what(JsonNode finding) {
        String pkg = text(finding, "package");
        if (pkg != null) {
            String ecosystem = text(finding, "ecosystem");
            return (ecosystem == null ? "" : ecosystem + " ") + "package " + pkg
                    + (text(finding, "version") == null ? "" : " " + text(finding, "version"));
        }
        String kind = text(finding, "kind");
        return (kind == null ? "indicator" : kind.replace('_', ' ')) + " " + text(finding, "indicator");
    }

    /** {@code acme/web package-lock.json (refs/heads/main)}. */
    static String where(JsonNode finding) {
        return text(finding, "repo") + " " + text(finding, "path") + " (" + text(finding, "ref") + ")";
    }

    private static String describe(JsonNode f, String link, boolean resolve) {
        StringBuilder text = new StringBuilder();
        line(text, "Found", what(f));
        line(text, "Repository", text(f, "repo"));
        line(text, "Ref", text(f, "ref"));
        line(text, "File", text(f, "path") + (text(f, "line") == null ? "" : " line " + text(f, "line")));
        line(text, "Commit", text(f, "commit"));
        line(text, "Link", link);
        line(text, "Pushed by", person(f.get("pusher")));
        line(text, "Pushed at", text(f, "pushed_at"));
        line(text, "Found by", text(f, "trigger") == null ? null : text(f, "trigger").replace('_', ' '));
        line(text, "Severity", text(f, "severity"));
        text.append(advisory(f));
        if (resolve) {
            line(text, "Resolved", text(f, "resolution") == null ? "the file no longer matches"
                    : text(f, "resolution"));
        } else {
            line(text, "What to do", advice(f));
        }
        return text.toString();
    }

    private static String advisory(JsonNode f) {
        StringBuilder text = new StringBuilder();
        line(text, "Advisory", iocs(f));
        line(text, "Aliases", joined(f.get("aliases")));
        line(text, "Summary", text(f, "summary"));
        line(text, "References", joined(f.get("references")));
        return text.toString();
    }

    /** What a person should do about a finding of this kind. */
    static String advice(JsonNode f) {
        String kind = String.valueOf(text(f, "kind"));
        return switch (kind) {
            case "package" -> "remove " + text(f, "package") + " " + text(f, "version") + " from " + text(f, "path")
                    + " (pin a version the advisory names safe), then treat every machine and CI runner that "
                    + "installed it since the commit as compromised: rotate the secrets they held.";
            case "workflow", "action" -> "disable the workflow and remove the reference, review its runs since the "
                    + "commit, and rotate the repository's and organisation's secrets those runs could read.";
            case "domain" -> "remove the reference to the domain, check egress logs for it, and find what wrote it.";
            case "ref" -> "delete the branch or tag after preserving it for investigation, and review who pushed it.";
            case "repository" -> "make the repository private after preserving it for investigation, review what it "
                    + "holds (a worm publishes stolen secrets there), and rotate the secrets of the account that "
                    + "created or published it.";
            default -> "remove the file after preserving it for investigation, and find how it got into the "
                    + "repository.";
        };
    }

    /**
     * {@code html_url} when the record has one, else {@code WEB/O/R/blob/COMMIT/PATH#Lline}; for a repository finding
     * (about no file) the repository's page, {@code WEB/O/R}.
     */
    static String link(JsonNode f, String webBaseUrl) {
        if (text(f, "html_url") != null) {
            return text(f, "html_url");
        }
        String base = webBaseUrl.endsWith("/") ? webBaseUrl.substring(0, webBaseUrl.length() - 1) : webBaseUrl;
        if ("repository".equals(text(f, "kind")) && text(f, "repo") != null) {
            return base + "/" + text(f, "repo");
        }
        if (text(f, "repo") == null || text(f, "commit") == null || text(f, "path") == null) {
            return null;
        }
        // each segment escaped, so that '#', '?' and spaces in a file name stay part of the path
        String path = Arrays.stream(text(f, "path").split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
        return base + "/" + text(f, "repo") + "/blob/" + text(f, "commit") + "/" + path
                + (text(f, "line") == null ? "" : "#L" + text(f, "line"));
    }

    private static Map<String, String> details(JsonNode f, String link) {
        Map<String, String> details = new LinkedHashMap<>();
        for (String field : List.of("finding_id", "status", "trigger", "repo", "ref", "commit", "path", "line",
                "kind", "ecosystem", "package", "version", "indicator", "severity", "summary", "pushed_at",
                "detected_at", "resolution")) {
            if (text(f, field) != null) {
                details.put(field, text(f, field));
            }
        }
        put(details, "ioc_ids", iocs(f));
        put(details, "aliases", joined(f.get("aliases")));
        put(details, "pusher", person(f.get("pusher")));
        put(details, "link", link);
        return details;
    }

    private static void list(List<JsonNode> findings, String webBaseUrl, StringBuilder text) {
        for (JsonNode f : findings.subList(0, Math.min(LISTED, findings.size()))) {
            text.append("- ").append(what(f)).append(" in ").append(where(f));
            String link = link(f, webBaseUrl);
            text.append(link == null ? "" : " " + link).append('\n');
        }
        if (findings.size() > LISTED) {
            text.append("- and ").append(findings.size() - LISTED).append(" more\n");
        }
    }

    private static Set<String> repos(List<JsonNode> findings) {
        Set<String> repos = new LinkedHashSet<>();
        findings.forEach(f -> repos.add(text(f, "repo")));
        return repos;
    }

    private static String iocs(JsonNode f) {
        return joined(f.get("ioc_ids"));
    }

    /** A pusher written as a name, or as an object with a name, login or email. */
    private static String person(JsonNode pusher) {
        if (pusher == null || pusher.isNull()) {
            return null;
        }
        if (!pusher.isObject()) {
            return pusher.asText();
        }
        List<String> parts = new ArrayList<>();
        for (String field : List.of("name", "login", "email")) {
            if (pusher.hasNonNull(field) && !parts.contains(pusher.get(field).asText())) {
                parts.add(pusher.get(field).asText());
            }
        }
        return parts.isEmpty() ? pusher.toString() : String.join(" ", parts);
    }

    private static String joined(JsonNode list) {
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            return list.asText();
        }
        List<String> values = new ArrayList<>();
        list.forEach(value -> values.add(value.isObject() && value.has("url") ? value.get("url").asText()
                : value.asText()));
        return values.isEmpty() ? null : String.join(", ", values);
    }

    private static Severity severityOf(JsonNode f) {
        try {
            return Severity.ofWire(text(f, "severity"));
        } catch (IllegalArgumentException e) {
            return Severity.LOW;
        }
    }

    static String text(JsonNode f, String field) {
        JsonNode value = f.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(label).append(": ").append(value).append('\n');
        }
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
