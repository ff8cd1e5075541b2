package io.iocstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Metric names as a Grafana dashboard's PromQL, the runbook and a Prometheus scrape name them. */
final class DashboardQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** PromQL words that look like names but are not metrics: aggregations, modifiers, keywords. */
    private static final Set<String> KEYWORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern DOCUMENTED = Pattern.compile("`(flink_[A-Za-z0-9_]+)`");

    private DashboardQueries() {}

    /** Every PromQL expression of the dashboard: its panels' (and rows' panels') targets and its query variables. */
    static List<String> expressions(Path dashboard) throws IOException {
        JsonNode root = JSON.readTree(dashboard.toFile());
        List<String> found = new ArrayList<>();
        collectTargets(root.path("panels"), found);
        for (JsonNode variable : root.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                found.add(query.isTextual() ? query.asText() : query.path("query").asText());
            }
        }
        return found;
    }

    private static void collectTargets(JsonNode node, List<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    found.add(field.getValue().asText());
                } else {
                    collectTargets(field.getValue(), found);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectTargets(element, found));
        }
    }

    /** The metric names the dashboard's expressions select. */
    static Set<String> metricNames(Path dashboard) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions(dashboard)) {
            names.addAll(metricNames(expression));
        }
        return names;
    }

    /**
     * The metric names one PromQL expression selects: what is left of its identifiers once label matchers,
     * grouping clauses, range selectors, Grafana variables, strings, numbers and durations, functions (a name before
     * a parenthesis) and keywords are taken out.
     */
    static Set<String> metricNames(String expression) {
        String rest = expression
                // Grafana's label_values(METRIC, LABEL): the label is no metric
                .replaceAll("label_values\\s*\\(([^,()]*),\\s*\\w+\\s*\\)", "($1)")
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?\\w+}?", " ")
                .replaceAll("\\b\\d+(\\.\\d+)?(e[+-]?\\d+)?(ms|[smhdwy])?\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = rest.substring(identifier.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** The {@code flink_...} names the runbook writes in backticks. */
    static Set<String> documentedMetrics(Path runbook) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = DOCUMENTED.matcher(Files.readString(runbook));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * The names in a Prometheus text exposition; a summary's {@code _count} and {@code _sum} lines name their
     * summary too, as its quantile lines do.
     */
    static Set<String> exportedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher name = IDENTIFIER.matcher(line);
            if (name.lookingAt()) {
                names.add(name.group());
            }
        }
        return names;
    }
}
